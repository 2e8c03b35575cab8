//! The floor of the bench: `n` bare tasks spawned and joined, with no job and no report.
//!
//! Isolating a panic takes a task per job (or a `catch_unwind` per job), and hearing of each
//! job's end takes a join per task. The cheapest way to do both is this: `tokio::spawn` a task
//! that returns a number, keep the handle in a `Vec`, await each one. Whatever a supervisor
//! costs above this row is its own bookkeeping: the `JoinSet`'s list of tasks and the map from
//! task ids to jobs, the tracker's count and its channel, the report.

/// Spawns `n` tasks that each return their index, awaits every handle, returns the sum (so
/// that nothing is optimised away). Call inside a runtime.
pub async fn spawn_and_join(n: usize) -> u64 {
    let handles: Vec<_> = (0..n as u64)
        .map(|i| tokio::spawn(async move { i }))
        .collect();
    let mut sum = 0;
    for handle in handles {
        sum += handle.await.expect("a bare task does not panic");
    }
    sum
}
