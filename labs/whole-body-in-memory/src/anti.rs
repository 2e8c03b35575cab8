//! The anti-pattern: `response.bytes().await`, then write.
//!
//! `bytes()` reads the body to its end into one buffer and only then returns it. For a small
//! JSON answer that is what you want; for a download it means the process holds the whole
//! file in memory before the first byte reaches the disk: a 2 GiB attachment is a 2 GiB
//! allocation (more while the buffer grows, if the server sent no length), and a few such
//! downloads at once are an out-of-memory kill. Nothing about it is slow on a small body, so
//! the tests of the happy path never notice.

use tokio::io::AsyncWriteExt;

use crate::contract::{Download, Saving, Sink, get};

/// Reads the whole body with `bytes()`, then writes it.
#[derive(Debug, Default)]
pub struct WholeBody;

impl Download for WholeBody {
    fn download<'a>(
        &'a self,
        client: &'a reqwest::Client,
        url: &'a str,
        sink: Sink<'a>,
    ) -> Saving<'a> {
        Box::pin(async move {
            let body = get(client, url).await?.bytes().await?;
            sink.write_all(&body).await?;
            sink.flush().await?;
            Ok(body.len() as u64)
        })
    }
}
