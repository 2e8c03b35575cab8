//! What the detector found, as a value: print it, log it, serve it, or compare it.

use std::fmt;

use long_poll::{Judgement, Thresholds};
use serde::{Deserialize, Serialize};

use crate::cpu::Class;
use crate::histogram::Histogram;

/// Everything the detector saw, by spawn location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Whether the hooks were installed: `false` in a build without `--cfg tokio_unstable`.
    pub active: bool,
    /// Why not, when not active.
    pub inactive_reason: Option<String>,
    /// The rule the locations were judged by.
    pub thresholds: Thresholds,
    /// One entry per spawn location that was polled, those that fire first.
    pub locations: Vec<LocationReport>,
    /// The longest polls, longest first (at most `Config::keep_worst`).
    pub worst: Vec<LongPoll>,
    /// Polls the watchdog reported while they were still running past the stall threshold.
    pub stalls_reported_live: u64,
}

/// One spawn location's polls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationReport {
    /// `file:line:column` of the `spawn` call.
    pub location: String,
    /// Polls, finished or still open.
    pub polls: u64,
    /// Polls at or over the slow threshold (an open one, with its length so far).
    pub slow: u64,
    /// Slow polls that `block_in_place` handed their worker off during.
    pub excused: u64,
    /// Slow polls that were slow only because their thread waited for a core (preempted on a
    /// busy machine): excused as well.
    #[serde(default)]
    pub preempted: u64,
    /// The longest poll, in ns.
    pub max_ns: u64,
    /// The median poll, in ns (the upper bound of its histogram bucket).
    pub p50_ns: Option<u64>,
    /// The 99th percentile poll, in ns (the upper bound of its histogram bucket).
    pub p99_ns: Option<u64>,
    /// What the slow polls spent their time on.
    pub classes: ClassCounts,
    /// The shared rule's verdict.
    pub verdict: Judgement,
}

/// Slow polls by what they spent their time on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassCounts {
    /// Computing, or waiting for a core.
    pub cpu_bound: u64,
    /// Asleep: a blocking call, a lock, a sleep.
    pub blocked: u64,
    /// Neither dominated.
    pub mixed: u64,
    /// Not sampled.
    pub unknown: u64,
}

impl ClassCounts {
    /// Counts one slow poll of `class`.
    pub fn add(&mut self, class: Class) {
        match class {
            Class::CpuBound => self.cpu_bound += 1,
            Class::Blocked => self.blocked += 1,
            Class::Mixed => self.mixed += 1,
            Class::Unknown => self.unknown += 1,
        }
    }

    /// Adds another location's counts.
    pub fn merge(&mut self, other: &ClassCounts) {
        self.cpu_bound += other.cpu_bound;
        self.blocked += other.blocked;
        self.mixed += other.mixed;
        self.unknown += other.unknown;
    }

    /// The class most slow polls had, among those sampled (`Unknown` if none was).
    pub fn dominant(&self) -> Class {
        let known = [
            (self.cpu_bound, Class::CpuBound),
            (self.blocked, Class::Blocked),
            (self.mixed, Class::Mixed),
        ];
        known
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, _)| *n)
            .map_or(Class::Unknown, |(_, class)| class)
    }
}

/// One long poll, in detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LongPoll {
    /// Where its task was spawned.
    pub location: String,
    /// How long it held its thread, in ns (so far, if still running).
    pub duration_ns: u64,
    /// What it spent the time on.
    pub class: Class,
    /// Whether `block_in_place` handed its worker to another thread meanwhile.
    pub handed_off: bool,
    /// Whether it was long only because its thread waited for a core.
    #[serde(default)]
    pub preempted: bool,
    /// Whether it was still running when the report was taken.
    pub running: bool,
}

/// Counts for one location before they are judged: what the recorder keeps per worker.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Poll durations.
    pub histogram: Histogram,
    /// Polls at or over the slow threshold.
    pub slow: u64,
    /// Slow polls handed off by `block_in_place`.
    pub excused: u64,
    /// Slow polls that only waited for a core.
    pub preempted: u64,
    /// The longest, in ns.
    pub max_ns: u64,
    /// Slow polls by class.
    pub classes: ClassCounts,
}

impl Tally {
    /// Adds another worker's tally of the same location.
    pub fn merge(&mut self, other: &Tally) {
        self.histogram.merge(&other.histogram);
        self.slow += other.slow;
        self.excused += other.excused;
        self.preempted += other.preempted;
        self.max_ns = self.max_ns.max(other.max_ns);
        self.classes.merge(&other.classes);
    }

    /// Judges the location, with `running_ns` for a poll still open there.
    pub fn judge(
        &self,
        location: String,
        running_ns: Option<u64>,
        thresholds: &Thresholds,
    ) -> LocationReport {
        let open = u64::from(running_ns.is_some());
        let open_slow = u64::from(running_ns.is_some_and(|ns| ns >= thresholds.slow_ns));
        let mut classes = self.classes;
        classes.unknown += open_slow;
        let polls = self.histogram.count() + open;
        let slow = self.slow + open_slow;
        let max_ns = self.max_ns.max(running_ns.unwrap_or(0));
        let counts = long_poll::Counts {
            polls,
            slow,
            // Both kinds of excuse are the same to the rule: slow polls that blocked no one.
            excused: self.excused + self.preempted,
            max_ns: Some(max_ns),
        };
        LocationReport {
            location,
            polls,
            slow,
            excused: self.excused,
            preempted: self.preempted,
            max_ns,
            p50_ns: self.histogram.percentile(50.0),
            p99_ns: self.histogram.percentile(99.0),
            classes,
            verdict: long_poll::judge(&counts, thresholds),
        }
    }
}

