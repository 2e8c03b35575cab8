//! The floor under the `throughput` bench: the round trips alone, with nothing around them.
//!
//! Every ledger makes one round trip per deposit, and none can apply a deposit before its
//! round trip is over. [`round_trips_alone`] starts the same tasks as
//! [`crate::workload::run`], and each makes the same calls to the same remote, with no lock,
//! no balance and no actor in between: all that is left is Tokio's timer and scheduler. It
//! keeps no ledger, so it is not a variant; the bench measures it as `limit`, the row a fix
//! that lets its round trips overlap is measured against. What a fix costs above it is what
//! its lock, its re-check or its messages cost.

use crate::remote::Remote;
use crate::workload::Workload;

/// Starts one task per task of `workload` on the current `LocalSet`, each making its
/// deposits' round trips one after the other and nothing else, and waits for all of them.
///
/// # Panics
///
/// Outside a `LocalSet`.
pub async fn round_trips_alone(remote: Remote, workload: Workload) {
    let tasks: Vec<_> = (0..workload.tasks)
        .map(|task| {
            let remote = remote.clone();
            // `spawn_local`, as the ledgers' workload does, so both pay the same scheduling.
            tokio::task::spawn_local(async move {
                for k in 0..workload.deposits_per_task {
                    let amount = workload.amount(task, k);
                    remote.authorize(workload.account(task), 0, amount).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("a round trip never panics");
    }
}
