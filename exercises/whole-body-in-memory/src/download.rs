//! Save one download into a writer (in production, a file).
//!
//! This works, and every test with a small file passes. Then an attachment of 2 GiB arrives
//! and the process allocates 2 GiB before it writes a byte. Make the memory this function
//! holds independent of the body's size, without giving up any of the rest: every byte in
//! order, the writer flushed, an error status or a body cut short reported as an error.

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// GETs `url` and writes the body into `sink`; returns the body's length.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let response = client.get(url).send().await?.error_for_status()?;
    let body = response.bytes().await?;
    sink.write_all(&body).await?;
    sink.flush().await?;
    Ok(body.len() as u64)
}
