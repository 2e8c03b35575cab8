//! Wrong: reads with `chunk()` but appends every chunk to one buffer, written at the end.

use tokio::io::{AsyncWrite, AsyncWriteExt};

/// The chunk loop of the fix, with the body gathered in a `Vec<u8>` anyway.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let mut response = client.get(url).send().await?.error_for_status()?;
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        body.extend_from_slice(&chunk);
    }
    sink.write_all(&body).await?;
    sink.flush().await?;
    Ok(body.len() as u64)
}
