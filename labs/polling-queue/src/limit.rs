//! The floor of the bench: one job handed to one task already waiting for it.
//!
//! A `tokio::sync::mpsc` send to a task parked in `recv()`: the least a queue can do to start
//! a job on another task is store it and wake that task once. Every fix pays this hand-off
//! and something on top (a lock, a second waker, a list of waiters); no pool that starts a
//! job on an idle worker can pay less.

use tokio::sync::mpsc;

/// Hands `jobs` items, one at a time, to a task that waits for each, and waits for that
/// task to have taken them all.
pub async fn hand_off(jobs: u64) {
    // One at a time, so a capacity of one is all either direction needs.
    let (tx, mut rx) = mpsc::channel::<u64>(1);
    let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
    let worker = tokio::spawn(async move {
        while let Some(_job) = rx.recv().await {
            // The "job" is to say it started, as `Job::run` writes to the log.
            if done_tx.send(()).await.is_err() {
                return;
            }
        }
    });
    for job in 0..jobs {
        tx.send(job).await.expect("the worker lives");
        // One at a time: the worker is waiting again before the next job is sent.
        done_rx.recv().await.expect("the worker lives");
    }
    drop(tx);
    worker.await.expect("no panic");
}
