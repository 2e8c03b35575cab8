//! A task as tokio-console sees it: what was known at spawn, plus its latest statistics.
//!
//! The subscriber sends raw counters and timestamps; tokio-console derives the columns of its
//! task list from them. This module derives them the same way, so that our table and
//! tokio-console's agree on every number. The rules come from tokio-console 0.1.14,
//! `tokio-console/src/state/tasks.rs` (`impl Task`) in
//! <https://github.com/tokio-rs/console>:
//!
//! - a task is *running* while its latest poll started after its latest poll ended, and
//!   *scheduled* while it was woken after its latest poll started;
//! - *busy* is the time spent in finished polls, plus the poll in progress if there is one;
//! - *scheduled* is the time spent woken but not yet polled, plus the current wait if it is
//!   scheduled now;
//! - *idle* is what remains of its lifetime: waiting for something to wake it;
//! - a task counts as *blocking* (and tokio-console's warnings leave it alone) when its kind is
//!   `blocking` or `block_on`.
//!
//! Every derived quantity takes `now`, the subscriber's clock at the update being looked at,
//! because a task that is mid-poll or mid-wait keeps accruing time until its next update.

use crate::recording::{Nanos, TaskInfo, TaskStats};

/// What a task is doing, in the order tokio-console sorts its state column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TaskState {
    /// Dropped: it finished or was cancelled.
    Completed,
    /// Waiting for something to wake it.
    Idle,
    /// Being polled right now.
    Running,
    /// Woken, waiting for a worker to poll it.
    Scheduled,
}

impl TaskState {
    /// The word tokio-console shows when it cannot draw its symbols.
    pub fn label(self) -> &'static str {
        match self {
            TaskState::Completed => "done",
            TaskState::Idle => "idle",
            TaskState::Running => "busy",
            TaskState::Scheduled => "sched",
        }
    }
}

/// A task: its spawn-time description and its latest statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// What was known when it was spawned.
    pub info: TaskInfo,
    /// Its latest statistics.
    pub stats: TaskStats,
}

impl Task {
    /// Whether a poll is in progress.
    pub fn is_running(&self) -> bool {
        // `Option`'s order puts `None` first, exactly like tokio-console's comparison of
        // `Option<SystemTime>`: a first poll that has not ended yet counts as running.
        self.stats.last_poll_started > self.stats.last_poll_ended
    }

    /// Whether it was woken after its latest poll started.
    pub fn is_scheduled(&self) -> bool {
        self.stats.last_wake > self.stats.last_poll_started
    }

    /// Whether it was dropped.
    pub fn is_completed(&self) -> bool {
        self.stats.dropped_at.is_some()
    }

    /// Whether it is meant to block a thread: `spawn_blocking` work, a runtime's worker
    /// threads, or the future of a `block_on` call.
    pub fn is_blocking(&self) -> bool {
        matches!(self.info.kind.as_str(), "blocking" | "block_on")
    }

    /// Whether it has signalled, through its waker, that it wants to run; a task that was
    /// never polled is waiting for its first poll and counts as awakened.
    pub fn is_awakened(&self) -> bool {
        self.stats.polls == 0 || self.stats.last_wake > self.stats.last_poll_started
    }

    /// What it is doing.
    pub fn state(&self) -> TaskState {
        if self.is_completed() {
            TaskState::Completed
        } else if self.is_running() {
            TaskState::Running
        } else if self.is_scheduled() {
            TaskState::Scheduled
        } else {
            TaskState::Idle
        }
    }

    /// Its lifetime so far (or in all, once dropped), in nanoseconds.
    pub fn total_ns(&self, now: Nanos) -> u64 {
        let end = self.stats.dropped_at.unwrap_or(now);
        span(self.stats.created_at, end)
    }

    /// Time spent being polled, counting the poll in progress, in nanoseconds.
    pub fn busy_ns(&self, now: Nanos) -> u64 {
        match self.stats.last_poll_started {
            Some(started) if self.is_running() => self.stats.busy_ns + span(started, now),
            _ => self.stats.busy_ns,
        }
    }

    /// Time spent woken and waiting to be polled, counting the current wait, in nanoseconds.
    pub fn scheduled_ns(&self, now: Nanos) -> u64 {
        match self.stats.last_wake {
            Some(woken) if self.is_scheduled() => self.stats.scheduled_ns + span(woken, now),
            _ => self.stats.scheduled_ns,
        }
    }

    /// Time spent waiting for a wake-up: the lifetime minus busy and scheduled.
    pub fn idle_ns(&self, now: Nanos) -> u64 {
        // Saturating, as tokio-console does: the three come from separate clock readings.
        self.total_ns(now)
            .saturating_sub(self.busy_ns(now) + self.scheduled_ns(now))
    }

    /// How many wakers for it exist right now.
    pub fn waker_count(&self) -> u64 {
        self.stats
            .waker_clones
            .saturating_sub(self.stats.waker_drops)
    }

    /// The share of its wakes that were self-wakes, in whole percent rounded down.
    pub fn self_wake_percent(&self) -> u64 {
        if self.stats.wakes == 0 {
            // tokio-console divides 0 by 0 here and its float-to-int cast turns NaN into 0.
            return 0;
        }
        // The same float arithmetic and truncation as tokio-console, so a task on the
        // threshold gets the same verdict.
        (self.stats.self_wakes as f64 / self.stats.wakes as f64 * 100.0) as u64
    }

