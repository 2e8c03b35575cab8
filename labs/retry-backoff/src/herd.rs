//! The thundering herd: many clients that failed together, retrying against one server.
//!
//! `clients` clients call the in-memory server at the same instant, while it is down (503 to
//! everything for `outage`); then it comes back rate-limited, answering at most `per_window`
//! requests per 100 ms with 200 and the rest with 429. Each client runs one variant's loop. A
//! policy with no jitter sends every client's retry at the same instant, so each retry is a
//! wave of the whole herd against a server that can take a tenth of it; full jitter spreads
//! them over the wait. The run is on a paused clock, so its instants are exact.

use std::time::Duration;

use reqwest::StatusCode;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::contract::{Config, Jitter};
use crate::memory::Memory;
use crate::script::Script;
use crate::variants::Variant;

/// The window requests are counted in.
pub const WINDOW: Duration = Duration::from_millis(100);

/// One herd.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Herd {
    /// Clients, all starting at once.
    pub clients: usize,
    /// How long the server is down at the start.
    pub outage: Duration,
    /// Requests per [`WINDOW`] it answers with 200 once up.
    pub per_window: u32,
    /// The clients' configuration.
    pub config: Config,
}

impl Herd {
    /// The chapter's herd: 100 clients, down for 1 s, then 10 requests per 100 ms (so it could
    /// serve the whole herd in one more second), each client with [`Config::USUAL`].
    pub const USUAL: Herd = Herd {
        clients: 100,
        outage: Duration::from_secs(1),
        per_window: 10,
        config: Config::USUAL,
    };
}

/// What a herd did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stampede {
    /// The most requests in one 100 ms window once the server is back.
    pub peak: usize,
    /// Requests in all.
    pub requests: usize,
    /// Clients that got their 200.
    pub served: usize,
    /// When the last client that got a 200 got it.
    pub last_served: Duration,
    /// When the last client returned (served or given up).
    pub done: Duration,
}

/// Runs `herd` with every client on `variant`, client `i` seeding its jitter with `i`. Call it
/// inside a paused current-thread runtime.
pub async fn run(variant: Variant, herd: Herd) -> Stampede {
    let server = Memory::new(Script::RateLimited {
        outage: herd.outage,
        per_window: herd.per_window,
        window: WINDOW,
    });
    let started = Instant::now();
    let mut clients = JoinSet::new();
    for i in 0..herd.clients {
        let server = server.clone();
        let config = herd.config;
        clients.spawn(async move {
            let sent = variant
                .call(&config, Jitter::seeded(i as u64), || {
                    let server = server.clone();
                    async move { server.answer().await }
                })
                .await;
            let ok = matches!(&sent, Ok(response) if response.status() == StatusCode::OK);
            (ok, started.elapsed())
        });
    }
    let mut served = 0;
    let mut last_served = Duration::ZERO;
    while let Some(joined) = clients.join_next().await {
        // A loop that panics (a variant with `% 0`, say) counts as a client not served.
        if let Ok((true, at)) = joined {
            served += 1;
            last_served = last_served.max(at);
        }
    }
    Stampede {
        peak: server.peak(WINDOW, herd.outage),
        requests: server.requests(),
        served,
        last_served,
        done: started.elapsed(),
    }
}

/// A paused current-thread runtime, for the probe and the tests.
pub fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a paused current-thread runtime")
}
