//! Wrong: `while let Ok(Some(chunk))` ends the loop on an error as if the body had ended.

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Memory is flat, but a server that breaks off leaves a short file reported as complete.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let mut response = client.get(url).send().await?.error_for_status()?;
    let mut written = 0;
    while let Ok(Some(chunk)) = response.chunk().await {
        sink.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    sink.flush().await?;
    Ok(written)
}
