//! # The lab's protocols, for loom
//!
//! The `locks-across-await` lab shows two bugs that depend on how updates interleave: two
//! transfers that take two locks in opposite orders deadlock, and a read-modify-write split
//! across a round trip loses updates. Its tests provoke one interleaving at a time (a paused
//! clock makes them deterministic); loom checks *every* interleaving.
//!
//! loom runs threads, not Tokio tasks, so this crate restates the two protocols for threads.
//! Nothing essential is lost in the translation. A task's `.await` on the round trip is a
//! point where other tasks run before it continues; for a thread it is simply the gap between
//! two operations on shared state, and loom already tries every other thread's operations in
//! every such gap. The round trip becomes `thread::yield_now()`, which marks the spot and
//! tells loom's scheduler that this is a good place to run someone else.
//!
//! - [`Accounts::transfer`] locks two accounts in argument order or in one global order
//!   (ascending), with a round trip between the two locks, as `lock_order.rs` in the lab.
//! - [`Ledger::deposit`] is one deposit under each [`Strategy`] of the lab: the guard held
//!   across the round trip, release-and-write, a delta after re-locking, and re-validation
//!   against a version.
//!
//! The cargo feature `loom` switches the primitives below from `std` to loom's. The models
//! themselves are the tests in `tests/`: `cargo test -p locks-across-await-loom --features
//! loom --release`. Without the feature the same tests run the protocols once on real
//! threads, as a smoke test.

/// The primitives the protocols use: loom's under the `loom` feature, std's otherwise.
pub mod sync {
    #[cfg(feature = "loom")]
    pub use loom::sync::{Arc, Mutex};
    #[cfg(feature = "loom")]
    pub use loom::thread;
    #[cfg(not(feature = "loom"))]
    pub use std::sync::{Arc, Mutex};
    #[cfg(not(feature = "loom"))]
    pub use std::thread;
}

use sync::{Mutex, thread};

/// The round trip between reading and writing: for a thread, a place where others run.
fn round_trip() {
    thread::yield_now();
}

/// In which order a transfer takes its two locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockOrder {
    /// `from` first, then `to`: opposite transfers can deadlock.
    ArgumentOrder,
    /// The lower account first: no cycle of waiters can form.
    Global,
}

/// Accounts with one lock each.
#[derive(Debug)]
pub struct Accounts {
    balances: Vec<Mutex<u64>>,
}

impl Accounts {
    /// `count` accounts that each start with `balance`.
    pub fn new(count: usize, balance: u64) -> Self {
        Accounts {
            balances: (0..count).map(|_| Mutex::new(balance)).collect(),
        }
    }

    /// Moves `amount` from `from` to `to`, taking the two locks in `order` with a round trip
    /// between them. A transfer to the same account does nothing.
    pub fn transfer(&self, from: usize, to: usize, amount: u64, order: LockOrder) {
        if from == to {
            return;
        }
        let (first, second) = match order {
            LockOrder::ArgumentOrder => (from, to),
            LockOrder::Global => (from.min(to), from.max(to)),
        };
        // `unwrap`: a lock is poisoned only if a holder panicked, and no holder here panics.
        let mut first_balance = self.balances[first].lock().unwrap();
        round_trip();
        let mut second_balance = self.balances[second].lock().unwrap();
        let (from_balance, to_balance) = if first == from {
            (&mut *first_balance, &mut *second_balance)
        } else {
            (&mut *second_balance, &mut *first_balance)
        };
        *from_balance -= amount;
        *to_balance += amount;
    }

    /// The sum of every balance.
    pub fn total(&self) -> u64 {
        self.balances.iter().map(|b| *b.lock().unwrap()).sum()
    }
}

/// How a deposit gets from its read to its write across the round trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// The guard is held across the round trip (what the lab's `tokio-mutex` does).
    HoldLock,
    /// Read, release, round trip, write `read + amount` (the lab's `release-and-write`).
    ReleaseAndWrite,
    /// Read, release, round trip, add `amount` to the current balance (the lab's `fixed`).
    Delta,
    /// Read balance and version, release, round trip, commit only if the version is
    /// unchanged, else start over (the lab's `revalidate`).
    Revalidate,
}

/// One account's balance and how many times it was written.
#[derive(Debug, Default)]
struct Account {
    balance: u64,
    version: u64,
}

/// One account behind one lock.
#[derive(Debug, Default)]
pub struct Ledger {
    account: Mutex<Account>,
}

impl Ledger {
    /// An empty account.
    pub fn new() -> Self {
        Ledger::default()
    }

    /// Adds `amount` with `strategy`, with a round trip between the read and the write.
    pub fn deposit(&self, amount: u64, strategy: Strategy) {
        match strategy {
            Strategy::HoldLock => {
                let mut account = self.account.lock().unwrap();
                let balance = account.balance;
                round_trip();
                account.balance = balance + amount;
            }
            Strategy::ReleaseAndWrite => {
                let balance = self.account.lock().unwrap().balance;
                round_trip();
                self.account.lock().unwrap().balance = balance + amount;
            }
            Strategy::Delta => {
                let _balance = self.account.lock().unwrap().balance;
                round_trip();
                self.account.lock().unwrap().balance += amount;
            }
            Strategy::Revalidate => loop {
                let (balance, version) = {
                    let account = self.account.lock().unwrap();
                    (account.balance, account.version)
                };
                round_trip();
                let mut account = self.account.lock().unwrap();
                if account.version == version {
                    account.balance = balance + amount;
                    account.version += 1;
                    return;
                }
            },
        }
    }

    /// The balance.
    pub fn balance(&self) -> u64 {
        self.account.lock().unwrap().balance
    }
}
