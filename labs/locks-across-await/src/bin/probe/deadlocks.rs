//! Which set-ups deadlock, how each deadlock is detected, and how often random batches of
//! transfers deadlock in each lock order.

use std::sync::Arc;
use std::time::Duration;

use evidence::number::{count, duration, tick};
use locks_across_await::lock_order::{Deadlocked, LockOrder, Transfer, transfer_all};
use locks_across_await::remote::ROUND_TRIP;
use locks_across_await::sharded::PerAccountLedger;
use locks_across_await::workload::{self, Clock, Keys, Outcome, Stuck, VIRTUAL_LIMIT, Workload};
use locks_across_await::{Remote, Variant};
use tokio::time::Instant;

/// How long to watch a runtime thread that may be blocked (the anti-pattern's).
const WALL_LIMIT: Duration = Duration::from_millis(500);
/// Accounts and transfers in each random batch.
const ACCOUNTS: usize = 4;
const TRANSFERS_PER_BATCH: usize = 8;
/// The seed of the random batches: fixed, so every run tries the same batches.
const SEED: u64 = 0x5EED_1DEA_F00D_CAFE;

/// Everything the probe found.
pub struct Found {
    /// Two deposits through the anti-pattern at once.
    pub std_guard: Result<Outcome, Stuck>,
    /// Two deposits through one tokio mutex at once.
    pub tokio_mutex: Result<Outcome, Stuck>,
    /// Two opposite transfers in argument order: elapsed virtual time, or the deadlock.
    pub argument_order: Result<Duration, Deadlocked>,
    /// The same in one global order.
    pub global_order: Result<Duration, Deadlocked>,
    /// Random batches tried in each order.
    pub batches: usize,
    /// Batches that deadlocked in argument order.
    pub argument_order_deadlocks: usize,
    /// Batches that deadlocked in one global order.
    pub global_order_deadlocks: usize,
    /// Batches in one global order whose balances did not add up afterwards.
    pub global_order_wrong_totals: usize,
}

/// Runs every experiment; `batches` random batches of transfers per lock order.
pub fn measure(batches: usize) -> Found {
    let two = Workload::new(2, Keys::Spread);
    let deposits =
        |variant| workload::measure(variant, two, Remote::default(), Clock::Virtual, WALL_LIMIT);
    let opposite = [
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
    let mut random = Random(SEED);
    let (mut argument_order_deadlocks, mut global_order_deadlocks) = (0, 0);
    let mut global_order_wrong_totals = 0;
    for _ in 0..batches {
        let batch: Vec<Transfer> = (0..TRANSFERS_PER_BATCH)
            .map(|_| Transfer {
                from: random.below(ACCOUNTS as u64) as usize,
                to: random.below(ACCOUNTS as u64) as usize,
                amount: 1 + random.below(10),
            })
            .collect();
        if transfers(&batch, LockOrder::ArgumentOrder).0.is_err() {
            argument_order_deadlocks += 1;
        }
        let (outcome, total) = transfers(&batch, LockOrder::Global);
        if outcome.is_err() {
            global_order_deadlocks += 1;
        }
        if total != ACCOUNTS as u64 * 1_000 {
            global_order_wrong_totals += 1;
        }
    }
    Found {
        std_guard: deposits(Variant::Anti),
        tokio_mutex: deposits(Variant::TokioMutex),
        argument_order: transfers(&opposite, LockOrder::ArgumentOrder).0,
        global_order: transfers(&opposite, LockOrder::Global).0,
        batches,
        argument_order_deadlocks,
        global_order_deadlocks,
        global_order_wrong_totals,
    }
}

/// Runs one batch of transfers among accounts of 1 000 each, all started together, on a
/// paused clock; returns the elapsed virtual time (or the deadlock) and the total afterwards.
fn transfers(batch: &[Transfer], order: LockOrder) -> (Result<Duration, Deadlocked>, u64) {
    let runtime = workload::current_thread_runtime(Clock::Virtual);
    runtime.block_on(async {
        let ledger = Arc::new(PerAccountLedger::with_balance(
            ACCOUNTS,
            1_000,
            Remote::default(),
        ));
        let start = Instant::now();
        let outcome = transfer_all(&ledger, batch, order, VIRTUAL_LIMIT)
            .await
            .map(|()| start.elapsed());
        let total = ledger.balances().await.iter().sum();
        (outcome, total)
    })
}

/// xorshift64*: a few lines of well-known arithmetic instead of a dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn deposit_outcome(result: &Result<Outcome, Stuck>) -> (String, String) {
    match result {
        Ok(outcome) => (
            format!(
                "finished in {}",
                crate::virtual_time::round_trips_phrase(outcome)
            ),
            "—".into(),
        ),
        Err(Stuck::ThreadBlocked(blocked)) => (
            "**deadlocked**".into(),
            format!(
                "the runtime's thread did not come back within {} of real time, though on \
                 its paused clock the {} timeout around the deposits would have fired at \
                 once: the thread itself is blocked, in `Mutex::lock`",
                duration(blocked.waited),
                duration(VIRTUAL_LIMIT)
            ),
        ),
        Err(Stuck::AllTasksWaiting { after }) => (
            "**deadlocked**".into(),
            format!("the runtime's {} timeout fired", duration(*after)),
        ),
    }
}

fn transfer_outcome(result: &Result<Duration, Deadlocked>) -> (String, String) {
    match result {
        Ok(elapsed) => (
            format!(
                "finished in {} round trips",
                tick(elapsed.as_secs_f64() / ROUND_TRIP.as_secs_f64())
            ),
            "—".into(),
        ),
        Err(deadlocked) => (
            format!(
                "**deadlocked**: {} transfers waiting for each other",
                count(deadlocked.unfinished as u64)
            ),
            format!(
                "the runtime's {after} timeout fired, after {after} of virtual time and no real \
                 waiting: every task was asleep on a lock, so the paused clock jumped \
                 straight to the timer",
                after = duration(deadlocked.after),
            ),
        ),
    }
}

/// The deadlock table and the random-batch counts.
pub fn render(found: &Found) -> String {
    let mut out = String::from("| set-up | outcome | how it was detected |\n| --- | --- | --- |\n");
    let rows = [
        (
            "two deposits at once through `anti` (a `std::sync::Mutex` guard held across the \
             round trip), current-thread runtime",
            deposit_outcome(&found.std_guard),
        ),
        (
            "two deposits at once through `tokio-mutex` (a `tokio::sync::Mutex` guard held \
             across the round trip), current-thread runtime",
            deposit_outcome(&found.tokio_mutex),
        ),
        (
            "transfers 0 → 1 and 1 → 0 at once, per-account `tokio::sync::Mutex`, locks taken \
             in argument order",
            transfer_outcome(&found.argument_order),
        ),
        (
            "the same two transfers, locks taken in one global order (lower account first)",
            transfer_outcome(&found.global_order),
        ),
    ];
    for (setup, (outcome, detected)) in rows {
        out.push_str(&format!("| {setup} | {outcome} | {detected} |\n"));
    }
    out.push_str(&format!(
        "\n{batches} random batches of {TRANSFERS_PER_BATCH} transfers among {ACCOUNTS} \
         accounts (random directions and amounts, fixed seed), all started at once on a paused \
         clock: in argument order **{arg} of {batches}** deadlocked; in one global order \
         **{global} of {batches}** did, and {wrong} ended with balances that did not add up.\n",
        batches = count(found.batches as u64),
        arg = count(found.argument_order_deadlocks as u64),
        global = count(found.global_order_deadlocks as u64),
        wrong = count(found.global_order_wrong_totals as u64),
    ));
    out
}
