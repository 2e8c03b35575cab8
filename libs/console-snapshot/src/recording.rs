//! A recording: what console-subscriber told us about one run of a demo, kept as data.
//!
//! tokio-console is a live viewer. It subscribes to the `Instrument` gRPC service that
//! console-subscriber serves inside the instrumented program, receives an `Update` about once a
//! second (new tasks, resources and async operations, plus fresh statistics for whatever
//! changed since the previous update), folds them into its state and lints that state after
//! every update. Nothing is kept once the window closes.
//!
//! A [`Recording`] keeps the same stream, converted from protobuf into plain serde types, so
//! that everything tokio-console computes from it can be computed again later, by a test, from
//! a JSON file. It holds:
//!
//! - every [`Update`] in the order it arrived, each stamped with the subscriber's own clock;
//! - the poll-time histogram of every task ([`PollTimes`]), fetched once the workload was over
//!   through the `WatchTaskDetails` call (tokio-console fetches the same histogram when you open
//!   a task's detail view).
//!
//! Times are [`Nanos`] since the capture started the demo process, so that a recording reads
//! as a story ("created at 12 ms, dropped at 840 ms") and two recordings line up. Durations are
//! plain nanoseconds.
//!
//! The field names follow console-api's protobuf messages (`tasks.proto`, `resources.proto`,
//! `async_ops.proto` in the console-api crate), so a reader who knows one knows the other.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A point in time, in nanoseconds since the capture started the demo.
///
/// Signed so that a timestamp the subscriber took a hair before our own clock read (two clocks,
/// converted separately) is a small negative number rather than an overflow.
pub type Nanos = i64;

/// One run of one variant of a lab's demo, as console-subscriber reported it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recording {
    /// The lab's id (`runtime-per-call`, ...).
    pub lab: String,
    /// The variant the demo ran (`anti`, `fixed`, ...).
    pub variant: String,
    /// Arguments the demo got beyond the standard ones (a shorter workload, for a fixture).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demo_args: Vec<String>,
    /// When the capture first received an update, since the demo started.
    pub connected_at: Nanos,
    /// When the demo said its workload was over (its `holding for ...` line), if it did.
    #[serde(default)]
    pub workload_ended: Option<Nanos>,
    /// Every update, in the order they arrived.
    pub updates: Vec<Update>,
    /// Poll-time histograms, by task id, fetched after the workload.
    #[serde(default)]
    pub poll_times: BTreeMap<u64, PollTimes>,
    /// What was left out to make this recording small enough for a test fixture, if anything
    /// (see [`Recording::thin`](crate::thin)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thinned: Option<Thinned>,
}

/// One `Update` message of the `Instrument` service, reduced to what tokio-console uses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Update {
    /// The subscriber's clock when it sent the update; every statistic inside is "as of now".
    pub now: Nanos,
    /// Tasks spawned since the previous update.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_tasks: Vec<TaskInfo>,
    /// The complete current statistics of every task that changed since the previous update.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub task_stats: BTreeMap<u64, TaskStats>,
    /// Resources (timers, mutexes, semaphores, ...) created since the previous update.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_resources: Vec<ResourceInfo>,
    /// The current statistics of every resource that changed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_stats: BTreeMap<u64, ResourceStats>,
    /// Async operations (a `lock().await`, an `acquire().await`) started since the previous update.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_async_ops: Vec<AsyncOpInfo>,
    /// The current statistics of every async operation that changed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub async_op_stats: BTreeMap<u64, AsyncOpStats>,
    /// Events the subscriber could not record because its buffer was full: data is missing.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub dropped_events: u64,
}

/// What is known about a task when it is spawned; it never changes afterwards.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskInfo {
    /// The subscriber's id for the task (its tracing span), unique among live tasks.
    pub id: u64,
    /// Tokio's own task id (`tokio::task::Id`), when the runtime recorded it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<u64>,
    /// The name given with `tokio::task::Builder::name`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `task` (spawned), `local` (`spawn_local`), `blocking` (`spawn_blocking`, and the
    /// threads that run a multi-thread runtime's workers) or `block_on`.
    pub kind: String,
    /// Where it was spawned, `file:line:column`.
    pub location: String,
    /// Every other field of the task's span, as text (for a blocking task, `fn` names the
    /// closure it runs).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// The size of the future (or closure) the task runs, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<u64>,
    /// The future's size before the runtime boxed it for being too large, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_size_bytes: Option<u64>,
}