impl Report {
    /// A report that says the detector is not running, and why.
    pub fn inactive(reason: &str) -> Report {
        Report {
            active: false,
            inactive_reason: Some(reason.to_owned()),
            thresholds: Thresholds::default(),
            locations: Vec::new(),
            worst: Vec::new(),
            stalls_reported_live: 0,
        }
    }

    /// The locations the rule fires on.
    pub fn flagged(&self) -> impl Iterator<Item = &LocationReport> {
        self.locations
            .iter()
            .filter(|l| l.verdict == Judgement::Fires)
    }

    /// Whether any location fires.
    pub fn fires(&self) -> bool {
        self.flagged().next().is_some()
    }
}

/// Milliseconds with two decimals: the report's one unit, readable from 10 µs to minutes.
fn ms(ns: u64) -> String {
    format!("{:.2} ms", ns as f64 / 1e6)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.active {
            let reason = self.inactive_reason.as_deref().unwrap_or("not installed");
            return writeln!(f, "stall detector inactive: {reason}");
        }
        let flagged = self.flagged().count();
        writeln!(
            f,
            "stall detector: {} spawn locations polled, {flagged} blocking (slow = {} or more, \
             fires at {} slow polls and {}% of them, or one poll of {})",
            self.locations.len(),
            ms(self.thresholds.slow_ns),
            self.thresholds.min_slow_polls,
            self.thresholds.min_slow_percent,
            ms(self.thresholds.stall_ns),
        )?;
        for l in &self.locations {
            let verdict = match l.verdict {
                Judgement::Fires => "BLOCKING",
                Judgement::Excused => "excused ",
                Judgement::Quiet => "ok      ",
            };
            write!(
                f,
                "  {verdict} {}: {} polls, {} slow, longest {}",
                l.location,
                l.polls,
                l.slow,
                ms(l.max_ns)
            )?;
            if let Some(p99) = l.p99_ns {
                write!(f, ", p99 {}", ms(p99))?;
            }
            if l.slow > 0 {
                write!(f, ", mostly {}", l.classes.dominant().name())?;
            }
            if l.excused > 0 {
                write!(f, ", {} in block_in_place", l.excused)?;
            }
            if l.preempted > 0 {
                write!(f, ", {} only waited for a core", l.preempted)?;
            }
            writeln!(f)?;
        }
        for poll in self.worst.iter().take(5) {
            writeln!(
                f,
                "  worst: {} at {} ({}{}{})",
                ms(poll.duration_ns),
                poll.location,
                poll.class.name(),
                if poll.handed_off {
                    ", block_in_place"
                } else if poll.preempted {
                    ", waited for a core"
                } else {
                    ""
                },
                if poll.running { ", still running" } else { "" },
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: u64 = 1_000_000;

    fn tally(fast: u64, slow_ms: &[u64], classes: &[Class]) -> Tally {
        let mut t = Tally::default();
        for _ in 0..fast {
            t.histogram.record(20_000);
        }
        for &ms in slow_ms {
            t.histogram.record(ms * MS);
            t.slow += 1;
            t.max_ns = t.max_ns.max(ms * MS);
        }
        for &c in classes {
            t.classes.add(c);
        }
        t
    }

    #[test]
    fn a_blocking_location_fires_and_names_its_class() {
        let t = tally(
            2,
            &[20, 20, 20],
            &[Class::Blocked, Class::Blocked, Class::Unknown],
        );
        let l = t.judge("src/a.rs:1:1".into(), None, &Thresholds::default());
        assert_eq!(l.verdict, Judgement::Fires);
        assert_eq!((l.polls, l.slow), (5, 3));
        assert_eq!(l.classes.dominant(), Class::Blocked);
    }

    #[test]
    fn a_poll_still_open_counts_with_its_length_so_far() {
        // A worker blocked forever: its one poll never ended, so no histogram has it.
        let t = Tally::default();
        let l = t.judge(
            "src/a.rs:1:1".into(),
            Some(150 * MS),
            &Thresholds::default(),
        );
        assert_eq!((l.polls, l.slow, l.max_ns), (1, 1, 150 * MS));
        assert_eq!(l.verdict, Judgement::Fires);
        assert_eq!(l.classes.unknown, 1);
    }

    #[test]
    fn merged_workers_are_judged_together() {
        let mut a = tally(10, &[2, 2], &[]);
        let b = tally(0, &[2, 2], &[]);
        let alone = a.judge("x".into(), None, &Thresholds::default());
        assert_eq!(alone.verdict, Judgement::Quiet, "2 of 12 on one worker");
        a.merge(&b);
        let together = a.judge("x".into(), None, &Thresholds::default());
        assert_eq!(together.verdict, Judgement::Fires, "4 of 14 over both");
    }

    #[test]
    fn the_report_round_trips_through_json_and_prints() {
        let t = tally(1, &[30, 30, 30], &[Class::CpuBound; 3]);
        let report = Report {
            active: true,
            inactive_reason: None,
            thresholds: Thresholds::default(),
            locations: vec![t.judge("src/a.rs:9:5".into(), None, &Thresholds::default())],
            worst: vec![LongPoll {
                location: "src/a.rs:9:5".into(),
                duration_ns: 30 * MS,
                class: Class::CpuBound,
                handed_off: false,
                preempted: false,
                running: false,
            }],
            stalls_reported_live: 0,
        };
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<Report>(&json).unwrap(), report);
        let text = report.to_string();
        assert!(text.contains("BLOCKING src/a.rs:9:5"), "{text}");
        assert!(text.contains("mostly cpu-bound"), "{text}");
        assert!(
            Report::inactive("no hooks")
                .to_string()
                .contains("inactive: no hooks")
        );
    }
}
