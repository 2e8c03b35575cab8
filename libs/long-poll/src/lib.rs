//! The long-poll rule: when does a spawn location block its worker?
//!
//! A Tokio worker runs one task at a time and switches only when that task's `poll` returns.
//! Blocking code (`std::thread::sleep`, a long computation, `std::fs`, a rayon call, a loop of
//! always-ready `.await`s) keeps `poll` from returning, and every other task queued on that
//! worker waits for all of it. Two tools in this project look for it, from two sides:
//!
//! - the tokio-console snapshot lint (`console-snapshot`), offline, on the poll-time histograms
//!   console-subscriber recorded;
//! - the stall detector (`stall-detector`), live, inside the reader's own runtime, on the
//!   poll times Tokio's task hooks report.
//!
//! Both feed their counts for one *spawn location* (every task spawned at one place in the
//! code, which all run the same code) into [`judge`], so the two can never disagree about what
//! counts as blocking. A location **fires** when either
//!
//! - its polls are **systematically slow**: at least [`MIN_SLOW_POLLS`] of them, and at least
//!   [`MIN_SLOW_PERCENT`]% of all its polls, took [`SLOW_NS`] (1 ms) or more; or
//! - one of its polls **stalled** its thread for [`STALL_NS`] (100 ms) or more.
//!
//! A poll still running when the tool looked counts, with its length so far.
//!
//! # Why these numbers
//!
//! Poll times are wall-clock times around `poll`, and that shapes the rule in two ways.
//!
//! *What counts as slow: 1 ms.* Tokio's timer ticks in milliseconds, so a poll that holds a
//! worker for a millisecond makes every timer due on that worker miss its tick, and every task
//! queued behind it wait as long as the timer resolution. It is also ten times the upper end
//! of Tokio's guidance (reach an `.await` every 10 to 100 µs), far above what either tool's
//! bookkeeping adds, and above what cooperative code legitimately does between two yields: the
//! `consume-budget` fix of the blocking lab, which does Tokio's full budget of 128 units of
//! work per poll, polls for 100 to 200 µs; `tokio-fs`, which hashes a 64 KiB chunk per poll,
//! mostly for 0.1 to 1 ms. The blocking anti-patterns of that lab's demo hold their polls for
//! the whole cost of a request (20 ms by default).
//!
//! *What counts as systematic: 3 polls and 25%.* Wall-clock time includes the time the OS took
//! the thread away. On a busy two-core machine (where this book's numbers come from) a thread
//! can lose its core for a few scheduler time slices in the middle of a 20 µs poll, so any
//! location has the odd slow poll by bad luck. In the recorded console fixtures, no location
//! of a fix has more than 6% of its polls slow (`tokio-fs`, whose blocking pool keeps both
//! cores busy), while the blocking anti-patterns have 50% (`spawn-await`, whose tasks poll
//! twice, blocking once) to 90%. Hence a share of 25%, far from both; and at least three slow
//! polls, so that one unlucky poll of a small task never decides. Preemption lasts
//! milliseconds, not a tenth of a second, so a single 100 ms poll is blocking whatever the
//! share.
//!
//! The price: a location that blocks in only a few of many polls (a handler that blocks one
//! request in ten) passes unless one of those polls reaches 100 ms, and so does code that
//! blocks for less than a millisecond at a time, which on a real service is already too long.
//!
//! # Excused polls
//!
//! `tokio::task::block_in_place` lets a task block in place on a multi-thread runtime: before
//! running the closure it hands its worker (and the worker's queue) to another thread, so the
//! other tasks keep running. Both tools still see one long poll, and each has its own way of
//! seeing the hand-off (console-snapshot matches the hand-off's blocking task by time, the
//! stall detector sees another thread take over the worker). A slow poll explained by a
//! hand-off is *excused*: the rules apply to the slow polls left over.

use serde::{Deserialize, Serialize};

