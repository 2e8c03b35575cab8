//! The property the exercise is about: while every worker has a request waiting out a long
//! backoff, the other tasks keep running.
//!
//! Judged by which comes first: the heartbeat finishing its beats, or any request being
//! answered. The backoff is one second and the heartbeat needs twenty turns on a worker, five
//! milliseconds apart, so a handler that leaves the workers free always lets the heartbeat
//! finish first, and one that blocks them never does. Twenty turns, not a few: a handler that
//! blocks in slices and yields between them (sleep 300 ms, yield, sleep again) lets the
//! heartbeat in only once a slice, and twenty slices of a tenth of the backoff or more take
//! longer than the backoff. Finer slices pass here; `polls.rs` counts them.

use std::time::Duration;

use exercise_blocking_in_async::{Request, handle};
use tokio::sync::mpsc;

/// Worker threads of the service's runtime.
const WORKERS: usize = 2;
/// Slow requests in flight: more than the workers, so each worker gets at least one.
const REQUESTS: u64 = 4;
/// How long each request must wait before answering.
const BACKOFF: Duration = Duration::from_secs(1);
/// The heartbeat's beats, and the time between two of them.
const BEATS: u32 = 20;
const BEAT: Duration = Duration::from_millis(5);

#[derive(Debug, PartialEq, Eq)]
enum Event {
    HeartbeatDone,
    Answered(u64),
}

#[test]
fn the_heartbeat_keeps_beating_while_every_worker_has_a_slow_request() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .enable_time()
        .build()
        .unwrap();
    let first = runtime.block_on(async {
        // Room for every event, so no sender ever waits.
        let (events, mut first) = mpsc::channel(REQUESTS as usize + 1);
        for key in 0..REQUESTS {
            let events = events.clone();
            tokio::spawn(async move {
                let response = handle(Request {
                    key,
                    backoff: BACKOFF,
                })
                .await;
                let _ = events.send(Event::Answered(response.key)).await;
            });
        }
        tokio::spawn(async move {
            for _ in 0..BEATS {
                tokio::time::sleep(BEAT).await;
            }
            let _ = events.send(Event::HeartbeatDone).await;
        });
        first.recv().await.unwrap()
    });
    // Do not wait for the slow requests (or for threads a blocking handler left asleep).
    runtime.shutdown_background();
    assert_eq!(
        first,
        Event::HeartbeatDone,
        "a request was answered before the heartbeat could beat {BEATS} times: while the \
         requests waited, the heartbeat could not run (or a request did not wait its backoff)"
    );
}
