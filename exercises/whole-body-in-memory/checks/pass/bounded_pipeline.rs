//! Right: a reader task and this task as the writer, joined by a channel of four chunks.

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// The channel's bound is the backpressure: when four chunks wait, the reader waits too.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let mut response = client.get(url).send().await?.error_for_status()?;
    let (chunks, mut arriving) = tokio::sync::mpsc::channel(4);
    let reader = tokio::spawn(async move {
        while let Some(chunk) = response.chunk().await? {
            if chunks.send(chunk).await.is_err() {
                break;
            }
        }
        anyhow::Ok(())
    });
    let mut written = 0;
    while let Some(chunk) = arriving.recv().await {
        sink.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    // The reader's error (a body cut short) is the download's error.
    reader.await??;
    sink.flush().await?;
    Ok(written)
}
