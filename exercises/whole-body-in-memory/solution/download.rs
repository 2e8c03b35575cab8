//! The reference fix: each chunk written as it arrives.
//!
//! `chunk()` returns the next piece of the body as soon as hyper has it, so the function holds
//! one chunk at a time. While a write waits, nobody reads the socket, and TCP slows the
//! server down: a slow disk costs time, not memory.

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// GETs `url` and writes the body into `sink` chunk by chunk; returns the body's length.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let mut response = client.get(url).send().await?.error_for_status()?;
    let mut written = 0;
    // An error part-way (the server broke off) comes out of `chunk()` and is returned.
    while let Some(chunk) = response.chunk().await? {
        sink.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    sink.flush().await?;
    Ok(written)
}
