//! The contract every variant keeps: an API client that fetches one URL and hands back the
//! size of the body, and the sync job that calls it many times.
//!
//! A variant is only *where the `reqwest::Client` lives and how it is configured*; the job
//! ([`crate::job`]) is the same for all of them, so the connections the server counts, the
//! sockets the kernel keeps and the time criterion measures differ by that one decision.
//!
//! The rules a correct client keeps against an HTTP/1.1 server that keeps connections alive:
//!
//! - every request is answered (a body, or the server's error status as an `Err`);
//! - the connections it opens depend on how many requests it has *in flight at once*, never on
//!   how many it has made: a job of a thousand requests one at a time opens one connection;
//! - a connection it is done with stays open for the next request, so it leaves no `TIME_WAIT`
//!   socket behind while it lives.

use std::future::Future;
use std::pin::Pin;

/// What one fetch returns: the body's length, or what went wrong (connect, protocol, status).
pub type Fetched = anyhow::Result<usize>;

/// One fetch in flight, boxed so that every variant fits behind one object-safe trait.
pub type Fetch<'a> = Pin<Box<dyn Future<Output = Fetched> + Send + 'a>>;

/// An HTTP API client, as the sync job sees it.
pub trait ApiClient: Send + Sync {
    /// GETs `url` and reads the whole body; a status other than 2xx is an error.
    fn fetch<'a>(&'a self, url: &'a str) -> Fetch<'a>;
}

/// The request every `reqwest` variant sends: GET, status checked, body read to the end (a
/// connection goes back to the pool only once its response body is read).
pub async fn get_body(client: &reqwest::Client, url: &str) -> Fetched {
    let body = client
        .get(url)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    Ok(body.len())
}
