//! The contract every loop in this lab keeps: handle the messages of an inbox, and run a
//! periodic action every `period`, until the inbox closes.
//!
//! Every variant is an `async fn(inbox, period, &Actions)`, so the tests, the bench, the demo
//! and the probe run each of them on the same inbox with the same actions. [`Actions`] is what
//! the loop does (handle a message, run the periodic action) *and* the witness of what it did:
//! it stamps every tick with the time it started, measured from the moment it was built. The
//! periodic action's cost is a model ([`Work`]): a fixed time per tick, and one tick that can
//! stall (a slow handler, a backoff), so that the same loop can be shown drifting and bursting.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::time::Instant;

/// One message from the inbox: its sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message(pub u64);

/// One tick that takes far longer than the others: a slow handler, a backoff after an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stall {
    /// Which tick stalls, counting from 0.
    pub tick: usize,
    /// How long that tick's action takes.
    pub lasts: Duration,
}

/// What the periodic action costs each time it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Work {
    /// How long every tick's action takes (a flush, a probe, a metrics push).
    pub each: Duration,
    /// The one tick that takes longer, if any.
    pub stall: Option<Stall>,
}

impl Work {
    /// An action that takes no time at all.
    pub const NONE: Work = Work {
        each: Duration::ZERO,
        stall: None,
    };

    /// How long the action of tick `index` takes.
    pub fn of_tick(&self, index: usize) -> Duration {
        match self.stall {
            Some(stall) if stall.tick == index => stall.lasts,
            _ => self.each,
        }
    }
}

/// What a loop did: when each tick's action started, and how many messages it handled.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    /// The start of every tick's action, since the [`Actions`] were built, in order.
    pub ticks: Vec<Duration>,
    /// Messages handled.
    pub messages: u64,
}

impl Record {
    /// Ticks that started before `end`.
    pub fn ticks_before(&self, end: Duration) -> usize {
        self.ticks.iter().filter(|&&t| t < end).count()
    }

    /// The time between each tick and the next.
    pub fn gaps(&self) -> Vec<Duration> {
        self.ticks.windows(2).map(|w| w[1] - w[0]).collect()
    }

    /// The most ticks that started within any window `width` long: 1 or 2 for a steady
    /// ticker, the number of missed ticks for one that bursts.
    pub fn most_ticks_within(&self, width: Duration) -> usize {
        (0..self.ticks.len())
            .map(|first| {
                self.ticks[first..]
                    .iter()
                    .take_while(|&&t| t - self.ticks[first] < width)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    /// How late tick `periods` (counting from the first) comes against `periods × period`
    /// after the first (`None` with fewer ticks; zero if early): zero for a ticker that keeps
    /// its schedule, the action's time on every period for one that sleeps after the work.
    pub fn drift(&self, period: Duration, periods: u32) -> Option<Duration> {
        let first = *self.ticks.first()?;
        let last = *self.ticks.get(usize::try_from(periods).ok()?)?;
        Some((last - first).saturating_sub(period * periods))
    }
}

/// What a loop does, and the record of what it did; shared by reference, so a loop may use it
/// from two futures at once (the `sleep-after-work` variant does).
#[derive(Debug)]
pub struct Actions {
    started: Instant,
    work: Work,
    ticks: Mutex<Vec<Duration>>,
    messages: AtomicU64,
}

impl Actions {
    /// Actions whose clock starts now.
    pub fn new(work: Work) -> Actions {
        Actions {
            started: Instant::now(),
            work,
            ticks: Mutex::new(Vec::new()),
            messages: AtomicU64::new(0),
        }
    }

    /// The periodic action: records when it started, then takes its time (Tokio's timer, so
    /// under paused time the time is exact and costs nothing).
    pub async fn tick(&self) {
        let index = {
            let mut ticks = self.ticks.lock().expect("no tick panics while recording");
            ticks.push(self.started.elapsed());
            ticks.len() - 1
        };
        let work = self.work.of_tick(index);
        if !work.is_zero() {
            tokio::time::sleep(work).await;
        }
    }

    /// Handles one message (counting it is all the handling this lab needs).
    pub fn handle(&self, message: Message) {
        std::hint::black_box(message);
        self.messages.fetch_add(1, Ordering::Relaxed);
    }

    /// What the loop did.
    pub fn record(&self) -> Record {
        Record {
            ticks: self.ticks.lock().expect("no tick panics").clone(),
            messages: self.messages.load(Ordering::Relaxed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(ms: &[u64]) -> Record {
        Record {
            ticks: ms.iter().map(|&ms| Duration::from_millis(ms)).collect(),
            messages: 0,
        }
    }

    #[test]
    fn a_burst_is_many_ticks_within_one_period() {
        let steady = record(&[0, 1_000, 2_000, 8_500, 9_000, 10_000]);
        assert_eq!(steady.most_ticks_within(Duration::from_secs(1)), 2);
        let burst = record(&[0, 1_000, 8_500, 8_600, 8_700, 8_800, 9_000]);
        assert_eq!(burst.most_ticks_within(Duration::from_secs(1)), 5);
        assert_eq!(record(&[]).most_ticks_within(Duration::from_secs(1)), 0);
    }

    #[test]
    fn drift_is_how_late_the_nth_tick_comes() {
        let period = Duration::from_secs(1);
        let drifting = record(&[1_000, 2_100, 3_200, 4_300]);
        assert_eq!(drifting.drift(period, 3), Some(Duration::from_millis(300)));
        assert_eq!(
            record(&[0, 1_000, 2_000]).drift(period, 2),
            Some(Duration::ZERO)
        );
        assert_eq!(drifting.drift(period, 4), None, "only four ticks");
    }

    #[test]
    fn a_stalled_tick_takes_its_own_time() {
        let work = Work {
            each: Duration::from_millis(100),
            stall: Some(Stall {
                tick: 3,
                lasts: Duration::from_secs(5),
            }),
        };
        assert_eq!(work.of_tick(2), Duration::from_millis(100));
        assert_eq!(work.of_tick(3), Duration::from_secs(5));
    }
}
