//! Right: the body as an `AsyncRead`, copied with `tokio::io::copy` (which flushes).

use futures_util::TryStreamExt;
use tokio::io::AsyncWrite;
use tokio_util::io::StreamReader;

/// One fixed buffer between the socket and the writer.
pub async fn download<W: AsyncWrite + Unpin>(
    client: &reqwest::Client,
    url: &str,
    sink: &mut W,
) -> anyhow::Result<u64> {
    let response = client.get(url).send().await?.error_for_status()?;
    let mut reader = StreamReader::new(response.bytes_stream().map_err(std::io::Error::other));
    Ok(tokio::io::copy(&mut reader, sink).await?)
}
