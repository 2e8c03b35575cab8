//! The fixes' futures are `Send`: they can be spawned onto a multi-thread runtime, where
//! they stay correct with real threads racing.
//!
//! `assert_send` fails to compile (rather than at run time) if a fix ever starts holding a
//! std guard across an `.await`. A paused clock needs a current-thread runtime, so this test
//! runs on the real clock, with round trips that alternate between none and one timer tick:
//! short enough to keep the test fast, uneven enough that deposits overtake each other.

use std::sync::Arc;
use std::time::Duration;

use locks_across_await::actor::ActorLedger;
use locks_across_await::fixed::ScopedGuardLedger;
use locks_across_await::remote::ROUND_TRIP;
use locks_across_await::revalidate::RevalidatingLedger;
use locks_across_await::sharded::PerAccountLedger;
use locks_across_await::tokio_mutex::TokioMutexLedger;
use locks_across_await::{Ledger, Remote};

fn assert_send<F: Future + Send>(future: F) -> F {
    future
}

fn remote() -> Remote {
    Remote::with_latencies(vec![Duration::ZERO, ROUND_TRIP])
}

/// Spawns 16 tasks that each deposit 1 to 4 into account `task % 4`, waits for all of them,
/// and checks the total.
macro_rules! spawn_and_check {
    ($ledger:expr) => {{
        let ledger = Arc::new($ledger);
        let tasks: Vec<_> = (0..16u64)
            .map(|task| {
                let ledger = Arc::clone(&ledger);
                tokio::spawn(assert_send(async move {
                    for amount in 1..=4 {
                        ledger.deposit((task % 4) as usize, amount).await;
                    }
                }))
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        let total: u64 = Ledger::balances(&*ledger).await.iter().sum();
        assert_eq!(total, 16 * (1..=4).sum::<u64>());
    }};
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_fix_can_be_spawned_and_loses_nothing_on_worker_threads() {
    spawn_and_check!(ScopedGuardLedger::new(4, remote()));
    spawn_and_check!(RevalidatingLedger::new(4, remote()));
    spawn_and_check!(PerAccountLedger::new(4, remote()));
    spawn_and_check!(ActorLedger::spawn(4, remote()));
    spawn_and_check!(TokioMutexLedger::new(4, remote()));
}
