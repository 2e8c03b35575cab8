//! Deposits to different accounts must not wait for each other's round trips.

use exercise_locks_across_await::Remote;
use exercise_locks_across_await::support::run_together;

const TASKS: usize = 16;

#[test]
fn deposits_to_different_accounts_overlap_their_round_trips() {
    let deposits = (0..TASKS).map(|account| (account, 1)).collect();
    let run = run_together(TASKS, deposits, Remote::new())
        .unwrap_or_else(|stuck| panic!("{TASKS} deposits to {TASKS} accounts: {stuck}"));
    assert_eq!(run.balances, [1; TASKS]);
    // One after another they take 16 round trips; overlapped, one. Anything up to a quarter
    // of the queue counts as overlapping (a handful of shards would do).
    assert!(
        run.round_trips() <= (TASKS / 4) as f64,
        "{TASKS} deposits to {TASKS} different accounts took {} round trips: they waited in \
         line for each other. Is a lock held across the `.await`?",
        run.round_trips()
    );
}
