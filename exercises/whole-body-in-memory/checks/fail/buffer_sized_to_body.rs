//! Wrong: writes chunk by chunk, through a `BufWriter` as large as the body.

use tokio::io::{AsyncWrite, AsyncWriteExt, BufWriter};

/// "Fewer writes are faster": a buffer of `Content-Length` bytes holds the whole body.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let mut response = client.get(url).send().await?.error_for_status()?;
    let size = response.content_length().unwrap_or(0) as usize;
    let mut buffered = BufWriter::with_capacity(size.max(8 * 1024), sink);
    let mut written = 0;
    while let Some(chunk) = response.chunk().await? {
        buffered.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    buffered.flush().await?;
    Ok(written)
}
