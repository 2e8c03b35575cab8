//! Without the `loom` feature: the correct protocols once on real threads, as a smoke test.
//!
//! Real threads try whichever interleavings the OS happens to produce, so these tests can
//! only ever pass; the proof is the loom models in `models.rs`. The deadlocking and losing
//! protocols are left out: on real threads they would hang or fail only some of the time.

#![cfg(not(feature = "loom"))]

use std::sync::Arc;
use std::thread;

use locks_across_await_loom::{Accounts, Ledger, LockOrder, Strategy};

#[test]
fn transfers_in_one_global_order_finish_and_keep_the_total() {
    let accounts = Arc::new(Accounts::new(2, 1_000));
    let threads: Vec<_> = [(0, 1), (1, 0), (0, 1), (1, 0)]
        .into_iter()
        .map(|(from, to)| {
            let accounts = Arc::clone(&accounts);
            thread::spawn(move || {
                for _ in 0..100 {
                    accounts.transfer(from, to, 1, LockOrder::Global);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    assert_eq!(accounts.total(), 2_000);
}

#[test]
fn the_correct_deposit_strategies_keep_every_deposit() {
    for strategy in [Strategy::HoldLock, Strategy::Delta, Strategy::Revalidate] {
        let ledger = Arc::new(Ledger::new());
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let ledger = Arc::clone(&ledger);
                thread::spawn(move || {
                    for _ in 0..100 {
                        ledger.deposit(1, strategy);
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert_eq!(ledger.balance(), 400, "{strategy:?}");
    }
}