    /// The name a reader recognises it by: its given name, else for a blocking task the
    /// closure it runs, else where it was spawned.
    pub fn label(&self) -> String {
        if let Some(name) = &self.info.name
            && !name.is_empty()
        {
            return name.clone();
        }
        if let Some(function) = self.info.fields.get("fn") {
            return short_fn(function);
        }
        short_location(&self.info.location)
    }

    /// Whether this is the thread of a multi-thread runtime's worker, which Tokio runs as a
    /// blocking task (one per worker at start-up, and one more each time `block_in_place`
    /// hands a worker over to a new thread).
    pub fn is_worker_thread(&self) -> bool {
        self.info.kind == "blocking"
            && self
                .info
                .fields
                .get("fn")
                .is_some_and(|f| f.contains("scheduler::multi_thread::worker"))
    }

    /// Whether this is the thread `block_in_place` started to take over its worker.
    ///
    /// Tokio starts worker threads in exactly two places: `Launch::launch`, once per worker when
    /// the runtime starts, and `block_in_place` (through `maybe_move_runtime` in Tokio 1.54),
    /// to hand the worker over. Matching "a worker thread not from `Launch`" keeps working if
    /// the second one's inner function is renamed.
    pub fn is_block_in_place_handoff(&self) -> bool {
        self.is_worker_thread()
            && self
                .info
                .fields
                .get("fn")
                .is_some_and(|f| !f.contains("Launch"))
    }
}

/// `end - start` in nanoseconds, or zero if the clocks disagree about the order.
pub fn span(start: Nanos, end: Nanos) -> u64 {
    u64::try_from(end.saturating_sub(start)).unwrap_or(0)
}

/// A closure's type name cut to something readable:
/// `tokio::runtime::scheduler::multi_thread::worker::Launch::launch::{{closure}}` becomes
/// `worker::Launch::launch::{{closure}}`.
pub fn short_fn(function: &str) -> String {
    // Generic arguments can contain `::` too; cut only the path before the first `<`.
    let (path, generics) = function.split_at(function.find('<').unwrap_or(function.len()));
    let segments: Vec<&str> = path.split("::").collect();
    // Keep the last three segments of the path that are not `{{closure}}`, plus the closures.
    let named = segments
        .iter()
        .rposition(|s| !s.starts_with("{{"))
        .unwrap_or(0);
    let start = named.saturating_sub(2);
    format!("{}{}", segments[start..].join("::"), generics)
}

/// A spawn location made short: a path inside the cargo registry loses everything up to the
/// crate's directory (`<cargo>/tokio-1.54.1/src/...`), like tokio-console does.
pub fn short_location(location: &str) -> String {
    match location.find("/registry/src/") {
        Some(at) => {
            let rest = &location[at + "/registry/src/".len()..];
            // Skip the index directory (`index.crates.io-<hash>/`).
            let rest = rest.split_once('/').map_or(rest, |(_, tail)| tail);
            format!("<cargo>/{rest}")
        }
        None => location.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(stats: TaskStats) -> Task {
        Task {
            info: TaskInfo {
                id: 1,
                kind: "task".into(),
                ..TaskInfo::default()
            },
            stats,
        }
    }

    #[test]
    fn a_poll_in_progress_counts_as_busy() {
        let t = task(TaskStats {
            created_at: 0,
            polls: 1,
            first_poll: Some(10),
            last_poll_started: Some(10),
            last_poll_ended: None,
            ..TaskStats::default()
        });
        assert!(t.is_running());
        assert_eq!(t.state(), TaskState::Running);
        assert_eq!(t.busy_ns(110), 100);
        assert_eq!(t.idle_ns(110), 10);
    }

    #[test]
    fn a_wake_after_the_last_poll_counts_as_scheduled() {
        let t = task(TaskStats {
            created_at: 0,
            polls: 1,
            wakes: 1,
            last_wake: Some(50),
            last_poll_started: Some(10),
            last_poll_ended: Some(20),
            busy_ns: 10,
            scheduled_ns: 5,
            ..TaskStats::default()
        });
        assert_eq!(t.state(), TaskState::Scheduled);
        assert_eq!(t.scheduled_ns(80), 5 + 30);
        assert_eq!(t.idle_ns(80), 80 - 10 - 35);
    }

    #[test]
    fn self_wake_percent_truncates_like_tokio_console() {
        let t = task(TaskStats {
            wakes: 3,
            self_wakes: 2,
            ..TaskStats::default()
        });
        assert_eq!(t.self_wake_percent(), 66);
        assert_eq!(task(TaskStats::default()).self_wake_percent(), 0);
    }

    #[test]
    fn names_are_shortened() {
        assert_eq!(
            short_fn(
                "tokio::runtime::scheduler::multi_thread::worker::Launch::launch::{{closure}}"
            ),
            "worker::Launch::launch::{{closure}}"
        );
        assert_eq!(short_fn("my_crate::work"), "my_crate::work");
        assert_eq!(
            short_location(
                "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/tokio-1.54.1/src/fs/read.rs:50:5"
            ),
            "<cargo>/tokio-1.54.1/src/fs/read.rs:50:5"
        );
        assert_eq!(
            short_location("labs/x/src/lib.rs:3:9"),
            "labs/x/src/lib.rs:3:9"
        );
    }
}
