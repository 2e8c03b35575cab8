//! Waits run side by side: a short backoff is not stuck behind long ones.
//!
//! `answers.rs` checks that no response comes before its backoff is over, but not that it
//! comes when its backoff is over. A handler that makes requests wait in line (one at a time
//! behind a lock, or on one thread, or on a pool with a thread per core) still answers each
//! request after its backoff, only much later. So sixty-four requests with a one-second
//! backoff start first, then one with a 10 ms backoff: waits that run side by side answer the
//! short one first, and a queue answers it later. Decided by which comes first, so a loaded
//! machine would have to stall the short request for most of a second to change the result.
//! Every long request must also have waited its full second (a capped backoff is shortened).

use std::time::{Duration, Instant};

use exercise_blocking_in_async::support::answer;
use exercise_blocking_in_async::{Request, handle};
use tokio::sync::mpsc;

const LONG_REQUESTS: u64 = 64;
const LONG: Duration = Duration::from_secs(1);
const SHORT: Duration = Duration::from_millis(10);
const SHORT_KEY: u64 = 1_000;

#[test]
fn a_short_backoff_is_answered_before_long_ones_started_earlier() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap();
    let order = runtime.block_on(async {
        // Room for every answer, so no sender ever waits.
        let (answers, mut arrived) = mpsc::channel(LONG_REQUESTS as usize + 1);
        let keys = (0..LONG_REQUESTS)
            .map(|key| (key, LONG))
            .chain([(SHORT_KEY, SHORT)]);
        for (key, backoff) in keys {
            let answers = answers.clone();
            tokio::spawn(async move {
                let start = Instant::now();
                let response = handle(Request { key, backoff }).await;
                let _ = answers
                    .send((key, backoff, response, start.elapsed()))
                    .await;
            });
        }
        drop(answers);
        let mut order = Vec::new();
        while let Some((key, backoff, response, waited)) = arrived.recv().await {
            assert_eq!(response, answer(key), "wrong response to request {key}");
            assert!(
                waited >= backoff,
                "request {key} was answered after {waited:?}, before its {backoff:?} backoff \
                 was over"
            );
            order.push(key);
            if order[0] != SHORT_KEY {
                // Decided: no need to sit through a queue of one-second waits.
                break;
            }
        }
        order
    });
    // Do not wait for requests still queued (or for threads a blocking handler left asleep).
    runtime.shutdown_background();
    assert_eq!(
        order[0], SHORT_KEY,
        "a request with a {LONG:?} backoff was answered before the {SHORT:?} one that started \
         just after it: the waits run one after another (a lock around the wait, one thread or \
         a small pool doing the waiting)"
    );
    assert_eq!(
        order.len() as u64,
        LONG_REQUESTS + 1,
        "every request is answered"
    );
}
