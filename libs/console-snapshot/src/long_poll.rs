//! The lint tokio-console lacks: code that holds its worker in long polls.
//!
//! A Tokio worker runs one task at a time and switches only when that task's `poll` returns.
//! Blocking code (`std::thread::sleep`, a long computation, `std::fs`, a rayon call, a loop of
//! always-ready `.await`s) keeps `poll` from returning, and every other task queued on that
//! worker waits for all of it. tokio-console shows the symptom in numbers (busy time, the
//! poll-time histogram in a task's detail view), but its only warning about it,
//! `never-yielded`, needs a *first* poll still running after a whole second: blocking for a
//! millisecond in every request, or after the first `.await`, goes unflagged.
//!
//! This lint reads the poll-time histogram console-subscriber keeps for every task, counts each
//! *spawn location*'s slow polls, and hands the counts to the rule it shares with the stall
//! detector, [`long_poll::judge`] (the `long-poll` crate documents the rule and why its
//! numbers are 1 ms, 3 polls, 25% and 100 ms), so the two tools never disagree.
//!
//! A poll still running when the capture looked counts, with its length so far.
//! `tests/lint.rs` checks both directions on every recorded fixture.
//!
//! # Which tasks it ignores
//!
//! - `blocking` tasks: `spawn_blocking` work runs on Tokio's blocking pool precisely so that it
//!   may block, and the threads that run a multi-thread runtime's workers show up as blocking
//!   tasks too (their one "poll" lasts as long as the worker does).
//! - Nothing else. A `block_on` future is polled on the thread that called `block_on`: on a
//!   current-thread runtime that thread also runs every task, so a long poll there blocks them
//!   all; on a multi-thread runtime it blocks the caller and whatever the future multiplexes.
//!   Both are worth a warning. (tokio-console's own rules skip `block_on` futures.)
//!
//! # `block_in_place`
//!
//! `tokio::task::block_in_place` lets a task block in place on a multi-thread runtime: before
//! running the closure it hands its worker (and the worker's queue) to a new thread, so the
//! other tasks keep running. console-subscriber still sees one long poll. What gives it away
//! is the hand-off: Tokio starts the new worker thread with `spawn_blocking`, which
//! console-subscriber records as a blocking task whose `fn` is a closure in
//! `tokio::runtime::scheduler::multi_thread::worker` (`maybe_move_runtime` in Tokio 1.54;
//! the only other such closure is `Launch::launch`, which starts the workers), one per
//! `block_in_place` call made on a worker thread.
//!
//! So each slow poll of a location is *excused* by one hand-off that started while the
//! location's tasks were being polled, and the rules above apply to the slow polls left over.
//! The limitation, stated in every snapshot: hand-offs are matched by time, not by task
//! (console-subscriber does not record which task started one), so in a program where one
//! task blocks while another is inside `block_in_place`, the blocking one can be excused too.
//! Excused polls are listed, never hidden.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::recording::{Nanos, PollTimes};
use crate::task::{Task, span};

pub use long_poll::{MIN_SLOW_PERCENT, MIN_SLOW_POLLS, SLOW_NS, STALL_NS, Thresholds};

/// What the lint concluded about one spawn location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Blocking tasks: allowed to block.
    Exempt,
    /// No slow poll, or too few to be more than scheduling noise.
    Quiet,
    /// Slow polls are systematic, or one poll stalled its thread.
    Fires,
    /// There were enough slow polls to fire, but `block_in_place` hand-offs explain them.
    Excused,
    /// Some histograms are missing and busy time cannot rule slow polls out.
    Unknown,
}

/// The lint's numbers for one spawn location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The task kind.
    pub kind: String,
    /// Where the tasks were spawned.
    pub location: String,
    /// How many tasks.
    pub tasks: usize,
    /// Their polls, in all.
    pub polls: u64,
    /// Polls at or over the slow threshold.
    pub slow: u64,
    /// Slow polls explained by `block_in_place` hand-offs.
    pub excused: u64,
    /// The longest poll, in ns, if known.
    pub max_ns: Option<u64>,
    /// Tasks whose slow polls could not be counted (no histogram, too much busy time).
    pub unknown: usize,
    /// The conclusion.
    pub verdict: Verdict,
}

