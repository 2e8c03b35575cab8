//! The guide's client (seed 004 §3.1), line by line, and the variant that runs it.
//!
//! The guide builds one client for a desktop app's API calls with nine settings. Four of them
//! are about this lab, and the chapter measures each:
//!
//! - `pool_max_idle_per_host(8)`: "reuse connections". reqwest's default keeps *every* idle
//!   connection; 8 keeps at most eight, so a job with more than eight requests in flight closes
//!   the rest after each burst and opens them again in the next one.
//! - `pool_idle_timeout(90 s)`: reqwest's default already.
//! - `tcp_nodelay(true)`: "disable Nagle's algorithm". reqwest's default already.
//! - `http2_prior_knowledge()`: "better for multiplexing". The client then speaks HTTP/2 from
//!   the first byte, without asking; a server that speaks only HTTP/1.1 (this lab's, and many
//!   behind a plain-HTTP proxy) cannot answer, and *every* request fails.
//!
//! [`as_printed`] is the builder with all of them; [`GuidePool`] is the variant the bench
//! runs, the guide's builder without `http2_prior_knowledge()` (which would fail every
//! request here) and without the user agent (which changes nothing on the wire that matters).

use std::time::Duration;

use crate::contract::{ApiClient, Fetch, get_body};

/// The guide's builder, every line of it, `http2_prior_knowledge()` included.
pub fn as_printed() -> reqwest::ClientBuilder {
    pool_settings()
        .http2_prior_knowledge()
        .user_agent("lab-client/1.0")
}

/// The guide's settings but `http2_prior_knowledge()` and the user agent.
pub fn pool_settings() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .pool_max_idle_per_host(8)
        .pool_idle_timeout(Duration::from_secs(90))
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(30))
        .tcp_keepalive(Duration::from_secs(60))
        .tcp_nodelay(true)
}

/// One client with the guide's pool settings: at most eight idle connections per host.
#[derive(Debug, Clone)]
pub struct GuidePool {
    client: reqwest::Client,
}

impl GuidePool {
    /// Builds the guide's client, prior knowledge left out.
    pub fn new() -> anyhow::Result<GuidePool> {
        Ok(GuidePool {
            client: pool_settings().build()?,
        })
    }
}

impl ApiClient for GuidePool {
    fn fetch<'a>(&'a self, url: &'a str) -> Fetch<'a> {
        Box::pin(get_body(&self.client, url))
    }
}
