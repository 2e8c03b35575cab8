//! Every subscriber of the lab, by the name the benches, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names and their order are written once,
//! here, and read everywhere through [`evidence::Variants`]. This is the only file that knows
//! every variant module; each of them knows only the contract.

use std::fmt;

use evidence::Variants;
use tokio::sync::broadcast;

use crate::contract::{Consumer, Event, Report};
use crate::scenario::{self, Channel, Run, Scenario};
use crate::{anti, fixed, resubscribe};

/// Every subscriber of the lab: the anti-pattern first, the reference fix second, then the
/// other fixes, then the other mistake (the order of every table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `while let Ok(event) = rx.recv().await` on a `broadcast` receiver.
    Anti,
    /// `match` on the error: count `Lagged(n)` and go on, stop on `Closed`.
    Fixed,
    /// A `watch` channel: the newest value only, gaps counted by sequence number.
    Latest,
    /// One bounded `mpsc` queue per subscriber: nothing lost, the publisher waits.
    FanOut,
    /// `resubscribe()` on `Lagged`: survives, but drops the ring and the count.
    Resubscribe,
}

/// What a subscriber gets wrong, each judged by a test in `tests/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faults {
    /// It stops on its first lag, before the channel closes.
    pub quits: bool,
    /// It loses events without reporting them.
    pub loses_silently: bool,
}

impl Variant {
    /// What this subscriber gets wrong. A `match`, so a new variant cannot be added without
    /// deciding; the tests check every answer against the subscriber's behaviour.
    pub fn faults(self) -> Faults {
        let (quits, loses_silently) = match self {
            Variant::Anti => (true, true),
            Variant::Resubscribe => (false, true),
            Variant::Fixed | Variant::Latest | Variant::FanOut => (false, false),
        };
        Faults {
            quits,
            loses_silently,
        }
    }

    /// Whether this subscriber accounts for every event and ends only on close.
    pub fn is_correct(self) -> bool {
        self.faults()
            == Faults {
                quits: false,
                loses_silently: false,
            }
    }

    /// The variants that get nothing wrong, in the usual order.
    pub fn correct() -> impl Iterator<Item = Variant> {
        Variant::all().iter().copied().filter(|v| v.is_correct())
    }

    /// The channel this variant's subscribers read.
    pub fn channel(self) -> Channel {
        match self {
            Variant::Anti | Variant::Fixed | Variant::Resubscribe => Channel::Broadcast,
            Variant::Latest => Channel::Watch,
            Variant::FanOut => Channel::FanOut,
        }
    }

    /// Runs this variant's subscriber on a `broadcast` receiver.
    ///
    /// # Panics
    /// For a variant that reads another channel ([`Variant::channel`]).
    pub async fn on_broadcast(self, rx: broadcast::Receiver<Event>, consumer: &Consumer) -> Report {
        match self {
            Variant::Anti => anti::run(rx, consumer).await,
            Variant::Fixed => fixed::run(rx, consumer).await,
            Variant::Resubscribe => resubscribe::run(rx, consumer).await,
            Variant::Latest | Variant::FanOut => {
                panic!("`{self}` does not read a broadcast channel")
            }
        }
    }

    /// Runs this variant through `scenario` on the current runtime.
    pub async fn run(self, scenario: &Scenario) -> Run {
        scenario::run(self, scenario).await
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
