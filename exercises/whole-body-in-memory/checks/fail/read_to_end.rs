//! Wrong: the body as an `AsyncRead`, then `read_to_end` into a `Vec`.

use futures_util::TryStreamExt;
use tokio::io::{AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio_util::io::StreamReader;

/// The right adapter, used to do what `bytes()` did.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let response = client.get(url).send().await?.error_for_status()?;
    let mut reader = StreamReader::new(response.bytes_stream().map_err(std::io::Error::other));
    let mut body = Vec::new();
    reader.read_to_end(&mut body).await?;
    sink.write_all(&body).await?;
    sink.flush().await?;
    Ok(body.len() as u64)
}