/// A task's statistics at the time of an update: always complete, never a difference.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TaskStats {
    /// When the task was spawned.
    pub created_at: Nanos,
    /// When the task was dropped (it completed, or was cancelled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped_at: Option<Nanos>,
    /// How many times it was woken.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub wakes: u64,
    /// How many times its waker was cloned.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub waker_clones: u64,
    /// How many times a clone of its waker was dropped.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub waker_drops: u64,
    /// How many of its wakes came from the task itself, while it was being polled.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub self_wakes: u64,
    /// When it was last woken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_wake: Option<Nanos>,
    /// How many times it was polled.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub polls: u64,
    /// When it was first polled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_poll: Option<Nanos>,
    /// When its latest poll started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_poll_started: Option<Nanos>,
    /// When its latest finished poll ended (earlier than `last_poll_started` while a poll runs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_poll_ended: Option<Nanos>,
    /// Time spent inside `poll`, summed over finished polls, in nanoseconds.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub busy_ns: u64,
    /// Time spent woken but waiting for a worker to poll it, in nanoseconds.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub scheduled_ns: u64,
}

/// What is known about a resource when it is created.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceInfo {
    /// The subscriber's id for the resource.
    pub id: u64,
    /// The resource this one is part of (a `Mutex` is built on a `Semaphore`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<u64>,
    /// The kind (`Sync`, `Timer`, ...).
    pub kind: String,
    /// The Rust type (`Mutex`, `Semaphore`, `Sleep`, ...).
    pub concrete_type: String,
    /// Where it was created.
    pub location: String,
    /// Whether it is an internal part of another resource.
    #[serde(default)]
    pub internal: bool,
}

/// A resource's statistics at the time of an update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceStats {
    /// When it was created.
    pub created_at: Nanos,
    /// When it was dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped_at: Option<Nanos>,
    /// Its state (`locked`, `permits`, `duration`, ...), as text with its unit if it has one.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// What is known about an async operation when it starts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AsyncOpInfo {
    /// The subscriber's id for the operation.
    pub id: u64,
    /// The method that started it (`Mutex::lock`, `Acquire::new`, ...).
    pub source: String,
    /// The operation this one runs inside of (`Mutex::lock` acquires its semaphore), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<u64>,
    /// The resource it operates on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<u64>,
}

/// An async operation's statistics at the time of an update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AsyncOpStats {
    /// When the operation started (the future was created).
    pub created_at: Nanos,
    /// When it ended (the future was dropped, normally right after it completed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped_at: Option<Nanos>,
    /// The task awaiting it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<u64>,
    /// How many times it was polled.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub polls: u64,
    /// Time spent polling it, in nanoseconds.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub busy_ns: u64,
    /// Its state, as text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// The distribution of one task's poll durations, from console-subscriber's histogram.
///
/// The subscriber keeps an HdrHistogram per task with two significant digits (so a bucket's
/// value is within 1% of the durations it counts) and an upper bound, one second by default;
/// longer polls are counted in the top bucket and reported as outliers, the longest exactly.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PollTimes {
    /// How many polls the histogram counted.
    pub count: u64,
    /// The longest poll, in nanoseconds (exact for an outlier, within 1% otherwise).
    pub max_ns: u64,
    /// Every non-empty bucket as `(duration in ns, polls)`, shortest first; the duration is the
    /// highest value the bucket stands for.
    #[serde(default)]
    pub buckets: Vec<(u64, u64)>,
    /// Polls longer than the histogram's upper bound.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub high_outliers: u64,
}

