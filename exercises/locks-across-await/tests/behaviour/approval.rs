//! Nothing may show in the ledger before the risk service has approved it, and a deposit
//! returns only once it is approved and applied.
//!
//! The other tests look at the balances at the end, when every round trip is over; a ledger
//! that adds the amount first and asks afterwards, or that fires the request off without
//! waiting for the answer, ends with the same balances. So here the risk service approves
//! nothing on its own: the harness (`run_approving_one_by_one` in `support.rs`) grants the
//! waiting approvals one at a time, and before each grant, with every task waiting, it takes
//! a snapshot of what the ledger shows and which `deposit` calls have returned. In every
//! snapshot:
//!
//! - a deposit that has returned must have been approved: its `authorize` call has returned
//!   (one that was dropped half-way, by a timeout say, was never approved);
//! - each balance the ledger shows is exactly the sum of the deposits that have returned:
//!   nothing in flight is visible yet, and nothing that returned is missing. (A `balance`
//!   that waits while a deposit to that account is in flight shows nothing, which is fine.)
//!
//! The clock is paused and the approvals are granted by the test, not by timers, so every run
//! takes the same steps; a ledger that deadlocks is reported as such by the harness.

use exercise_locks_across_await::support::{Call, Grant, Snapshot, run_approving_one_by_one};

/// Two deposits to each of three accounts; the amounts are powers of two, so every sum says
/// which deposits it contains.
const DEPOSITS: [(usize, u64); 6] = [(0, 1), (1, 2), (2, 4), (0, 8), (1, 16), (2, 32)];
const ACCOUNTS: usize = 3;

/// How many of `items` equal `item`.
fn count<T: PartialEq>(items: &[T], item: &T) -> usize {
    items.iter().filter(|other| *other == item).count()
}

fn check(snapshots: &[Snapshot]) {
    for (step, snapshot) in snapshots.iter().enumerate() {
        let approved: Vec<(usize, u64)> = snapshot
            .approved
            .iter()
            .map(
                |&Call {
                     account, amount, ..
                 }| (account, amount),
            )
            .collect();
        for deposit in &snapshot.returned {
            assert!(
                count(&snapshot.returned, deposit) <= count(&approved, deposit),
                "after {step} approvals: the deposit of {} to account {} has returned, but \
                 the risk service has not approved it: `deposit` must wait for `authorize` \
                 to return (not start it and move on, not give up on it after a timeout)",
                deposit.1,
                deposit.0
            );
        }
        for (account, shown) in snapshot.balances.iter().enumerate() {
            let Some(shown) = *shown else { continue };
            let returned: u64 = snapshot
                .returned
                .iter()
                .filter(|(to, _)| *to == account)
                .map(|(_, amount)| amount)
                .sum();
            assert_eq!(
                shown, returned,
                "after {step} approvals: account {account} shows {shown}, but the deposits to \
                 it that have returned add up to {returned}. More means a deposit is visible \
                 before its approval; less means `deposit` returned before applying it. \
                 Waiting for approval: {:?}",
                snapshot.waiting
            );
        }
    }
    let last = snapshots.last().expect("at least one snapshot");
    let mut expected = [0; ACCOUNTS];
    for (account, amount) in DEPOSITS {
        expected[account] += amount;
    }
    assert_eq!(
        last.balances,
        expected.map(Some),
        "once every deposit is approved the ledger must hold them all"
    );
}

#[test]
fn nothing_shows_before_it_is_approved() {
    let snapshots = run_approving_one_by_one(ACCOUNTS, DEPOSITS.to_vec(), Grant::OldestFirst)
        .unwrap_or_else(|stuck| panic!("{stuck}"));
    check(&snapshots);
}

#[test]
fn nothing_shows_before_it_is_approved_when_approvals_come_back_newest_first() {
    let snapshots = run_approving_one_by_one(ACCOUNTS, DEPOSITS.to_vec(), Grant::NewestFirst)
        .unwrap_or_else(|stuck| panic!("{stuck}"));
    check(&snapshots);
}
