//! A variant: one shared `Client`, but built with `pool_max_idle_per_host(0)`.
//!
//! The client is shared, as the fix says, yet it keeps no connection idle: each one is closed
//! as soon as its response is read. This is the anti-pattern's cost with the fix's shape, and
//! it is what a "to be safe, don't keep stale connections" setting does. It shows that the
//! saving is the idle connection, not the `Client` object.

use crate::contract::{ApiClient, Fetch, get_body};

/// One client whose pool keeps nothing.
#[derive(Debug, Clone)]
pub struct NoIdlePool {
    client: reqwest::Client,
}

impl NoIdlePool {
    /// Builds the client with no idle connections allowed.
    pub fn new() -> anyhow::Result<NoIdlePool> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()?;
        Ok(NoIdlePool { client })
    }
}

impl ApiClient for NoIdlePool {
    fn fetch<'a>(&'a self, url: &'a str) -> Fetch<'a> {
        Box::pin(get_body(&self.client, url))
    }
}