/// How long one task's polls took, as far as the recording can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Polls {
    /// The longest finished or running poll, in ns, if known.
    pub max_ns: Option<u64>,
    /// Polls at or over the slow threshold (the running one included), if known.
    pub slow: Option<u64>,
}

/// One task's poll lengths: from its histogram when there is one, else whatever busy time
/// proves (a task with one poll spent all its busy time in it; a task whose busy time is
/// below the threshold cannot have a poll above it).
pub fn polls(task: &Task, times: Option<&PollTimes>, slow_ns: u64, now: Nanos) -> Polls {
    // The poll in progress is not in the histogram yet, but it is holding its thread now.
    let running_ns = match task.stats.last_poll_started {
        Some(started) if task.is_running() => Some(span(started, now)),
        _ => None,
    };
    let running_slow = u64::from(running_ns.is_some_and(|ns| ns >= slow_ns));
    if let Some(times) = times {
        return Polls {
            max_ns: Some(times.max_ns.max(running_ns.unwrap_or(0))),
            slow: Some(times.at_least(slow_ns) + running_slow),
        };
    }
    let finished = task
        .stats
        .polls
        .saturating_sub(u64::from(running_ns.is_some()));
    if finished + u64::from(running_ns.is_some()) <= 1 {
        // A single poll, finished or running: busy time is exactly its length.
        let ns = task.busy_ns(now);
        return Polls {
            max_ns: Some(ns),
            slow: Some(u64::from(ns >= slow_ns)),
        };
    }
    if task.busy_ns(now) < slow_ns {
        return Polls {
            max_ns: None,
            slow: Some(0),
        };
    }
    Polls {
        max_ns: None,
        slow: None,
    }
}

/// Applies the lint to every spawn location among `tasks`.
///
/// `poll_times` are the histograms by task id, `now` is the time of the last update.
pub fn check(
    tasks: &[Task],
    poll_times: &BTreeMap<u64, PollTimes>,
    thresholds: &Thresholds,
    now: Nanos,
) -> Vec<Location> {
    let mut handoffs: Vec<Nanos> = tasks
        .iter()
        .filter(|t| t.is_block_in_place_handoff())
        .map(|t| t.stats.created_at)
        .collect();
    let mut groups: BTreeMap<(String, String), Vec<&Task>> = BTreeMap::new();
    for task in tasks {
        groups
            .entry((task.info.kind.clone(), task.info.location.clone()))
            .or_default()
            .push(task);
    }
    let mut locations: Vec<(Location, (Nanos, Nanos))> = groups
        .into_iter()
        .map(|((kind, location), members)| {
            let mut group = Location {
                kind,
                location,
                tasks: members.len(),
                polls: 0,
                slow: 0,
                excused: 0,
                max_ns: None,
                unknown: 0,
                verdict: Verdict::Quiet,
            };
            // The window in which this location's tasks were being polled.
            let (mut first, mut last) = (Nanos::MAX, Nanos::MIN);
            for task in &members {
                let p = polls(task, poll_times.get(&task.info.id), thresholds.slow_ns, now);
                group.polls += task.stats.polls;
                group.max_ns = group.max_ns.max(p.max_ns);
                match p.slow {
                    Some(slow) => group.slow += slow,
                    None => group.unknown += 1,
                }
                if let Some(started) = task.stats.first_poll {
                    first = first.min(started);
                    let ended = if task.is_running() {
                        now
                    } else {
                        task.stats.last_poll_ended.unwrap_or(now)
                    };
                    last = last.max(ended);
                }
            }
            (group, (first, last))
        })
        .collect();

    // Each hand-off excuses one slow poll, once. The locations with the most slow polls pick
    // first: a location that calls `block_in_place` on every request has a slow poll per
    // hand-off, and a `block_on` future that merely ran alongside should not take them.
    let mut order: Vec<usize> = (0..locations.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(locations[i].0.slow));
    for i in order {
        let (group, (first, last)) = &mut locations[i];
        if group.kind == "blocking" {
            group.verdict = Verdict::Exempt;
            continue;
        }
        let mut taken = 0;
        handoffs.retain(|&at| {
            let take = taken < group.slow && *first <= at && at <= *last;
            taken += u64::from(take);
            !take
        });
        group.excused = taken;
        group.verdict = verdict(group, thresholds);
    }
    locations.into_iter().map(|(group, _)| group).collect()
}

