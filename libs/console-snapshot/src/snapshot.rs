//! A snapshot: the view a tokio-console user would have had of one run, as data.
//!
//! [`crate::replay`] builds it from a [`Recording`](crate::Recording); [`crate::render`] turns it
//! into markdown. It holds the task list with tokio-console's columns (and the longest poll,
//! which tokio-console shows only in a task's detail view), every warning that was raised
//! during the run with the tasks it was raised on, and the resources with the async operations
//! that waited on them.

use serde::{Deserialize, Serialize};

use crate::long_poll::{Location, Thresholds};
use crate::recording::Nanos;
use crate::task::TaskState;
use crate::warnings::Rule;

/// One run of one variant, as tokio-console would have shown it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The lab's id.
    pub lab: String,
    /// The demo variant.
    pub variant: String,
    /// Arguments the demo got beyond the standard ones.
    pub demo_args: Vec<String>,
    /// What the recording left out to be a small test fixture, if anything.
    pub thinned: Option<crate::recording::Thinned>,
    /// When the capture received its first update, since the demo started.
    pub connected_at: Nanos,
    /// When the demo said its workload was over.
    pub workload_ended: Option<Nanos>,
    /// The subscriber's clock at the last update: the "now" of every column.
    pub end: Nanos,
    /// Events console-subscriber dropped because its buffer was full.
    pub dropped_events: u64,
    /// The long-poll lint's thresholds.
    pub thresholds: Thresholds,
    /// Every task seen, busiest first.
    pub tasks: Vec<TaskRow>,
    /// Every rule that fired at some point, in [`Rule`] order.
    pub findings: Vec<Finding>,
    /// The long-poll lint's numbers for every spawn location of non-blocking tasks.
    pub long_poll: Vec<Location>,
    /// How many times `block_in_place` handed a worker to a new thread.
    pub handoffs: usize,
    /// Resources, grouped by type and creation site, most waited-on first.
    pub resources: Vec<ResourceRow>,
}

/// One line of the task list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    /// The subscriber's id for the task.
    pub id: u64,
    /// Tokio's task id, if recorded.
    pub task_id: Option<u64>,
    /// The name a reader recognises it by (see [`crate::task::Task::label`]).
    pub label: String,
    /// Where it was spawned, shortened.
    pub location: String,
    /// `task`, `local`, `blocking` or `block_on`.
    pub kind: String,
    /// What it was doing at the end.
    pub state: TaskStateName,
    /// Polls.
    pub polls: u64,
    /// Wakes.
    pub wakes: u64,
    /// Self-wakes.
    pub self_wakes: u64,
    /// Time being polled, in ns.
    pub busy_ns: u64,
    /// Time woken but waiting for a worker, in ns.
    pub scheduled_ns: u64,
    /// Time waiting for a wake-up, in ns.
    pub idle_ns: u64,
    /// The longest poll, in ns, when the histogram (or busy time) tells.
    pub max_poll_ns: Option<u64>,
    /// Polls at or over the long-poll lint's slow threshold, when known.
    pub slow_polls: Option<u64>,
    /// The task's poll-time histogram, `(duration in ns, polls)` per non-empty bucket, shortest
    /// first; empty when console-subscriber sent none.
    #[serde(default)]
    pub poll_buckets: Vec<(u64, u64)>,
    /// Every rule that flagged it at some point.
    pub rules: Vec<Rule>,
    /// Whether it is a thread running a runtime worker (Tokio runs those as blocking tasks).
    pub worker_thread: bool,
}

/// A task's state, serialised as tokio-console's word for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskStateName {
    /// Dropped.
    Done,
    /// Waiting for a wake-up.
    Idle,
    /// In a poll.
    Busy,
    /// Woken, waiting for a worker.
    Sched,
}

impl From<TaskState> for TaskStateName {
    fn from(state: TaskState) -> Self {
        match state {
            TaskState::Completed => TaskStateName::Done,
            TaskState::Idle => TaskStateName::Idle,
            TaskState::Running => TaskStateName::Busy,
            TaskState::Scheduled => TaskStateName::Sched,
        }
    }
}

/// Every task one rule flagged during the run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// The tasks, in the order the rule first flagged them.
    pub tasks: Vec<Flagged>,
}

/// One task a rule flagged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flagged {
    /// The task's id.
    pub id: u64,
    /// The task's label.
    pub label: String,
    /// What crossed the line, as tokio-console would say it.
    pub detail: String,
    /// When the rule first flagged it (the update's time).
    pub first_seen: Nanos,
    /// Whether it was still flagged at the last update.
    pub at_end: bool,
}

/// Resources of one type created at one place, and the async operations on them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceRow {
    /// The Rust type (`Mutex`, `Semaphore`, `Sleep`, ...).
    pub concrete_type: String,
    /// The kind (`Sync`, `Timer`, ...).
    pub kind: String,
    /// Where they were created, shortened.
    pub location: String,
    /// Whether they are internal parts of other resources.
    pub internal: bool,
    /// How many such resources there were.
    pub count: usize,
    /// Async operations on them (each `lock().await`, `acquire().await`, ...).
    pub ops: usize,
    /// The most operations in progress at once on any one of them: the waiters.
    pub peak_waiters: usize,
    /// The longest operation, in ns: the longest wait.
    pub longest_op_ns: u64,
    /// All operations' durations added up, in ns.
    pub total_op_ns: u64,
    /// Distinct tasks that awaited them.
    pub tasks: usize,
    /// The state of the last one created, at the end (`locked=false`, `permits=1`, ...).
    pub attributes: Vec<(String, String)>,
}
