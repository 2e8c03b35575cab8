//! The loom models: every interleaving of two or three threads, checked exhaustively.
//!
//! Run with `cargo test -p locks-across-await-loom --features loom --release`.
//!
//! A model that must fail cannot fail in this process. When loom finds a deadlock it panics
//! from inside its scheduler, which aborts the whole test binary; a failed assertion inside a
//! model is not something to `#[should_panic]` on either, since it would hide which failure it
//! was. So each such model is an `#[ignore]`d test, and a normal test re-runs this very binary
//! with only that model selected (`child_test::run_ignored`), then reads the child's exit
//! status and its report.

#![cfg(feature = "loom")]

use child_test::run_ignored;
use locks_across_await_loom::sync::{Arc, thread};
use locks_across_await_loom::{Accounts, Ledger, LockOrder, Strategy};

/// Two transfers between the same two accounts, in opposite directions, at the same time.
fn opposite_transfers(order: LockOrder) {
    loom::model(move || {
        let accounts = Arc::new(Accounts::new(2, 100));
        let other = {
            let accounts = Arc::clone(&accounts);
            thread::spawn(move || accounts.transfer(1, 0, 10, order))
        };
        accounts.transfer(0, 1, 10, order);
        other.join().unwrap();
        assert_eq!(accounts.total(), 200);
    });
}

/// Three deposits of 1, 2 and 4 to one account at the same time, each with `strategy`.
fn three_deposits(strategy: Strategy) {
    loom::model(move || {
        let ledger = Arc::new(Ledger::new());
        let others: Vec<_> = [2, 4]
            .into_iter()
            .map(|amount| {
                let ledger = Arc::clone(&ledger);
                thread::spawn(move || ledger.deposit(amount, strategy))
            })
            .collect();
        ledger.deposit(1, strategy);
        for other in others {
            other.join().unwrap();
        }
        let balance = ledger.balance();
        assert_eq!(
            balance, 7,
            "a deposit was lost: the balance is {balance}, not 1 + 2 + 4"
        );
    });
}

#[test]
fn in_one_global_order_opposite_transfers_never_deadlock() {
    opposite_transfers(LockOrder::Global);
}

#[test]
#[ignore = "deadlocks on purpose, and loom aborts on a deadlock: run by `in_argument_order_opposite_transfers_deadlock`"]
fn model_opposite_transfers_in_argument_order() {
    opposite_transfers(LockOrder::ArgumentOrder);
}

#[test]
fn in_argument_order_opposite_transfers_deadlock() {
    let report = run_ignored("model_opposite_transfers_in_argument_order");
    // loom's own words when every thread is blocked: "deadlock; threads = [...]".
    assert!(
        report.failed_with("deadlock; threads"),
        "loom should have found the deadlock; it reported:\n{}",
        report.output
    );
    println!("loom: {}", report.line_with("deadlock; threads"));
}

#[test]
fn holding_the_lock_across_the_round_trip_loses_nothing() {
    three_deposits(Strategy::HoldLock);
}

#[test]
fn a_delta_after_re_locking_loses_nothing() {
    three_deposits(Strategy::Delta);
}

#[test]
fn revalidating_against_a_version_loses_nothing() {
    three_deposits(Strategy::Revalidate);
}

#[test]
#[ignore = "loses a deposit on purpose: run by `release_and_write_loses_a_deposit`"]
fn model_release_and_write() {
    three_deposits(Strategy::ReleaseAndWrite);
}

#[test]
fn release_and_write_loses_a_deposit() {
    let report = run_ignored("model_release_and_write");
    assert!(
        report.failed_with("a deposit was lost"),
        "loom should have found the lost deposit; it reported:\n{}",
        report.output
    );
    println!("loom: {}", report.line_with("a deposit was lost"));
}
