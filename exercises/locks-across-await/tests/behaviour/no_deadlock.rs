//! Two deposits at the same time must not deadlock a current-thread runtime.

use exercise_locks_across_await::Remote;
use exercise_locks_across_await::support::run_together;

#[test]
fn two_deposits_at_once_finish_on_a_current_thread_runtime() {
    let run = run_together(1, vec![(0, 5), (0, 7)], Remote::new())
        .unwrap_or_else(|stuck| panic!("two deposits to one account: {stuck}"));
    assert_eq!(run.balances, [12]);
}

#[test]
fn deposits_to_different_accounts_at_once_finish_too() {
    let run = run_together(2, vec![(0, 5), (1, 7)], Remote::new())
        .unwrap_or_else(|stuck| panic!("two deposits to two accounts: {stuck}"));
    assert_eq!(run.balances, [5, 7]);
}
