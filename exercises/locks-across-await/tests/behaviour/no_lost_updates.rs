//! Every deposit counts, however the round trips interleave, and the risk service is told
//! real balances.

use std::time::Duration;

use exercise_locks_across_await::Remote;
use exercise_locks_across_await::support::{run_in_phases, run_together};

#[test]
fn sixteen_deposits_to_one_account_all_count() {
    let deposits = (1..=16).map(|amount| (0, amount)).collect();
    let run = run_together(1, deposits, Remote::new())
        .unwrap_or_else(|stuck| panic!("16 deposits to one account: {stuck}"));
    assert_eq!(
        run.balances,
        [136],
        "16 deposits of 1 to 16 must add up to 136; deposits made during another's round trip \
         were lost"
    );
}

#[test]
fn deposits_whose_round_trips_overtake_each_other_all_count() {
    // Uneven latencies, so that later deposits finish first.
    let latencies = [3, 1, 4, 1, 5, 9, 2, 6].map(Duration::from_millis).to_vec();
    let deposits: Vec<_> = (0..24).map(|i| (i % 3, 1 + i as u64)).collect();
    let mut expected = [0; 3];
    for &(account, amount) in &deposits {
        expected[account] += amount;
    }
    let run = run_together(3, deposits, Remote::with_latencies(latencies))
        .unwrap_or_else(|stuck| panic!("24 deposits to 3 accounts: {stuck}"));
    assert_eq!(run.balances, expected, "some deposits were lost");
}

#[test]
fn the_risk_service_is_told_the_current_balance() {
    // First 100 alone; then eight deposits at once. Each of those must be approved for a
    // balance the account really had by then: at least 100, and at most the final balance.
    let remote = Remote::new();
    let later: Vec<_> = (1..=8).map(|amount| (0, amount)).collect();
    let run = run_in_phases(1, vec![vec![(0, 100)], later], remote.clone())
        .unwrap_or_else(|stuck| panic!("{stuck}"));
    assert_eq!(run.balances, [136]);
    let calls = remote.calls();
    assert_eq!(
        calls[0].balance, 0,
        "the first deposit saw an empty account"
    );
    for call in &calls[1..] {
        assert!(
            (100..=136).contains(&call.balance),
            "a deposit of {} was approved for a balance of {}, but the account held at least \
             100 by then: pass `authorize` the balance you read from the ledger",
            call.amount,
            call.balance
        );
    }
}
