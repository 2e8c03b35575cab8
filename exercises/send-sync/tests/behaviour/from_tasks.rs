//! The host's async code calls the converter from runtime workers: it must work there.

use std::sync::Arc;

use exercise_send_sync::ffi;
use send_sync::exclusion::panic_message;

use crate::Api;

/// Calls from `tasks` tasks on a two-worker runtime: each answer or panic, the count, the
/// session's overlaps.
pub fn run<C: Api + Send + Sync + 'static>(tasks: usize) -> crate::traits::TaskAnswers {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("a runtime");
    let session = ffi::open();
    let converter = Arc::new(C::open(session.clone()));
    let answers = runtime.block_on(async {
        let handles: Vec<_> = (0..tasks)
            .map(|task| {
                let converter = Arc::clone(&converter);
                tokio::spawn(async move { converter.convert(&format!("task{task}")) })
            })
            .collect();
        let mut answers = Vec::new();
        for handle in handles {
            answers.push(handle.await.map_err(|err| match err.try_into_panic() {
                Ok(panic) => panic_message(panic.as_ref()),
                Err(err) => err.to_string(),
            }));
        }
        answers
    });
    (answers, converter.calls(), session.overlaps())
}

#[test]
fn async_tasks_on_runtime_workers_can_call_it() {
    let (answers, calls, overlaps) = (crate::traits::suite().from_tasks)(4);
    for answer in &answers {
        assert!(
            answer.is_ok(),
            "a task calling the converter failed: {answer:?}"
        );
    }
    let mut numbers: Vec<u64> = answers
        .iter()
        .flatten()
        .filter_map(|answer| answer.split(':').next()?.parse().ok())
        .collect();
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        vec![1, 2, 3, 4],
        "each call numbered once by the one session"
    );
    assert_eq!(calls, 4);
    assert_eq!(overlaps, 0);
}
