//! The contract every variant keeps: download one URL into a writer the caller chose.
//!
//! The writer is usually a file, but the variant does not choose it: a test hands in a writer
//! that checks every byte and samples the heap, the bench a file in a temporary directory.
//! So the variants differ in one decision only, how much of the body they hold before they
//! write it.
//!
//! The rules of a correct download:
//!
//! - every byte of the body reaches the writer, in order, and the writer is flushed;
//! - a status other than 2xx is an error, and so is a body that ends before its
//!   `Content-Length` (a server that broke off): a short file must never look like a whole one;
//! - the memory it holds does not grow with the body: a bounded amount, whatever the size
//!   (the fixes; the anti-patterns hold the whole body).

use std::future::Future;
use std::pin::Pin;

use tokio::io::AsyncWrite;

/// Where the body goes: any writer, boxed so that every variant fits one object-safe trait.
pub type Sink<'a> = &'a mut (dyn AsyncWrite + Unpin + Send);

/// One download in flight: the body's length once it is all written.
pub type Saving<'a> = Pin<Box<dyn Future<Output = anyhow::Result<u64>> + Send + 'a>>;

/// A way of downloading a body into a writer.
pub trait Download: Send + Sync {
    /// GETs `url` with `client` and writes the body into `sink`.
    fn download<'a>(
        &'a self,
        client: &'a reqwest::Client,
        url: &'a str,
        sink: Sink<'a>,
    ) -> Saving<'a>;
}

/// The request every variant sends: GET, and a status other than 2xx is an error.
pub async fn get(client: &reqwest::Client, url: &str) -> anyhow::Result<reqwest::Response> {
    Ok(client.get(url).send().await?.error_for_status()?)
}

/// The client every download of this lab uses: reqwest's defaults, which is what the guide's
/// code gets (and the benches need no dependency on reqwest of their own).
pub fn client() -> reqwest::Client {
    reqwest::Client::new()
}
