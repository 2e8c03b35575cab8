//! The second anti-pattern: stream the body, then collect the chunks anyway.
//!
//! The code looks like streaming: it asks for the body chunk by chunk (`bytes_stream()`), the
//! way a row stream is read from a database. But every chunk is pushed onto a `Vec` and the
//! writing starts only after the last one, so the whole body is in memory at once, as with
//! `bytes()`, with a vector of chunk handles on top. A comment promising to "batch later"
//! does not change what is held.

use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

use crate::contract::{Download, Saving, Sink, get};

/// Streams the body into a `Vec` of chunks, then writes them.
#[derive(Debug, Default)]
pub struct Collected;

impl Download for Collected {
    fn download<'a>(
        &'a self,
        client: &'a reqwest::Client,
        url: &'a str,
        sink: Sink<'a>,
    ) -> Saving<'a> {
        Box::pin(async move {
            let mut stream = get(client, url).await?.bytes_stream();
            let mut chunks = Vec::new();
            while let Some(chunk) = stream.next().await {
                chunks.push(chunk?);
            }
            let mut written = 0;
            for chunk in &chunks {
                sink.write_all(chunk).await?;
                written += chunk.len() as u64;
            }
            sink.flush().await?;
            Ok(written)
        })
    }
}
