//! Wrong: `if let` where a `while let` belongs: only the first chunk is written.

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Right for every body smaller than one chunk, which is every body a quick test tries.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let mut response = client.get(url).send().await?.error_for_status()?;
    let mut written = 0;
    if let Some(chunk) = response.chunk().await? {
        sink.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    sink.flush().await?;
    Ok(written)
}
