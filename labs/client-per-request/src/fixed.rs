//! The fix: one `Client` for the whole job, shared.
//!
//! `reqwest::Client` is an `Arc` around its pool, so cloning it is a reference count and every
//! clone draws from the same idle connections. Build it once, where the job starts (or once
//! per process), and hand out clones or references: a request finds the connection the last
//! one left idle and skips the connect. reqwest's defaults already keep every idle connection
//! (`pool_max_idle_per_host` is unlimited) for 90 s, and already set `TCP_NODELAY`.

use crate::contract::{ApiClient, Fetch, get_body};

/// One client, built once; its clones share one pool.
#[derive(Debug, Clone)]
pub struct Shared {
    client: reqwest::Client,
}

impl Shared {
    /// Builds the one client of the job, with reqwest's defaults.
    pub fn new() -> Shared {
        Shared {
            client: reqwest::Client::new(),
        }
    }
}

impl Default for Shared {
    fn default() -> Shared {
        Shared::new()
    }
}

impl ApiClient for Shared {
    fn fetch<'a>(&'a self, url: &'a str) -> Fetch<'a> {
        Box::pin(get_body(&self.client, url))
    }
}
