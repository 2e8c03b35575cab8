//! The in-memory server: a [`Script`] answered without a socket, for the experiments that run
//! thousands of loops (the properties over every count, the herd of clients).
//!
//! Its answers are real `reqwest::Response`s (built from an `http::Response`), so a loop reads
//! them exactly as it reads the loopback server's: `error_for_status()` and all. Each arrival
//! is stamped with Tokio's clock, so under paused time the stamps are exact.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use crate::contract::Sent;
use crate::script::{Log, Script};

/// A server that answers by `script`, shared by every client that calls it.
#[derive(Debug, Clone)]
pub struct Memory {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    script: Script,
    started: Instant,
    log: Mutex<Log>,
}

impl Memory {
    /// A server whose clock starts now.
    pub fn new(script: Script) -> Memory {
        Memory {
            inner: Arc::new(Inner {
                script,
                started: Instant::now(),
                log: Mutex::new(Log::default()),
            }),
        }
    }

    /// One request: its answer, stamped now.
    pub async fn answer(&self) -> Sent {
        let at = self.inner.started.elapsed();
        let status = self
            .inner
            .log
            .lock()
            .expect("no answer panics")
            .answer(&self.inner.script, at);
        let response = reqwest::Response::from(
            hyper::Response::builder()
                .status(status)
                .body(String::new())
                .expect("a status and an empty body make a response"),
        );
        Ok(response)
    }

    /// The requests so far.
    pub fn requests(&self) -> usize {
        self.inner
            .log
            .lock()
            .expect("no answer panics")
            .arrivals
            .len()
    }

    /// When each request arrived, since the server started.
    pub fn arrivals(&self) -> Vec<Duration> {
        self.inner
            .log
            .lock()
            .expect("no answer panics")
            .arrivals
            .clone()
    }

    /// The most requests within one `window`, from `from` on.
    pub fn peak(&self, window: Duration, from: Duration) -> usize {
        self.inner
            .log
            .lock()
            .expect("no answer panics")
            .peak(window, from)
    }
}
