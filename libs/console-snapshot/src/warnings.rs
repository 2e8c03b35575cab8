//! tokio-console's own warnings, the same rules with the same thresholds.
//!
//! tokio-console 0.1.14 lints every task after every update and shows what it found above the
//! task list ("2 tasks have lost their wakers"). The rules live in
//! `tokio-console/src/warnings.rs` of <https://github.com/tokio-rs/console>; all five are on by
//! default (`--warn self-wakes,lost-waker,never-yielded,auto-boxed-future,large-future`). This
//! module is our own implementation of those rules, checked against that file:
//!
//! | rule | fires when | skips |
//! | --- | --- | --- |
//! | `self-wakes` | more than 50% of the task's wakes were self-wakes | blocking tasks |
//! | `lost-waker` | not completed, no waker left, not running, not awakened | blocking tasks |
//! | `never-yielded` | running, at most one poll so far, busy for at least 1 s | blocking tasks |
//! | `auto-boxed-future` | the runtime boxed the future for its size | nothing |
//! | `large-future` | the future takes 1024 bytes or more | blocking tasks |
//!
//! `never-yielded` depends on the moment: a task that blocked for two seconds in its first
//! poll and then finished is flagged only while that poll runs. That is why the snapshot lints
//! after every update, as tokio-console does, and reports a warning seen at any point, not
//! only at the end ([`crate::replay`]).
//!
//! tokio-console also has a `Recheck` outcome for `never-yielded` (lint again next update even
//! if the task's statistics do not change). Linting every task at every update, as we do, is
//! the same thing done unconditionally.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::recording::Nanos;
use crate::task::{Task, TaskState};

/// tokio-console's default for `self-wakes`: more than this share of wakes, in percent.
pub const SELF_WAKE_PERCENT: u64 = 50;
/// tokio-console's default for `never-yielded`: a first poll at least this long, in ns.
pub const NEVER_YIELDED_NS: u64 = 1_000_000_000;
/// tokio-console's default for `large-future`: a future at least this large, in bytes.
pub const LARGE_FUTURE_BYTES: u64 = 1024;

/// A rule that flags a task: tokio-console's five, and this project's long-poll lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// The task wakes itself most of the time (busy-looping through the scheduler).
    SelfWakes,
    /// The task waits, but nothing holds a waker that could wake it: it will never run again.
    LostWaker,
    /// The task has been in its first poll for a second or more.
    NeverYielded,
    /// The runtime had to box the task's future because of its size.
    AutoBoxedFuture,
    /// The task's future is large.
    LargeFuture,
    /// A poll held its thread for longer than the threshold (this project's lint; see
    /// [`crate::long_poll`]).
    LongPoll,
}

impl Rule {
    /// tokio-console's five rules, in the order its `--warn` option lists them.
    pub const CONSOLE: [Rule; 5] = [
        Rule::SelfWakes,
        Rule::LostWaker,
        Rule::NeverYielded,
        Rule::AutoBoxedFuture,
        Rule::LargeFuture,
    ];

