//! Two locks, two orders: the deadlock that per-key locks bring, and one global order.
//!
//! A transfer moves money between two accounts of a [`PerAccountLedger`], so it needs both
//! accounts' locks. Each leg is approved by the remote as soon as its account is locked, so
//! there is a round trip between taking the first lock and taking the second. Taking them in
//! argument order (`from`, then `to`) looks harmless:
//!
//! ```text
//! transfer(a → b): lock a ─ round trip ─ lock b …   waits for b, which the other holds
//! transfer(b → a): lock b ─ round trip ─ lock a …   waits for a, which the first holds
//! ```
//!
//! Each task holds one lock and waits for the other's, forever. With Tokio's mutex neither
//! thread blocks: both tasks are simply never woken, the runtime goes idle, and nothing says
//! why. (`tests/lock_order.rs` catches it with a paused clock and a timeout; tokio-console
//! shows two tasks idle forever, each a waiter on a mutex the other holds.) The round trip is
//! what makes it likely: it widens the window between the two locks from nanoseconds to
//! milliseconds. On a current-thread runtime it turns "likely" into "every time".
//!
//! The fix is [`LockOrder::Global`]: every task takes the locks in one order that all tasks
//! agree on, here ascending account number. Then a task that holds account 3 can only be
//! waiting for a lock above 3, and whoever holds the highest lock in a chain of waiters is
//! waiting for nothing: the chain always ends, so no cycle can form. The loom crate beside
//! this one checks both orders in every interleaving.

use std::sync::Arc;
use std::time::Duration;

use evidence::Variants;

use crate::sharded::PerAccountLedger;

/// In which order a transfer takes its two locks. Named like the ledgers (through
/// [`evidence::Variants`]): `argument-order` and `global-order`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum LockOrder {
    /// `from` first, then `to`: two opposite transfers can deadlock.
    ArgumentOrder,
    /// The lower account number first, whatever the direction: no cycle can form.
    #[value(name = "global-order")]
    Global,
}

impl LockOrder {
    /// The account to lock first and the one to lock second.
    fn pick(self, from: usize, to: usize) -> (usize, usize) {
        match self {
            LockOrder::ArgumentOrder => (from, to),
            LockOrder::Global => (from.min(to), from.max(to)),
        }
    }
}

impl std::fmt::Display for LockOrder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

impl PerAccountLedger {
    /// Moves `amount` from `from` to `to`, taking both accounts' locks in `order` and having
    /// the remote approve each leg once its account is locked.
    ///
    /// The caller keeps `from`'s balance at least `amount` (credit checks are not this lab's
    /// subject). A transfer to the same account does nothing: taking its lock twice would
    /// deadlock the task against itself.
    pub async fn transfer(&self, from: usize, to: usize, amount: u64, order: LockOrder) {
        if from == to {
            return;
        }
        let (first, second) = order.pick(from, to);
        let mut first_balance = self.accounts[first].lock().await;
        self.remote.authorize(first, *first_balance, amount).await;
        // Another transfer may take its first lock during that round trip.
        let mut second_balance = self.accounts[second].lock().await;
        self.remote.authorize(second, *second_balance, amount).await;
        let (from_balance, to_balance) = if first == from {
            (&mut *first_balance, &mut *second_balance)
        } else {
            (&mut *second_balance, &mut *first_balance)
        };
        *from_balance -= amount;
        *to_balance += amount;
    }
}

/// One transfer of a batch: `amount` from account `from` to account `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transfer {
    /// The account debited.
    pub from: usize,
    /// The account credited.
    pub to: usize,
    /// How much moves.
    pub amount: u64,
}

/// The transfers of a batch were still waiting for each other's locks when the limit passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlocked {
    /// Transfers that had not finished.
    pub unfinished: usize,
    /// The limit that passed, on the runtime's clock.
    pub after: Duration,
}

impl std::fmt::Display for Deadlocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "deadlocked: {} transfer(s) were still waiting for each other's locks after {}",
            self.unfinished,
            evidence::number::duration(self.after)
        )
    }
}

impl std::error::Error for Deadlocked {}

/// Spawns one task per transfer, all at once, and waits for all of them for at most `limit`
/// on the runtime's clock. Tasks still waiting then are aborted, which releases their locks,
/// so the ledger can be read afterwards either way.
pub async fn transfer_all(
    ledger: &Arc<PerAccountLedger>,
    transfers: &[Transfer],
    order: LockOrder,
    limit: Duration,
) -> Result<(), Deadlocked> {
    let mut tasks: Vec<_> = transfers
        .iter()
        .map(|&Transfer { from, to, amount }| {
            let ledger = Arc::clone(ledger);
            tokio::spawn(async move { ledger.transfer(from, to, amount, order).await })
        })
        .collect();
    // Counts the tasks already awaited to completion: a JoinHandle must not be awaited twice.
    let mut finished = 0;
    let all_done = async {
        for task in &mut tasks {
            task.await.expect("a transfer panicked");
            finished += 1;
        }
    };
    if tokio::time::timeout(limit, all_done).await.is_ok() {
        return Ok(());
    }
    let waiting = &mut tasks[finished..];
    let unfinished = waiting.iter().filter(|task| !task.is_finished()).count();
    for task in waiting.iter() {
        task.abort();
    }
    for task in waiting {
        // An aborted task reports cancellation; one that finished meanwhile reports success.
        let _ = task.await;
    }
    Err(Deadlocked {
        unfinished,
        after: limit,
    })
}
