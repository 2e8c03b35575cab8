//! The fix: write each chunk as it arrives.
//!
//! `Response::chunk()` hands over the next piece of the body as soon as hyper has it, and
//! `None` at the end. Writing each piece before asking for the next keeps one chunk in
//! memory (plus hyper's read buffer), whatever the size of the body. It also carries
//! backpressure for free: while the write waits (a slow disk), nobody reads the socket, the
//! kernel's receive buffer fills, and TCP tells the server to stop sending.
//!
//! An error part-way (the server broke off, the connection reset) comes out of `chunk()` as an
//! `Err`, and `?` returns it: the caller learns that the file is short.

use tokio::io::AsyncWriteExt;

use crate::contract::{Download, Saving, Sink, get};

/// Writes the body chunk by chunk as it arrives.
#[derive(Debug, Default)]
pub struct ChunkByChunk;

impl Download for ChunkByChunk {
    fn download<'a>(
        &'a self,
        client: &'a reqwest::Client,
        url: &'a str,
        sink: Sink<'a>,
    ) -> Saving<'a> {
        Box::pin(async move {
            let mut response = get(client, url).await?;
            let mut written = 0;
            while let Some(chunk) = response.chunk().await? {
                sink.write_all(&chunk).await?;
                written += chunk.len() as u64;
            }
            // A buffered writer (a `BufWriter` around a file) holds the tail until flushed.
            sink.flush().await?;
            Ok(written)
        })
    }
}
