//! The read-modify-write split across the `.await` loses deposits; the fixes keep them all.
//!
//! Every run goes through `workload::measure` on a paused clock, so the interleaving is
//! decided by the round trips' latencies alone, and a lost deposit is a fact, not a fluke.
//! Every deposit has a different amount, so the expected total is known.

use std::time::Duration;

use locks_across_await::workload::{self, Clock, Keys, Outcome, Workload};
use locks_across_await::{Remote, Variant};
use proptest::prelude::*;

/// How long to watch a runtime thread that does not come back (see `watchdog`); none of the
/// variants run here blocks one, so this bound is never reached.
const WALL_LIMIT: Duration = Duration::from_secs(10);

fn measure(variant: Variant, workload: Workload, remote: Remote) -> Outcome {
    workload::measure(variant, workload, remote, Clock::Virtual, WALL_LIMIT)
        .unwrap_or_else(|stuck| panic!("{variant}: {stuck}"))
}

#[test]
fn release_and_write_loses_the_deposits_that_overlap_its_round_trip() {
    // Two deposits to one account: both read 0, then each writes "0 + its own amount". The
    // second write erases the first.
    let outcome = measure(
        Variant::ReleaseAndWrite,
        Workload::new(2, Keys::Hot),
        Remote::default(),
    );
    assert_eq!(outcome.workload.expected_total(), 1 + 2);
    assert_eq!(outcome.balances[0], 2, "the last writer wins");
    assert_eq!(outcome.lost(), 1);
    // It was no slower for it: both round trips overlapped.
    assert_eq!(outcome.remote_calls, 2);
}

#[test]
fn with_spread_keys_release_and_write_loses_nothing_which_is_why_tests_miss_it() {
    let outcome = measure(
        Variant::ReleaseAndWrite,
        Workload::new(16, Keys::Spread),
        Remote::default(),
    );
    assert_eq!(outcome.lost(), 0);
}

#[test]
fn every_correct_variant_keeps_every_deposit() {
    for variant in Variant::correct() {
        for keys in [Keys::Spread, Keys::Hot] {
            for tasks in [1, 2, 16, 64] {
                let outcome = measure(variant, Workload::new(tasks, keys), Remote::default());
                assert_eq!(outcome.lost(), 0, "{variant}, {tasks} tasks, {keys:?}");
            }
        }
    }
}

/// Latencies for the remote's calls, cycled: they make deposits overtake each other.
fn latencies(min_ms: u64) -> impl Strategy<Value = Vec<Duration>> {
    prop::collection::vec((min_ms..=5).prop_map(Duration::from_millis), 1..6)
}

fn workloads() -> impl Strategy<Value = Workload> {
    (
        1..24usize,
        1..4usize,
        prop_oneof![Just(Keys::Spread), Just(Keys::Hot)],
    )
        .prop_map(|(tasks, deposits_per_task, keys)| Workload {
            tasks,
            deposits_per_task,
            keys,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any number of tasks, deposits and latencies (a call may even return at once): the
    /// fixes keep every deposit.
    #[test]
    fn the_fixes_keep_every_deposit_under_any_schedule(
        workload in workloads(),
        latencies in latencies(0),
    ) {
        for variant in Variant::correct() {
            let outcome = measure(variant, workload, Remote::with_latencies(latencies.clone()));
            prop_assert_eq!(outcome.lost(), 0, "{}", variant);
        }
    }

    /// Two or more tasks on one account, each making its first deposit at the same moment:
    /// they all read the same balance, so release-and-write always loses some of them.
    #[test]
    fn release_and_write_always_loses_deposits_on_a_shared_account(
        tasks in 2..24usize,
        deposits_per_task in 1..4usize,
        latencies in latencies(1),
    ) {
        let workload = Workload { tasks, deposits_per_task, keys: Keys::Hot };
        let outcome = measure(Variant::ReleaseAndWrite, workload, Remote::with_latencies(latencies));
        prop_assert!(outcome.lost() > 0);
    }
}
