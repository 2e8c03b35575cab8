//! The watchdog: a thread that looks at the workers while they poll.
//!
//! The poll hooks only speak when a poll ends, and a worker blocked forever never ends its
//! poll. So a plain thread looks at every worker's open poll every
//! [`Config::watch_every`](crate::Config::watch_every) and decides, for each, what to do:
//!
//! - *sample* it, once, when it has run for half the slow threshold: read the worker thread's
//!   CPU accounting, so that when the poll ends the report can say whether the thread spent it
//!   computing or asleep;
//! - *report* it, once, when it has run past the stall threshold: the poll is still holding
//!   its worker, and someone should know now, not when (or if) it ends.
//!
//! The decisions are a pure function of what the workers' slots show and the time
//! ([`Watch::observe`]), so the tests drive it with synthetic polls and a synthetic clock.

use long_poll::Thresholds;

/// What one worker's slot showed: the poll it has open, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenPoll {
    /// The worker's slot.
    pub slot: usize,
    /// The poll's sequence number in that slot (each poll gets a new one).
    pub seq: u64,
    /// When it started, in ns since the detector started.
    pub started_ns: u64,
}

/// What the watchdog decided to do about one open poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the worker thread's CPU accounting now.
    Sample(OpenPoll),
    /// The poll has held its worker past the stall threshold: report it while it runs.
    Stalled {
        /// The poll.
        poll: OpenPoll,
        /// How long it has run, in ns.
        running_ns: u64,
    },
}

/// The watchdog's memory: which polls it has already sampled and reported.
#[derive(Debug, Clone, Default)]
pub struct Watch {
    /// Per slot: the last poll sampled and the last reported.
    seen: Vec<(u64, u64)>,
}

impl Watch {
    /// Decides what to do about the polls open at `now_ns`.
    pub fn observe(
        &mut self,
        now_ns: u64,
        open: &[OpenPoll],
        thresholds: &Thresholds,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        for &poll in open {
            if self.seen.len() <= poll.slot {
                self.seen.resize(poll.slot + 1, (0, 0));
            }
            let (sampled, reported) = &mut self.seen[poll.slot];
            let running_ns = now_ns.saturating_sub(poll.started_ns);
            if running_ns >= thresholds.slow_ns / 2 && *sampled != poll.seq {
                *sampled = poll.seq;
                actions.push(Action::Sample(poll));
            }
            if running_ns >= thresholds.stall_ns && *reported != poll.seq {
                *reported = poll.seq;
                actions.push(Action::Stalled { poll, running_ns });
            }
        }
        actions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: u64 = 1_000_000;

    fn poll(slot: usize, seq: u64, started_ms: u64) -> OpenPoll {
        OpenPoll {
            slot,
            seq,
            started_ns: started_ms * MS,
        }
    }

    #[test]
    fn a_short_poll_is_left_alone() {
        let mut watch = Watch::default();
        let t = Thresholds::default();
        assert!(watch.observe(0, &[poll(0, 1, 0)], &t).is_empty());
        // 0.4 ms in: below half the slow threshold.
        assert!(watch.observe(MS * 4 / 10, &[poll(0, 1, 0)], &t).is_empty());
    }

    #[test]
    fn a_long_poll_is_sampled_once_and_a_stall_reported_once() {
        let mut watch = Watch::default();
        let t = Thresholds::default();
        let p = poll(1, 7, 10);
        assert_eq!(watch.observe(11 * MS, &[p], &t), [Action::Sample(p)]);
        assert!(watch.observe(50 * MS, &[p], &t).is_empty(), "sampled once");
        let stalled = Action::Stalled {
            poll: p,
            running_ns: 100 * MS,
        };
        assert_eq!(watch.observe(110 * MS, &[p], &t), [stalled]);
        assert!(
            watch.observe(5_000 * MS, &[p], &t).is_empty(),
            "reported once"
        );
    }

    #[test]
    fn the_next_poll_on_the_same_worker_is_watched_afresh() {
        let mut watch = Watch::default();
        let t = Thresholds::default();
        let first = poll(0, 1, 0);
        let second = poll(0, 2, 200);
        assert_eq!(watch.observe(150 * MS, &[first], &t).len(), 2);
        assert_eq!(
            watch.observe(301 * MS, &[second], &t),
            [
                Action::Sample(second),
                Action::Stalled {
                    poll: second,
                    running_ns: 101 * MS
                }
            ]
        );
    }

    #[test]
    fn a_stall_seen_late_is_sampled_and_reported_at_once() {
        // The watchdog itself was starved (a busy machine) and first looks 300 ms in.
        let mut watch = Watch::default();
        let p = poll(3, 1, 0);
        let actions = watch.observe(300 * MS, &[p], &Thresholds::default());
        assert_eq!(
            actions,
            [
                Action::Sample(p),
                Action::Stalled {
                    poll: p,
                    running_ns: 300 * MS
                }
            ]
        );
    }
}
