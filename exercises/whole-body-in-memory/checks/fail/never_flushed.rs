//! Wrong: streams through a `BufWriter` and never flushes it: the tail never reaches the file.

use tokio::io::{AsyncWrite, AsyncWriteExt, BufWriter};

/// Every chunk is written into the buffer; the last few KiB die with it.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let mut response = client.get(url).send().await?.error_for_status()?;
    let mut buffered = BufWriter::new(sink);
    let mut written = 0;
    while let Some(chunk) = response.chunk().await? {
        buffered.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    Ok(written)
}