/// A poll at least this long is slow, in nanoseconds: 1 ms.
pub const SLOW_NS: u64 = 1_000_000;
/// A location fires when at least this share of its polls is slow, in percent.
pub const MIN_SLOW_PERCENT: u64 = 25;
/// ... and at least this many of its polls are slow.
pub const MIN_SLOW_POLLS: u64 = 3;
/// A single poll at least this long fires on its own, in nanoseconds: 100 ms.
pub const STALL_NS: u64 = 100_000_000;

/// The rule's thresholds; [`Thresholds::default`] is the one both tools and the book use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// A poll at least this long is slow, in ns.
    pub slow_ns: u64,
    /// The share of slow polls that makes a location fire, in percent.
    pub min_slow_percent: u64,
    /// The number of slow polls that makes a location fire, at least.
    pub min_slow_polls: u64,
    /// A poll at least this long fires on its own, in ns.
    pub stall_ns: u64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            slow_ns: SLOW_NS,
            min_slow_percent: MIN_SLOW_PERCENT,
            min_slow_polls: MIN_SLOW_POLLS,
            stall_ns: STALL_NS,
        }
    }
}

/// What a tool counted for one spawn location.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Its polls, in all (a running one included).
    pub polls: u64,
    /// Polls at or over the slow threshold (a running one included, with its length so far).
    pub slow: u64,
    /// Slow polls a `block_in_place` hand-off explains.
    pub excused: u64,
    /// The longest poll, in ns, if known.
    pub max_ns: Option<u64>,
}

/// What the rule concludes about one spawn location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Judgement {
    /// No slow poll, or too few to be more than scheduling noise.
    Quiet,
    /// Slow polls are systematic, or one poll stalled its thread.
    Fires,
    /// There were enough slow polls to fire, but hand-offs explain them.
    Excused,
}

/// The rule of the module docs, on one location's counts.
pub fn judge(counts: &Counts, thresholds: &Thresholds) -> Judgement {
    let systematic = |slow: u64| {
        slow >= thresholds.min_slow_polls
            && slow * 100 >= thresholds.min_slow_percent * counts.polls.max(1)
    };
    // A stall is a single poll, which a hand-off may explain like any other slow poll.
    let stalled = counts.max_ns.is_some_and(|max| max >= thresholds.stall_ns);
    let unexplained = counts.slow.saturating_sub(counts.excused);
    if systematic(unexplained) || (stalled && unexplained > 0) {
        Judgement::Fires
    } else if systematic(counts.slow) || (stalled && counts.slow > 0) {
        Judgement::Excused
    } else {
        Judgement::Quiet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: u64 = 1_000_000;

    fn judged(polls: u64, slow: u64, excused: u64, max_ms: u64) -> Judgement {
        let counts = Counts {
            polls,
            slow,
            excused,
            max_ns: Some(max_ms * MS),
        };
        judge(&counts, &Thresholds::default())
    }

    #[test]
    fn a_systematic_share_fires_and_a_scattered_one_does_not() {
        assert_eq!(judged(8, 3, 0, 2), Judgement::Fires);
        assert_eq!(
            judged(8, 2, 0, 2),
            Judgement::Quiet,
            "too few, whatever the share"
        );
        assert_eq!(
            judged(200, 4, 0, 5),
            Judgement::Quiet,
            "2%: the odd preempted poll"
        );
    }

    #[test]
    fn one_stall_fires_on_its_own() {
        assert_eq!(judged(1000, 1, 0, 100), Judgement::Fires);
        assert_eq!(judged(1000, 1, 0, 99), Judgement::Quiet);
    }

    #[test]
    fn hand_offs_excuse_slow_polls_one_each() {
        assert_eq!(judged(8, 8, 8, 150), Judgement::Excused);
        assert_eq!(
            judged(8, 8, 7, 150),
            Judgement::Fires,
            "one unexplained stall"
        );
        assert_eq!(judged(100, 40, 30, 5), Judgement::Excused, "10 left: 10%");
    }

    #[test]
    fn an_empty_location_is_quiet() {
        assert_eq!(
            judge(&Counts::default(), &Thresholds::default()),
            Judgement::Quiet
        );
    }
}