    /// The rule's name, as tokio-console's `--warn` and `--allow` options spell it.
    pub fn name(self) -> &'static str {
        match self {
            Rule::SelfWakes => "self-wakes",
            Rule::LostWaker => "lost-waker",
            Rule::NeverYielded => "never-yielded",
            Rule::AutoBoxedFuture => "auto-boxed-future",
            Rule::LargeFuture => "large-future",
            Rule::LongPoll => "long-poll",
        }
    }

    /// What the rule says about `count` tasks, after the count ("3 tasks have lost their
    /// wakers", "1 task has lost its waker").
    pub fn summary(self, count: usize) -> String {
        let one = count == 1;
        let pick = |singular: &str, plural: &str| {
            if one {
                singular.to_string()
            } else {
                plural.to_string()
            }
        };
        match self {
            Rule::SelfWakes => format!(
                "{} over {SELF_WAKE_PERCENT}% of the time",
                pick("task has woken itself", "tasks have woken themselves")
            ),
            Rule::LostWaker => pick("task has lost its waker", "tasks have lost their wakers"),
            Rule::NeverYielded => format!(
                "{} (threshold {} ms)",
                pick("task has never yielded", "tasks have never yielded"),
                NEVER_YIELDED_NS / 1_000_000
            ),
            Rule::AutoBoxedFuture => format!(
                "{} boxed by the runtime because of {} size",
                pick("task has had its future", "tasks have had their future"),
                pick("its", "their")
            ),
            Rule::LargeFuture => format!(
                "{} {LARGE_FUTURE_BYTES} bytes or larger",
                pick("task is", "tasks are")
            ),
            Rule::LongPoll => format!(
                "{} its thread in slow polls",
                pick("spawn location held", "spawn locations held")
            ),
        }
    }

    /// Whether the task breaks the rule at `now`. [`Rule::LongPoll`] needs poll-time
    /// histograms and is checked by [`crate::long_poll`] instead; here it never fires.
    pub fn check(self, task: &Task, now: Nanos) -> bool {
        match self {
            Rule::SelfWakes => !task.is_blocking() && task.self_wake_percent() > SELF_WAKE_PERCENT,
            Rule::LostWaker => {
                !task.is_blocking()
                    && !task.is_completed()
                    && task.waker_count() == 0
                    && !task.is_running()
                    && !task.is_awakened()
            }
            Rule::NeverYielded => {
                !task.is_blocking()
                    && task.state() == TaskState::Running
                    && task.stats.polls <= 1
                    && task.busy_ns(now) >= NEVER_YIELDED_NS
            }
            // The one rule tokio-console applies to blocking tasks too.
            Rule::AutoBoxedFuture => match (task.info.size_bytes, task.info.original_size_bytes) {
                (Some(size), Some(original)) => size != original,
                _ => false,
            },
            Rule::LargeFuture => {
                !task.is_blocking()
                    && task
                        .info
                        .size_bytes
                        .is_some_and(|size| size >= LARGE_FUTURE_BYTES)
            }
            Rule::LongPoll => false,
        }
    }

    /// One sentence about this task, with the number that crossed the line.
    pub fn describe(self, task: &Task, now: Nanos) -> String {
        match self {
            Rule::SelfWakes => format!(
                "woke itself for {}% of its {} wakes",
                task.self_wake_percent(),
                task.stats.wakes
            ),
            Rule::LostWaker => "is waiting, and nothing holds a waker to wake it".to_string(),
            Rule::NeverYielded => format!(
                "was still in its first poll after {}",
                crate::format::duration(task.busy_ns(now))
            ),
            Rule::AutoBoxedFuture => format!(
                "had its future of {} bytes boxed ({} bytes after boxing)",
                task.info.original_size_bytes.unwrap_or_default(),
                task.info.size_bytes.unwrap_or_default()
            ),
            Rule::LargeFuture => format!(
                "has a future of {} bytes",
                task.info.size_bytes.unwrap_or_default()
            ),
            Rule::LongPoll => "held its thread in one poll beyond the threshold".to_string(),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recording::{TaskInfo, TaskStats};

    fn task(kind: &str, stats: TaskStats) -> Task {
        Task {
            info: TaskInfo {
                id: 1,
                kind: kind.into(),
                location: "src/x.rs:1:1".into(),
                ..TaskInfo::default()
            },
            stats,
        }
    }

    /// A task that was polled once, went idle, and is waiting for a wake-up.
    fn waiting(waker_clones: u64, waker_drops: u64) -> TaskStats {
        TaskStats {
            polls: 1,
            waker_clones,
            waker_drops,
            first_poll: Some(10),
            last_poll_started: Some(10),
            last_poll_ended: Some(20),
            ..TaskStats::default()
        }
    }

    #[test]
    fn self_wakes_needs_more_than_half() {
        let half = task(
            "task",
            TaskStats {
                wakes: 10,
                self_wakes: 5,
                ..TaskStats::default()
            },
        );
        let most = task(
            "task",
            TaskStats {
                wakes: 10,
                self_wakes: 6,
                ..TaskStats::default()
            },
        );
        assert!(!Rule::SelfWakes.check(&half, 0));
        assert!(Rule::SelfWakes.check(&most, 0));
        // Blocking tasks are not async, so tokio-console leaves them alone.
        let blocking = task("blocking", most.stats.clone());
        assert!(!Rule::SelfWakes.check(&blocking, 0));
    }

    #[test]
    fn lost_waker_needs_an_idle_task_with_no_waker() {
        assert!(Rule::LostWaker.check(&task("task", waiting(1, 1)), 100));
        // Someone still holds a waker: it can be woken.
        assert!(!Rule::LostWaker.check(&task("task", waiting(2, 1)), 100));
        // Completed tasks need no waker.
        let done = TaskStats {
            dropped_at: Some(30),
            ..waiting(1, 1)
        };
        assert!(!Rule::LostWaker.check(&task("task", done), 100));
        // Woken after its last poll started: it is scheduled, not lost.
        let woken = TaskStats {
            last_wake: Some(25),
            wakes: 1,
            ..waiting(1, 1)
        };
        assert!(!Rule::LostWaker.check(&task("task", woken), 100));
        // Never polled yet: waiting for its first poll counts as awakened.
        let fresh = TaskStats::default();
        assert!(!Rule::LostWaker.check(&task("task", fresh), 100));
        // Running right now.
        let running = TaskStats {
            last_poll_started: Some(30),
            ..waiting(1, 1)
        };
        assert!(!Rule::LostWaker.check(&task("task", running), 100));
        assert!(!Rule::LostWaker.check(&task("block_on", waiting(1, 1)), 100));
    }

    #[test]
    fn never_yielded_needs_a_long_first_poll_in_progress() {
        let first_poll = TaskStats {
            polls: 1,
            first_poll: Some(0),
            last_poll_started: Some(0),
            ..TaskStats::default()
        };
        let t = task("task", first_poll.clone());
        assert!(!Rule::NeverYielded.check(&t, 999_999_999));
        assert!(Rule::NeverYielded.check(&t, 1_000_000_000));
        // Once the poll ends, the warning goes away.
        let ended = TaskStats {
            last_poll_ended: Some(1_500_000_000),
            busy_ns: 1_500_000_000,
            ..first_poll.clone()
        };
        assert!(!Rule::NeverYielded.check(&task("task", ended), 2_000_000_000));
        // A second poll means it did yield once.
        let second = TaskStats {
            polls: 2,
            last_poll_started: Some(10),
            last_poll_ended: Some(5),
            ..first_poll.clone()
        };
        assert!(!Rule::NeverYielded.check(&task("task", second), 2_000_000_000));
        assert!(!Rule::NeverYielded.check(&task("blocking", first_poll), 2_000_000_000));
    }

    #[test]
    fn future_sizes() {
        let sized = |kind: &str, size: Option<u64>, original: Option<u64>| Task {
            info: TaskInfo {
                id: 1,
                kind: kind.into(),
                size_bytes: size,
                original_size_bytes: original,
                ..TaskInfo::default()
            },
            stats: TaskStats::default(),
        };
        assert!(Rule::LargeFuture.check(&sized("task", Some(1024), None), 0));
        assert!(!Rule::LargeFuture.check(&sized("task", Some(1023), None), 0));
        assert!(!Rule::LargeFuture.check(&sized("blocking", Some(4096), None), 0));
        assert!(Rule::AutoBoxedFuture.check(&sized("task", Some(8), Some(20_000)), 0));
        assert!(Rule::AutoBoxedFuture.check(&sized("blocking", Some(8), Some(20_000)), 0));
        assert!(!Rule::AutoBoxedFuture.check(&sized("task", Some(8), None), 0));
    }
}
