//! Every loop of the lab, by the name the benches, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names (`sleep-after-work`, `pinned-sleep`)
//! and their order are written once, here, and read everywhere through
//! [`evidence::Variants`]. This is the only file that knows every variant module; each of
//! them knows only the contract.

use std::fmt;
use std::sync::Arc;

use evidence::Variants;
use tokio::sync::mpsc;
use tokio::time::Duration;

use crate::contract::{Actions, Message, Record};
use crate::scenario::{self, Scenario};
use crate::{anti, burst, deadline, delay, fixed, pinned_sleep, reset_each_turn, sleep_after_work};

/// Every loop of the lab: the anti-pattern first, the reference fix second, then the other
/// fixes, then the other mistakes (the order of every table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `sleep(period)` built inside the `select!`: every message restarts the period.
    Anti,
    /// One `interval` built before the loop, `MissedTickBehavior::Skip`.
    Fixed,
    /// The same interval with `MissedTickBehavior::Delay`.
    Delay,
    /// One pinned `Sleep`, `reset()` to the next deadline when it fires.
    PinnedSleep,
    /// `sleep_until(deadline)` built every turn, the deadline moved only by a tick.
    Deadline,
    /// One pinned `Sleep`, `reset()` every turn to a deadline moved only by a tick.
    ResetEachTurn,
    /// One `interval` with the default `MissedTickBehavior::Burst`.
    Burst,
    /// A loop of its own: the action, then `sleep(period)`.
    SleepAfterWork,
}

/// The three ways a periodic loop goes wrong, each judged by a test in `tests/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faults {
    /// Messages more often than the period keep the action from running.
    pub starves: bool,
    /// After a stall, the missed ticks run back to back.
    pub bursts: bool,
    /// The period stretches by the action's time.
    pub drifts: bool,
}

impl Variant {
    /// What this loop gets wrong. A `match`, so a new variant cannot be added without
    /// deciding; the tests check every answer against the loop's behaviour.
    pub fn faults(self) -> Faults {
        let (starves, bursts, drifts) = match self {
            Variant::Anti => (true, false, true),
            Variant::Burst => (false, true, false),
            Variant::SleepAfterWork => (false, false, true),
            Variant::Fixed
            | Variant::Delay
            | Variant::PinnedSleep
            | Variant::Deadline
            | Variant::ResetEachTurn => (false, false, false),
        };
        Faults {
            starves,
            bursts,
            drifts,
        }
    }

    /// Whether this loop gets nothing wrong.
    pub fn is_correct(self) -> bool {
        self.faults()
            == Faults {
                starves: false,
                bursts: false,
                drifts: false,
            }
    }

    /// The variants that get nothing wrong, in the usual order.
    pub fn correct() -> impl Iterator<Item = Variant> {
        Variant::all().iter().copied().filter(|v| v.is_correct())
    }

    /// Runs this loop on `inbox` until it closes.
    pub async fn run(self, inbox: mpsc::Receiver<Message>, period: Duration, actions: &Actions) {
        match self {
            Variant::Anti => anti::run(inbox, period, actions).await,
            Variant::Fixed => fixed::run(inbox, period, actions).await,
            Variant::Delay => delay::run(inbox, period, actions).await,
            Variant::PinnedSleep => pinned_sleep::run(inbox, period, actions).await,
            Variant::Deadline => deadline::run(inbox, period, actions).await,
            Variant::ResetEachTurn => reset_each_turn::run(inbox, period, actions).await,
            Variant::Burst => burst::run(inbox, period, actions).await,
            Variant::SleepAfterWork => sleep_after_work::run(inbox, period, actions).await,
        }
    }

    /// Runs this loop through `scenario` and returns what it did.
    pub async fn record(self, scenario: Scenario) -> Record {
        scenario::run(
            scenario,
            |inbox, period, actions: Arc<Actions>| async move {
                self.run(inbox, period, &actions).await;
            },
        )
        .await
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
