//! The host's async code calls the converter from runtime workers: it must work there.

use std::sync::Arc;

use exercise_send_sync::{Converter, ffi};

#[test]
fn async_tasks_on_runtime_workers_can_call_it() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("a runtime");
    let session = ffi::open();
    let converter = Arc::new(Converter::open(session.clone()));
    let answers = runtime.block_on(async {
        let tasks: Vec<_> = (0..4)
            .map(|task| {
                let converter = Arc::clone(&converter);
                tokio::spawn(async move { converter.convert(&format!("task{task}")) })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.expect("a task that called the converter"));
        }
        answers
    });
    assert_eq!(answers.len(), 4);
    assert_eq!(converter.calls(), 4);
    assert_eq!(session.numbered(), 4);
    assert_eq!(session.overlaps(), 0);
}
