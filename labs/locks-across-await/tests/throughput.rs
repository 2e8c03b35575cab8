//! Throughput against concurrency, in virtual time: exact, so the tests can state it.
//!
//! On a paused clock a round trip takes exactly `ROUND_TRIP` and nothing else takes any time,
//! so the elapsed time of a workload counts the round trips that had to happen one after the
//! other. `n` tasks that overlap their round trips finish in one; `n` tasks that wait in line
//! take `n`.

use std::time::Duration;

use locks_across_await::remote::ROUND_TRIP;
use locks_across_await::workload::{self, Clock, Keys, Outcome, Stuck, Workload};
use locks_across_await::{Remote, Variant};

/// How long to watch a runtime thread that does not come back (see `watchdog`).
const WALL_LIMIT: Duration = Duration::from_secs(10);

const TASKS: usize = 16;

fn measure(variant: Variant, tasks: usize, keys: Keys) -> Outcome {
    workload::measure(
        variant,
        Workload::new(tasks, keys),
        Remote::default(),
        Clock::Virtual,
        WALL_LIMIT,
    )
    .unwrap_or_else(|stuck| panic!("{variant}: {stuck}"))
}

#[test]
fn locks_held_across_the_round_trip_make_tasks_wait_in_line() {
    for variant in [Variant::TokioMutex, Variant::ActorInline] {
        for tasks in [1, 4, TASKS] {
            let outcome = measure(variant, tasks, Keys::Spread);
            assert_eq!(
                outcome.elapsed,
                tasks as u32 * ROUND_TRIP,
                "{variant}, {tasks} tasks"
            );
        }
    }
}

#[test]
fn the_fixes_overlap_the_round_trips_of_different_accounts() {
    for variant in [
        Variant::Fixed,
        Variant::Revalidate,
        Variant::Sharded,
        Variant::Actor,
    ] {
        let outcome = measure(variant, TASKS, Keys::Spread);
        assert_eq!(outcome.elapsed, ROUND_TRIP, "{variant}");
        assert_eq!(outcome.remote_calls, TASKS as u64, "{variant}");
    }
}

#[test]
fn on_one_hot_account_only_the_delta_fixes_still_overlap() {
    for variant in [Variant::Fixed, Variant::Actor] {
        let outcome = measure(variant, TASKS, Keys::Hot);
        assert_eq!(outcome.elapsed, ROUND_TRIP, "{variant}");
    }
    // A per-account lock is one global lock when every task wants the same account.
    let sharded = measure(Variant::Sharded, TASKS, Keys::Hot);
    assert_eq!(sharded.elapsed, TASKS as u32 * ROUND_TRIP);
    assert_eq!(sharded.remote_calls, TASKS as u64);
}

#[test]
fn revalidation_on_a_hot_account_retries_until_each_deposit_is_first() {
    // Each round, every waiting deposit makes a call and one of them commits: n rounds, and
    // n + (n - 1) + ... + 1 calls.
    let outcome = measure(Variant::Revalidate, TASKS, Keys::Hot);
    assert_eq!(outcome.elapsed, TASKS as u32 * ROUND_TRIP);
    assert_eq!(outcome.remote_calls, (TASKS * (TASKS + 1) / 2) as u64);
    assert_eq!(outcome.lost(), 0);
}

#[test]
fn the_std_guard_across_the_round_trip_works_alone_and_deadlocks_in_company() {
    let alone = measure(Variant::Anti, 1, Keys::Spread);
    assert_eq!(alone.elapsed, ROUND_TRIP);
    // Two tasks on different accounts are enough: the lock covers every account.
    let together = workload::measure(
        Variant::Anti,
        Workload::new(2, Keys::Spread),
        Remote::default(),
        Clock::Virtual,
        Duration::from_millis(500),
    );
    assert!(
        matches!(together, Err(Stuck::ThreadBlocked(_))),
        "{together:?}"
    );
}

#[test]
fn the_round_trips_alone_overlap_completely_which_is_the_floor_for_every_ledger() {
    use locks_across_await::limit::round_trips_alone;
    use locks_across_await::workload::LocalSet;
    for tasks in [1, 4, TASKS, 64] {
        let runtime = workload::current_thread_runtime(Clock::Virtual);
        let remote = Remote::default();
        let elapsed = LocalSet::new().block_on(&runtime, async {
            let start = tokio::time::Instant::now();
            round_trips_alone(remote.clone(), Workload::new(tasks, Keys::Hot)).await;
            start.elapsed()
        });
        // One round trip of time, whatever the load and even on one key: nothing waits.
        assert_eq!(elapsed, ROUND_TRIP, "{tasks} tasks");
        assert_eq!(remote.calls(), tasks as u64);
        // And the fixes that overlap their round trips match it exactly in virtual time.
        assert_eq!(
            measure(Variant::Fixed, tasks, Keys::Spread).elapsed,
            elapsed
        );
    }
}
