//! What the workers did: a request that waits must cost its worker a poll or two, not a poll
//! every few milliseconds for as long as it waits.
//!
//! `heartbeat.rs` shows that other tasks got turns. A handler can give them turns and still
//! keep the workers busy: spinning on `yield_now` until the deadline passes, or sleeping the
//! thread in 10 ms slices with a yield between them. Both look free from outside; both burn a
//! worker for the whole backoff. The runtime itself knows: its metrics count every poll
//! each worker made (`RuntimeMetrics::worker_poll_count`, available because
//! `.cargo/config.toml` sets `--cfg tokio_unstable`). A request that waits on a timer, or on
//! a thread that may block, is polled when it starts and when its wait is over: about two
//! polls. So the test runs eight requests with a one-second backoff on a runtime of its own,
//! and allows ten polls per request on average, counted over every task on every worker
//! (tasks a handler spawns count too). A yield every 100 ms or more gets under that budget;
//! blocking that long at a time is what `heartbeat.rs` catches. Counts, not clocks: a loaded
//! machine changes how long a poll takes, not how many there are.

use std::time::{Duration, Instant};

use exercise_blocking_in_async::support::answer;
use exercise_blocking_in_async::{Request, handle};

const WORKERS: usize = 2;
const REQUESTS: u64 = 8;
const BACKOFF: Duration = Duration::from_secs(1);
/// Polls per request allowed on average; a request that really waits needs about two.
const POLL_BUDGET: u64 = 10;
/// How long shutting the runtime down may take once every request is answered (a hang guard).
const SHUTDOWN: Duration = Duration::from_secs(30);

#[test]
fn a_waiting_request_costs_its_worker_a_few_polls() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .enable_time()
        .build()
        .unwrap();
    let metrics = runtime.metrics();
    runtime.block_on(async {
        let requests: Vec<_> = (0..REQUESTS)
            .map(|key| {
                tokio::spawn(async move {
                    let start = Instant::now();
                    let response = handle(Request {
                        key,
                        backoff: BACKOFF,
                    })
                    .await;
                    (key, response, start.elapsed())
                })
            })
            .collect();
        for request in requests {
            let (key, response, waited) = request.await.unwrap();
            assert_eq!(response, answer(key), "wrong response to request {key}");
            assert!(
                waited >= BACKOFF,
                "request {key} was answered after {waited:?}, before its {BACKOFF:?} backoff"
            );
        }
    });
    // Workers hand their counts to the metrics when they park or shut down: shutting down
    // makes sure every poll is counted.
    runtime.shutdown_timeout(SHUTDOWN);
    let polls: u64 = (0..WORKERS).map(|w| metrics.worker_poll_count(w)).sum();
    assert!(
        polls <= POLL_BUDGET * REQUESTS,
        "the workers polled {polls} times for {REQUESTS} requests ({} per request; a request \
         that waits needs about 2): the handler keeps coming back to a worker while it waits, \
         spinning on yield_now or sleeping the thread in slices. Wait on something that wakes \
         the task when the time is up",
        polls / REQUESTS
    );
}
