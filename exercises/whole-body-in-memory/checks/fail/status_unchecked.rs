//! Wrong: streams correctly, but saves whatever the server answered, a 404 page included.

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// No `error_for_status()`: an error page is a body like any other to `chunk()`.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let mut response = client.get(url).send().await?;
    let mut written = 0;
    while let Some(chunk) = response.chunk().await? {
        sink.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    sink.flush().await?;
    Ok(written)
}