impl PollTimes {
    /// How many polls took `threshold_ns` or longer.
    ///
    /// A bucket counts when its value reaches the threshold, so a poll 1% shorter than the
    /// threshold may be counted: the histogram cannot tell them apart.
    pub fn at_least(&self, threshold_ns: u64) -> u64 {
        self.buckets
            .iter()
            .filter(|(value, _)| *value >= threshold_ns)
            .map(|(_, count)| count)
            .sum()
    }
}

impl Recording {
    /// Reads a recording from its JSON text.
    pub fn from_json(text: &str) -> serde_json::Result<Recording> {
        serde_json::from_str(text)
    }

    /// The recording as JSON with one task, resource, operation or histogram per line: compact
    /// enough to commit as a fixture, and a diff still shows which entries changed.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n");
        out.push_str(&format!("  \"lab\": {},\n", line(&self.lab)));
        out.push_str(&format!("  \"variant\": {},\n", line(&self.variant)));
        if !self.demo_args.is_empty() {
            out.push_str(&format!("  \"demo_args\": {},\n", line(&self.demo_args)));
        }
        out.push_str(&format!("  \"connected_at\": {},\n", self.connected_at));
        out.push_str(&format!(
            "  \"workload_ended\": {},\n",
            line(&self.workload_ended)
        ));
        if let Some(thinned) = &self.thinned {
            out.push_str(&format!("  \"thinned\": {},\n", line(thinned)));
        }
        out.push_str("  \"updates\": [");
        for (i, update) in self.updates.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&format!(
                "    {{\"now\": {}, \"dropped_events\": {}",
                update.now, update.dropped_events
            ));
            list(&mut out, "new_tasks", update.new_tasks.iter().map(line));
            list(
                &mut out,
                "task_stats",
                update
                    .task_stats
                    .iter()
                    .map(|(id, s)| format!("\"{id}\": {}", line(s))),
            );
            list(
                &mut out,
                "new_resources",
                update.new_resources.iter().map(line),
            );
            list(
                &mut out,
                "resource_stats",
                update
                    .resource_stats
                    .iter()
                    .map(|(id, s)| format!("\"{id}\": {}", line(s))),
            );
            list(
                &mut out,
                "new_async_ops",
                update.new_async_ops.iter().map(line),
            );
            list(
                &mut out,
                "async_op_stats",
                update
                    .async_op_stats
                    .iter()
                    .map(|(id, s)| format!("\"{id}\": {}", line(s))),
            );
            out.push('}');
        }
        out.push_str("\n  ],\n  \"poll_times\": {");
        for (i, (id, times)) in self.poll_times.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&format!("    \"{id}\": {}", line(times)));
        }
        out.push_str("\n  }\n}\n");
        out
    }

    /// Drops what the replay would learn twice: an item announced again with the same
    /// description, statistics identical to the ones last sent for the same item.
    ///
    /// The subscriber repeats itself (the full state a new subscriber gets is followed by the
    /// same items in the next update, and the capture ends with a full state), so a recording
    /// is about half repetition. Replaying the compacted recording gives the same snapshot
    /// (`tests/fixtures.rs` checks it).
    pub fn compact(&mut self) {
        let mut tasks = BTreeMap::new();
        let mut task_stats = BTreeMap::new();
        let mut resources = BTreeMap::new();
        let mut resource_stats = BTreeMap::new();
        let mut ops = BTreeMap::new();
        let mut op_stats = BTreeMap::new();
        for update in &mut self.updates {
            let created = |stats: &BTreeMap<u64, TaskStats>, id| {
                stats.get(&id).map(|s: &TaskStats| s.created_at)
            };
            let task_created: BTreeMap<u64, Option<Nanos>> = update
                .new_tasks
                .iter()
                .map(|t| (t.id, created(&update.task_stats, t.id)))
                .collect();
            update
                .new_tasks
                .retain(|t| first_sight(&mut tasks, t.id, (t.clone(), task_created[&t.id])));
            update
                .task_stats
                .retain(|id, s| first_sight(&mut task_stats, *id, s.clone()));
            let resource_created: BTreeMap<u64, Option<Nanos>> = update
                .new_resources
                .iter()
                .map(|r| (r.id, update.resource_stats.get(&r.id).map(|s| s.created_at)))
                .collect();
            update.new_resources.retain(|r| {
                first_sight(&mut resources, r.id, (r.clone(), resource_created[&r.id]))
            });
            update
                .resource_stats
                .retain(|id, s| first_sight(&mut resource_stats, *id, s.clone()));
            let op_created: BTreeMap<u64, Option<Nanos>> = update
                .new_async_ops
                .iter()
                .map(|o| (o.id, update.async_op_stats.get(&o.id).map(|s| s.created_at)))
                .collect();
            update
                .new_async_ops
                .retain(|o| first_sight(&mut ops, o.id, (o.clone(), op_created[&o.id])));
            update
                .async_op_stats
                .retain(|id, s| first_sight(&mut op_stats, *id, s.clone()));
        }
    }

    /// The subscriber's clock at the last update: "now" for everything the snapshot shows.
    pub fn end(&self) -> Nanos {
        self.updates.last().map_or(self.connected_at, |u| u.now)
    }

    /// Events the subscriber dropped over the whole run.
    pub fn dropped_events(&self) -> u64 {
        self.updates.iter().map(|u| u.dropped_events).sum()
    }
}

