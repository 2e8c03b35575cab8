//! Right: `bytes_stream()`, each item written before the next is asked for.

use futures_util::StreamExt;
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// The stream form of the chunk loop.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let mut stream = client.get(url).send().await?.error_for_status()?.bytes_stream();
    let mut written = 0;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        sink.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    sink.flush().await?;
    Ok(written)
}
