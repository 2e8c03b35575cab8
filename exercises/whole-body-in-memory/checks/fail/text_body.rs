//! Wrong: `text()` instead of `bytes()`: still the whole body, and no longer its bytes.

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Reads the body as a `String` (lossy UTF-8), then writes it.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let body = client.get(url).send().await?.error_for_status()?.text().await?;
    sink.write_all(body.as_bytes()).await?;
    sink.flush().await?;
    Ok(body.len() as u64)
}