/// Whether `value` differs from what was last seen under `id` (and remembers it if so).
fn first_sight<T: PartialEq>(seen: &mut BTreeMap<u64, T>, id: u64, value: T) -> bool {
    if seen.get(&id) == Some(&value) {
        return false;
    }
    seen.insert(id, value);
    true
}

/// Appends `"name": {` one entry per line `}` to an update's line, unless there are none.
fn list(out: &mut String, name: &str, entries: impl Iterator<Item = String>) {
    let entries: Vec<String> = entries.collect();
    if entries.is_empty() {
        return;
    }
    let (open, close) = if matches!(name, "new_tasks" | "new_resources" | "new_async_ops") {
        ('[', ']')
    } else {
        ('{', '}')
    };
    out.push_str(&format!(", \"{name}\": {open}\n      "));
    out.push_str(&entries.join(",\n      "));
    out.push_str(&format!("\n    {close}"));
}

/// One value as compact JSON, for one line of a recording.
fn line<T: Serialize + ?Sized>(value: &T) -> String {
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string(value).expect("a recording is plain data")
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_long_polls_by_bucket() {
        let times = PollTimes {
            count: 6,
            max_ns: 50_000_000,
            buckets: vec![(10_000, 3), (2_000_000, 1), (50_000_000, 2)],
            high_outliers: 0,
        };
        assert_eq!(times.at_least(1_000_000), 3);
        assert_eq!(times.at_least(2_000_000), 3);
        assert_eq!(times.at_least(2_000_001), 2);
        assert_eq!(times.at_least(0), 6);
    }

    #[test]
    fn round_trips_through_json() {
        let recording = Recording {
            lab: "lab".into(),
            variant: "anti".into(),
            demo_args: vec!["--millis=100".into()],
            connected_at: 5,
            workload_ended: Some(9),
            updates: vec![Update {
                now: 10,
                new_tasks: vec![TaskInfo {
                    id: 1,
                    kind: "task".into(),
                    ..TaskInfo::default()
                }],
                task_stats: BTreeMap::from([(
                    1,
                    TaskStats {
                        polls: 2,
                        ..TaskStats::default()
                    },
                )]),
                ..Update::default()
            }],
            poll_times: BTreeMap::from([(
                1,
                PollTimes {
                    count: 2,
                    ..PollTimes::default()
                },
            )]),
            thinned: None,
        };
        assert_eq!(
            Recording::from_json(&recording.to_json()).unwrap(),
            recording
        );
    }
}

/// How much [`Recording::thin`] left out (the thinning itself is in `thin`; its result is
/// part of the recording, so this type lives here and `thin` depends on it, not the reverse).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thinned {
    /// Blocking tasks left out.
    pub tasks: usize,
    /// Resources left out.
    pub resources: usize,
    /// Async operations left out.
    pub async_ops: usize,
}
