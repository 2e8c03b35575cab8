//! The same fix in one line: the body as an `AsyncRead`, copied with `tokio::io::copy`.
//!
//! `bytes_stream()` is the body as a `Stream` of chunks; tokio-util's `StreamReader` turns a
//! stream of byte chunks into an `AsyncRead`, and `tokio::io::copy` moves an `AsyncRead` into
//! an `AsyncWrite` through one fixed buffer, flushing at the end. Memory is bounded as in
//! [`crate::fixed`], and the loop is written by tokio.

use futures_util::TryStreamExt;
use tokio_util::io::StreamReader;

use crate::contract::{Download, Saving, Sink, get};

/// Copies the body, as a reader, into the writer.
#[derive(Debug, Default)]
pub struct StreamCopy;

impl Download for StreamCopy {
    fn download<'a>(
        &'a self,
        client: &'a reqwest::Client,
        url: &'a str,
        sink: Sink<'a>,
    ) -> Saving<'a> {
        Box::pin(async move {
            let body = get(client, url).await?.bytes_stream();
            // `StreamReader` wants `io::Error`s; a broken body stays an error, now of I/O.
            let mut reader = StreamReader::new(body.map_err(std::io::Error::other));
            Ok(tokio::io::copy(&mut reader, sink).await?)
        })
    }
}
