//! One run of the job against the loopback API, and what the server saw.
//!
//! The tests, the probe and the demo all ask the same questions of a run: did every id get
//! its answer, how many requests did the server have in flight at most, how many connections
//! did it accept, how long did the job take, and how many requests started in its busiest
//! second. [`Scenario::run`] answers them for one variant; on a paused clock
//! ([`paused_runtime`]) the times are exact and the same on every machine.

use std::sync::Arc;
use std::time::Duration;

use loopback_http::Counts;
use tokio::time::Instant;

use crate::contract::{Bounds, Fetcher, expected};
use crate::rate::busiest_window;
use crate::server::{self, Http, Latency, OnArrival};
use crate::variants::Variant;
use crate::wire::Wire;

/// A job: how many ids, within which bounds, against a server of which latency.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Ids to fetch, `0..inputs`.
    pub inputs: usize,
    /// The job's cap and quota.
    pub bounds: Bounds,
    /// How long the server takes per item.
    pub latency: Latency,
}

/// What one run did, seen from the server.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The variant that ran.
    pub variant: Variant,
    /// Ids in the job.
    pub inputs: usize,
    /// Every id answered, with its own answer, exactly once.
    pub all_answered: bool,
    /// The server's counters after the job.
    pub counts: Counts,
    /// From the job's start to its last answer.
    pub makespan: Duration,
    /// Requests that arrived within the busiest window of one second.
    pub busiest_second: usize,
}

impl Scenario {
    /// `inputs` ids within the lab's usual bounds, each taking `latency`.
    pub fn new(inputs: usize, latency: Latency) -> Scenario {
        Scenario {
            inputs,
            bounds: Bounds::USUAL,
            latency,
        }
    }

    /// Runs `variant` against a fresh server and client; `on_arrival` runs in the server's
    /// handler at every request.
    pub async fn run(
        &self,
        variant: Variant,
        on_arrival: Option<OnArrival>,
    ) -> anyhow::Result<Outcome> {
        self.run_with_api_on(variant, on_arrival, None).await
    }

    /// [`Scenario::run`], with the server's tasks on `api` when it is given (another
    /// runtime, as a real API is another process), on the job's own runtime otherwise.
    pub async fn run_with_api_on(
        &self,
        variant: Variant,
        on_arrival: Option<OnArrival>,
        api: Option<&tokio::runtime::Handle>,
    ) -> anyhow::Result<Outcome> {
        // Always counted: the probe and the tests run it on a paused clock, and on a clock
        // that is not paused the hold costs a blocking-pool hand-off now and then, no more.
        let wire = Wire::new();
        let starting = server::start_watched(
            self.latency.clone(),
            self.inputs,
            on_arrival,
            Some(wire.clone()),
        );
        // The server spawns its accept loop on the runtime it starts on, and every connection
        // task from there, so starting it on `api` puts all of it there.
        let api = match api {
            Some(runtime) => runtime.spawn(starting).await??,
            None => starting.await?,
        };
        let fetcher: Fetcher = Arc::new(Http::new(&api).on_wire(wire));
        let ids: Vec<u64> = (0..self.inputs as u64).collect();
        let started = Instant::now();
        let mut answers = variant
            .fetch_all(&fetcher, ids.clone(), self.bounds)
            .await?;
        let makespan = started.elapsed();
        answers.sort_unstable();
        let mut wanted: Vec<u64> = ids.into_iter().map(expected).collect();
        wanted.sort_unstable();
        Ok(Outcome {
            variant,
            inputs: self.inputs,
            all_answered: answers == wanted,
            counts: api.counts(),
            makespan,
            busiest_second: busiest_window(&api.arrivals(), Duration::from_secs(1)),
        })
    }
}

/// A current-thread runtime on a paused clock: the server's latency and the limiter's waits
/// cost no real time, and every instant is exact. No timer is pending while a request is on
/// the wire but the server's own sleeps, so the clock moves only when every task waits for one.
pub fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a paused current-thread runtime")
}
