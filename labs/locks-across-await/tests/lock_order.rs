//! Two transfers that take the same two per-account locks in opposite orders deadlock; in
//! one global order they cannot.
//!
//! Tokio's mutex never blocks the thread, so this deadlock is caught from inside: on a paused
//! clock the runtime goes idle with both tasks waiting, jumps straight to the timeout, and the
//! timeout fires. No real time passes, and the test is deterministic.

use std::sync::Arc;
use std::time::Duration;

use locks_across_await::Remote;
use locks_across_await::lock_order::{Deadlocked, LockOrder, Transfer, transfer_all};
use locks_across_await::remote::ROUND_TRIP;
use locks_across_await::sharded::PerAccountLedger;
use proptest::prelude::*;
use tokio::time::Instant;

const LIMIT: Duration = Duration::from_secs(60);

/// Two transfers of 10 between accounts 0 and 1, in opposite directions.
const OPPOSITE: [Transfer; 2] = [
    Transfer {
        from: 0,
        to: 1,
        amount: 10,
    },
    Transfer {
        from: 1,
        to: 0,
        amount: 10,
    },
];

#[tokio::test(start_paused = true)]
async fn opposite_transfers_in_argument_order_deadlock() {
    let ledger = Arc::new(PerAccountLedger::with_balance(2, 100, Remote::default()));
    let start = Instant::now();
    let outcome = transfer_all(&ledger, &OPPOSITE, LockOrder::ArgumentOrder, LIMIT).await;
    assert_eq!(
        outcome,
        Err(Deadlocked {
            unfinished: 2,
            after: LIMIT
        })
    );
    // The timeout fired at exactly its deadline on the paused clock: the runtime was idle,
    // every task was waiting, and nothing but the timer could have woken anyone.
    assert_eq!(start.elapsed(), LIMIT);
    // Aborting the tasks released their locks; no money moved.
    assert_eq!(ledger.balances().await, [100, 100]);
}

#[tokio::test(start_paused = true)]
async fn the_same_transfers_in_one_global_order_complete() {
    let ledger = Arc::new(PerAccountLedger::with_balance(2, 100, Remote::default()));
    let start = Instant::now();
    transfer_all(&ledger, &OPPOSITE, LockOrder::Global, LIMIT)
        .await
        .unwrap();
    // Both want account 0 first, so the second waits for the first: two legs of one round
    // trip each, twice.
    assert_eq!(start.elapsed(), 4 * ROUND_TRIP);
    assert_eq!(ledger.balances().await, [100, 100]);
}

#[tokio::test(start_paused = true)]
async fn a_transfer_to_the_same_account_does_not_lock_it_twice() {
    let ledger = Arc::new(PerAccountLedger::with_balance(1, 100, Remote::default()));
    let to_self = [Transfer {
        from: 0,
        to: 0,
        amount: 10,
    }];
    for order in [LockOrder::ArgumentOrder, LockOrder::Global] {
        transfer_all(&ledger, &to_self, order, LIMIT).await.unwrap();
    }
    assert_eq!(ledger.balances().await, [100]);
}

/// Any batch of transfers among four accounts that start with 1 000 each.
fn transfers() -> impl Strategy<Value = Vec<Transfer>> {
    prop::collection::vec(
        (0..4usize, 0..4usize, 1..=10u64).prop_map(|(from, to, amount)| Transfer {
            from,
            to,
            amount,
        }),
        1..24,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the batch, in one global order every transfer completes and no money is made
    /// or lost. (At most 23 transfers of at most 10 leave every balance positive.)
    #[test]
    fn in_one_global_order_any_batch_completes_and_keeps_the_total(batch in transfers()) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        let balances = runtime.block_on(async {
            let ledger = Arc::new(PerAccountLedger::with_balance(4, 1_000, Remote::default()));
            transfer_all(&ledger, &batch, LockOrder::Global, LIMIT).await.map(|()| ledger)
        });
        let ledger = balances.map_err(|deadlock| TestCaseError::fail(deadlock.to_string()))?;
        let total: u64 = runtime.block_on(ledger.balances()).iter().sum();
        prop_assert_eq!(total, 4_000);
    }
}
