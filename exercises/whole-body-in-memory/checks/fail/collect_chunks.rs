//! Wrong: streams the body with `bytes_stream()`, then collects every chunk before writing.

use futures_util::StreamExt;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// Streams in name only: the whole body is in the `Vec` before the first write.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let response = client.get(url).send().await?.error_for_status()?;
    let mut stream = response.bytes_stream();
    let mut chunks = Vec::new();
    while let Some(chunk) = stream.next().await {
        chunks.push(chunk?);
    }
    let mut written = 0;
    for chunk in chunks {
        sink.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    sink.flush().await?;
    Ok(written)
}
