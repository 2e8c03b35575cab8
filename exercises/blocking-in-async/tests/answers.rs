//! The handler still does its job: the right response, and never before the backoff is over.

use std::time::{Duration, Instant};

use exercise_blocking_in_async::support::answer;
use exercise_blocking_in_async::{Request, handle};

#[test]
fn every_response_is_right_and_comes_after_its_backoff() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap();
    runtime.block_on(async {
        let requests: Vec<_> = (0..8u64)
            .map(|key| {
                let request = Request {
                    key,
                    backoff: Duration::from_millis(20 + 5 * key),
                };
                tokio::spawn(async move {
                    let start = Instant::now();
                    let response = handle(request).await;
                    (request, response, start.elapsed())
                })
            })
            .collect();
        for request in requests {
            let (request, response, waited) = request.await.unwrap();
            assert_eq!(
                response,
                answer(request.key),
                "wrong response to {request:?}"
            );
            // A sleep may last longer than asked, never shorter, so this holds on any machine.
            assert!(
                waited >= request.backoff,
                "answered after {waited:?}, before the {:?} backoff was over",
                request.backoff
            );
        }
    });
}