/// The shared rule on one location's numbers, plus what only a recording can lack: histograms.
fn verdict(group: &Location, thresholds: &Thresholds) -> Verdict {
    let counts = long_poll::Counts {
        polls: group.polls,
        slow: group.slow,
        excused: group.excused,
        max_ns: group.max_ns,
    };
    match long_poll::judge(&counts, thresholds) {
        long_poll::Judgement::Fires => Verdict::Fires,
        long_poll::Judgement::Excused => Verdict::Excused,
        long_poll::Judgement::Quiet if group.unknown > 0 => Verdict::Unknown,
        long_poll::Judgement::Quiet => Verdict::Quiet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recording::{TaskInfo, TaskStats};

    const MS: u64 = 1_000_000;

    fn task(id: u64, kind: &str, location: &str, polls: u64) -> Task {
        Task {
            info: TaskInfo {
                id,
                kind: kind.into(),
                location: location.into(),
                ..TaskInfo::default()
            },
            stats: TaskStats {
                polls,
                busy_ns: polls * MS,
                first_poll: Some(0),
                last_poll_started: Some(100 * MS as i64),
                last_poll_ended: Some(200 * MS as i64),
                ..TaskStats::default()
            },
        }
    }

    fn histogram(buckets: &[(u64, u64)]) -> PollTimes {
        PollTimes {
            count: buckets.iter().map(|(_, n)| n).sum(),
            max_ns: buckets.iter().map(|(v, _)| *v).max().unwrap_or(0),
            buckets: buckets.to_vec(),
            high_outliers: 0,
        }
    }

    fn lint(tasks: &[Task], times: &[(u64, PollTimes)]) -> Vec<Verdict> {
        let times = times.iter().cloned().collect();
        check(tasks, &times, &Thresholds::default(), 0)
            .iter()
            .map(|l| l.verdict)
            .collect()
    }

    #[test]
    fn a_systematic_share_of_slow_polls_fires() {
        let tasks = [task(1, "task", "a.rs", 8)];
        // 3 of 8 polls slow: 37.5%, and three of them.
        assert_eq!(
            lint(&tasks, &[(1, histogram(&[(20_000, 5), (SLOW_NS, 3)]))]),
            [Verdict::Fires]
        );
        // 2 of 8: too few, whatever the share.
        assert_eq!(
            lint(&tasks, &[(1, histogram(&[(20_000, 6), (MS, 2)]))]),
            [Verdict::Quiet]
        );
    }

    #[test]
    fn scattered_slow_polls_are_noise_unless_one_stalls() {
        let tasks = [task(1, "task", "a.rs", 100), task(2, "task", "a.rs", 100)];
        // 4 slow polls out of 200: 2%, the odd preempted poll.
        let noise = [
            (1, histogram(&[(20_000, 98), (5 * MS, 2)])),
            (2, histogram(&[(20_000, 98), (5 * MS, 2)])),
        ];
        assert_eq!(lint(&tasks, &noise), [Verdict::Quiet]);
        let stall = [
            (1, histogram(&[(20_000, 99), (STALL_NS, 1)])),
            (2, histogram(&[(20_000, 100)])),
        ];
        assert_eq!(lint(&tasks, &stall), [Verdict::Fires]);
    }

    #[test]
    fn the_share_is_taken_over_the_whole_location() {
        // One task, all slow, among many fast tasks spawned at the same place.
        let tasks: Vec<Task> = (1..=10).map(|id| task(id, "task", "a.rs", 10)).collect();
        let mut times = vec![(1, histogram(&[(MS, 10)]))];
        times.extend((2..=10).map(|id| (id, histogram(&[(20_000, 10)]))));
        assert_eq!(lint(&tasks, &times), [Verdict::Quiet]);
    }

    #[test]
    fn blocking_tasks_are_exempt_but_block_on_is_not() {
        let tasks = [
            task(1, "blocking", "pool.rs", 3),
            task(2, "block_on", "main.rs", 3),
        ];
        let times = [
            (1, histogram(&[(50 * MS, 3)])),
            (2, histogram(&[(50 * MS, 3)])),
        ];
        // Locations come sorted by kind: `block_on` before `blocking`.
        assert_eq!(lint(&tasks, &times), [Verdict::Fires, Verdict::Exempt]);
    }

    #[test]
    fn a_running_poll_counts_with_its_length_so_far() {
        let mut t = task(1, "task", "a.rs", 1);
        t.stats.last_poll_ended = None;
        let now = (100 * MS + STALL_NS) as i64;
        let lint_at = |times: &BTreeMap<u64, PollTimes>| {
            check(&[t.clone()], times, &Thresholds::default(), now)[0].verdict
        };
        assert_eq!(
            lint_at(&BTreeMap::from([(1, histogram(&[]))])),
            Verdict::Fires
        );
        assert_eq!(lint_at(&BTreeMap::new()), Verdict::Fires);
    }

    #[test]
    fn block_in_place_handoffs_excuse_one_slow_poll_each() {
        let handoff = |id: u64, at: i64| {
            Task {
            info: TaskInfo {
                id,
                kind: "blocking".into(),
                location: "worker.rs".into(),
                fields: BTreeMap::from([(
                    "fn".to_string(),
                    "tokio::runtime::scheduler::multi_thread::worker::maybe_move_runtime::{{closure}}::{{closure}}"
                        .to_string(),
                )]),
                ..TaskInfo::default()
            },
            stats: TaskStats { created_at: at, ..TaskStats::default() },
        }
        };
        let worker = task(1, "task", "a.rs", 4);
        let times = BTreeMap::from([(1, histogram(&[(10_000, 1), (MS, 3)]))]);
        let verdict = |tasks: &[Task]| check(tasks, &times, &Thresholds::default(), 0)[1].verdict;
        let inside = |at: u64| handoff(10 + at, (at * MS) as i64);
        // Three hand-offs while the location was polled: every slow poll is explained.
        assert_eq!(
            verdict(&[worker.clone(), inside(50), inside(60), inside(70)]),
            Verdict::Excused
        );
        // One of them after its last poll ended: one slow poll is left, too few to fire, so
        // the location is still excused rather than firing...
        assert_eq!(
            verdict(&[worker.clone(), inside(50), inside(60), inside(250)]),
            Verdict::Excused
        );
        // ...and none at all: all three fire.
        assert_eq!(
            check(&[worker], &times, &Thresholds::default(), 0)[0].verdict,
            Verdict::Fires
        );
    }

    #[test]
    fn without_a_histogram_busy_time_decides_what_it_can() {
        let one = task(1, "task", "a.rs", 1);
        assert_eq!(
            polls(&one, None, SLOW_NS, 0),
            Polls {
                max_ns: Some(MS),
                slow: Some(1)
            }
        );
        let mut idle = task(1, "task", "a.rs", 9);
        idle.stats.busy_ns = 100_000;
        assert_eq!(polls(&idle, None, SLOW_NS, 0).slow, Some(0));
        assert_eq!(
            polls(&task(1, "task", "a.rs", 9), None, SLOW_NS, 0).slow,
            None
        );
        assert_eq!(lint(&[task(1, "task", "a.rs", 9)], &[]), [Verdict::Unknown]);
    }
}
