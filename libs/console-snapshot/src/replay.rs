//! Replay: fold a recording's updates into tokio-console's state, linting as it goes.
//!
//! tokio-console applies each update to its state (new tasks are added, changed statistics
//! replace the old ones) and then lints the tasks. A warning such as `never-yielded` or
//! `lost-waker` depends on the moment: it appears while the condition holds and goes away
//! after. Replaying update by update, with each update's own clock as "now", reproduces exactly
//! what the warnings panel would have shown at each refresh. The snapshot keeps every warning
//! that was raised at any refresh, with when it was first raised and whether it was still
//! raised at the end, so that a warning visible for two seconds in the middle of the run is not
//! lost to a picture taken afterwards.
//!
//! Everything that does not depend on the moment is computed once, from the final state: the
//! task list's columns, the long-poll lint (its histograms are cumulative), the resources.

use std::collections::{BTreeMap, BTreeSet};

use crate::long_poll::{self, Thresholds, Verdict};
use crate::recording::{
    AsyncOpInfo, AsyncOpStats, Nanos, Recording, ResourceInfo, ResourceStats, TaskInfo, TaskStats,
};
use crate::snapshot::{Finding, Flagged, ResourceRow, Snapshot, TaskRow};
use crate::task::{Task, short_location, span};
use crate::warnings::Rule;

/// Replays `recording` and lints it, with the long-poll lint's default thresholds.
pub fn replay(recording: &Recording) -> Snapshot {
    replay_with(recording, &Thresholds::default())
}

/// Replays `recording` and lints it, with the long-poll lint at `thresholds`.
pub fn replay_with(recording: &Recording, thresholds: &Thresholds) -> Snapshot {
    let mut state = State::default();
    let mut seen: BTreeMap<(Rule, usize), Flagged> = BTreeMap::new();
    for update in &recording.updates {
        state.apply(update);
        // Lint every task at every update (see the `warnings` module on `Recheck`); a rule
        // that no longer holds keeps its first sighting but is no longer "at end".
        for flagged in seen.values_mut() {
            flagged.at_end = false;
        }
        for (key, task) in state.tasks() {
            for rule in Rule::CONSOLE {
                if rule.check(&task, update.now) {
                    let entry = seen.entry((rule, key)).or_insert_with(|| Flagged {
                        id: task.info.id,
                        label: task.label(),
                        detail: String::new(),
                        first_seen: update.now,
                        at_end: false,
                    });
                    // The latest numbers: a never-yielded poll keeps growing.
                    entry.detail = rule.describe(&task, update.now);
                    entry.at_end = true;
                }
            }
        }
    }

    let end = recording.end();
    let keyed: Vec<(usize, Task)> = state.tasks().collect();
    let tasks: Vec<Task> = keyed.iter().map(|(_, t)| t.clone()).collect();
    let locations = long_poll::check(&tasks, &recording.poll_times, thresholds, end);
    let firing: Vec<&long_poll::Location> = locations
        .iter()
        .filter(|l| l.verdict == Verdict::Fires)
        .collect();

    let mut rows = Vec::with_capacity(keyed.len());
    for (key, task) in &keyed {
        let polls = long_poll::polls(
            task,
            recording.poll_times.get(&task.info.id),
            thresholds.slow_ns,
            end,
        );
        let fires = firing
            .iter()
            .any(|l| l.kind == task.info.kind && l.location == task.info.location);
        let mut rules: Vec<Rule> = seen
            .keys()
            .filter(|(_, k)| k == key)
            .map(|(rule, _)| *rule)
            .collect();
        // A task shares its location's verdict if it had a slow poll itself.
        if fires && polls.slow.is_none_or(|slow| slow > 0) {
            rules.push(Rule::LongPoll);
        }
        rows.push(TaskRow {
            id: task.info.id,
            task_id: task.info.task_id,
            label: task.label(),
            location: short_location(&task.info.location),
            kind: task.info.kind.clone(),
            state: task.state().into(),
            polls: task.stats.polls,
            wakes: task.stats.wakes,
            self_wakes: task.stats.self_wakes,
            busy_ns: task.busy_ns(end),
            scheduled_ns: task.scheduled_ns(end),
            idle_ns: task.idle_ns(end),
            max_poll_ns: polls.max_ns,
            slow_polls: polls.slow,
            poll_buckets: recording
                .poll_times
                .get(&task.info.id)
                .map(|times| times.buckets.clone())
                .unwrap_or_default(),
            rules,
            worker_thread: task.is_worker_thread(),
        });
    }
    // Busiest first, as tokio-console sorts by a column; ties by id, so the order is stable.
    rows.sort_by(|a, b| b.busy_ns.cmp(&a.busy_ns).then(a.id.cmp(&b.id)));

    let mut findings: Vec<Finding> = Vec::new();
    for ((rule, _), flagged) in seen {
        match findings.last_mut() {
            Some(finding) if finding.rule == rule => finding.tasks.push(flagged),
            _ => findings.push(Finding {
                rule,
                tasks: vec![flagged],
            }),
        }
    }
    for finding in &mut findings {
        finding
            .tasks
            .sort_by(|a, b| a.first_seen.cmp(&b.first_seen).then(a.id.cmp(&b.id)));
    }
    // The long-poll lint judges locations; each firing one is listed like a flagged task.
    if !firing.is_empty() {
        let tasks = firing
            .iter()
            .map(|l| Flagged {
                id: 0,
                label: short_location(&l.location),
                detail: long_poll_detail(l, thresholds),
                first_seen: 0,
                at_end: false,
            })
            .collect();
        findings.push(Finding {
            rule: Rule::LongPoll,
            tasks,
        });
    }

    Snapshot {
        lab: recording.lab.clone(),
        variant: recording.variant.clone(),
        demo_args: recording.demo_args.clone(),
        thinned: recording.thinned,
        connected_at: recording.connected_at,
        workload_ended: recording.workload_ended,
        end,
        dropped_events: recording.dropped_events(),
        thresholds: *thresholds,
        tasks: rows,
        findings,
        handoffs: tasks
            .iter()
            .filter(|t| t.is_block_in_place_handoff())
            .count(),
        long_poll: locations
            .into_iter()
            .filter(|l| l.verdict != Verdict::Exempt)
            .map(|l| long_poll::Location {
                location: short_location(&l.location),
                ..l
            })
            .collect(),
        resources: state.resource_rows(end),
    }
}

/// What made a location fire: how many of its polls were slow, and the longest.
pub fn long_poll_detail(l: &long_poll::Location, thresholds: &Thresholds) -> String {
    let tasks = if l.tasks == 1 {
        "1 task".to_string()
    } else {
        format!("{} tasks", l.tasks)
    };
    let mut detail = format!(
        "({tasks}, `{}`): {} of {} polls took {} or more ({}%)",
        l.kind,
        l.slow,
        l.polls,
        crate::format::threshold(thresholds.slow_ns),
        l.slow * 100 / l.polls.max(1)
    );
    if let Some(max) = l.max_ns {
        detail.push_str(&format!(", the longest {}", crate::format::duration(max)));
    }
    if l.excused > 0 {
        detail.push_str(&format!(
            "; {} explained by `block_in_place` hand-offs",
            l.excused
        ));
    }
    detail
}

/// Everything seen so far: tasks, resources and async operations, each in an [`Arrivals`].
#[derive(Default)]
struct State {
    tasks: Arrivals<TaskInfo, TaskStats>,
    resources: Arrivals<ResourceInfo, ResourceStats>,
    ops: Arrivals<AsyncOpInfo, AsyncOpStats>,
}

/// One kind of thing the subscriber reports (tasks, resources or async operations), keyed by
/// the order things appeared in.
///
/// The subscriber's ids are unique among *live* things only; keying by arrival order keeps a
/// task that was dropped apart from a later one that got the same id.
struct Arrivals<I, S> {
    items: Vec<(I, Option<S>)>,
    keys: BTreeMap<u64, usize>,
}

impl<I, S> Default for Arrivals<I, S> {
    fn default() -> Self {
        Arrivals {
            items: Vec::new(),
            keys: BTreeMap::new(),
        }
    }
}

/// What [`Arrivals`] needs to know of a thing's description and of its statistics.
trait Reported {
    /// The subscriber's id (reused once the thing is gone).
    fn id(&self) -> u64;
}

/// When a thing was created, as its statistics say.
trait Created {
    fn created_at(&self) -> Nanos;
}

macro_rules! reported {
    ($($info:ty => $stats:ty),*) => {$(
        impl Reported for $info {
            fn id(&self) -> u64 { self.id }
        }
        impl Created for $stats {
            fn created_at(&self) -> Nanos { self.created_at }
        }
    )*};
}
reported!(TaskInfo => TaskStats, ResourceInfo => ResourceStats, AsyncOpInfo => AsyncOpStats);

impl<I: Reported + Clone, S: Created + Clone> Arrivals<I, S> {
    /// Takes one update's new things and fresh statistics.
    fn apply(&mut self, new: &[I], stats: &BTreeMap<u64, S>) {
        for info in new {
            let created = stats.get(&info.id()).map(Created::created_at);
            let key = self.arrive(info, created);
            self.items[key].0 = info.clone();
        }
        for (id, stats) in stats {
            if let Some(&key) = self.keys.get(id) {
                self.items[key].1 = Some(stats.clone());
            }
        }
    }

    /// The arrival key of `info`: its earlier entry if the id is still the same thing, a new
    /// one if the id was reused (the creation times differ).
    fn arrive(&mut self, info: &I, created: Option<Nanos>) -> usize {
        if let Some(&key) = self.keys.get(&info.id()) {
            let known = self.items[key].1.as_ref().map(Created::created_at);
            if known.is_none() || created.is_none() || known == created {
                return key;
            }
        }
        self.keys.insert(info.id(), self.items.len());
        self.items.push((info.clone(), None));
        self.items.len() - 1
    }
}

impl State {
    fn apply(&mut self, update: &crate::recording::Update) {
        self.tasks.apply(&update.new_tasks, &update.task_stats);
        self.resources
            .apply(&update.new_resources, &update.resource_stats);
        self.ops
            .apply(&update.new_async_ops, &update.async_op_stats);
    }

    /// Every task that has statistics (tokio-console skips a task until its first statistics
    /// arrive; the subscriber always sends them with the task).
    fn tasks(&self) -> impl Iterator<Item = (usize, Task)> + '_ {
        self.tasks
            .items
            .iter()
            .enumerate()
            .filter_map(|(key, (info, stats))| {
                Some((
                    key,
                    Task {
                        info: info.clone(),
                        stats: stats.clone()?,
                    },
                ))
            })
    }

    fn resource_rows(&self, end: Nanos) -> Vec<ResourceRow> {
        // The operations on each resource, by the resource's arrival key.
        let mut ops_by_resource: BTreeMap<usize, Vec<&AsyncOpStats>> = BTreeMap::new();
        for (info, stats) in &self.ops.items {
            let (Some(resource), Some(stats)) = (info.resource, stats) else {
                continue;
            };
            // An op names the resource by its current id; ops arrive after their resource.
            if let Some(&key) = self.resources.keys.get(&resource) {
                ops_by_resource.entry(key).or_default().push(stats);
            }
        }

        let mut groups: BTreeMap<(String, String, String, bool), ResourceRow> = BTreeMap::new();
        let mut tasks_by_group: BTreeMap<(String, String, String, bool), BTreeSet<u64>> =
            BTreeMap::new();
        for (key, (info, stats)) in self.resources.items.iter().enumerate() {
            let location = short_location(&info.location);
            let group = (
                info.concrete_type.clone(),
                info.kind.clone(),
                location.clone(),
                info.internal,
            );
            let row = groups.entry(group.clone()).or_insert_with(|| ResourceRow {
                concrete_type: info.concrete_type.clone(),
                kind: info.kind.clone(),
                location,
                internal: info.internal,
                count: 0,
                ops: 0,
                peak_waiters: 0,
                longest_op_ns: 0,
                total_op_ns: 0,
                tasks: 0,
                attributes: Vec::new(),
            });
            row.count += 1;
            if let Some(stats) = stats {
                row.attributes = stats
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
            }
            let ops = ops_by_resource
                .get(&key)
                .map(Vec::as_slice)
                .unwrap_or_default();
            row.ops += ops.len();
            row.peak_waiters = row.peak_waiters.max(peak(ops, end));
            for op in ops {
                let length = span(op.created_at, op.dropped_at.unwrap_or(end));
                row.longest_op_ns = row.longest_op_ns.max(length);
                row.total_op_ns += length;
                if let Some(task) = op.task {
                    tasks_by_group
                        .entry(group.clone())
                        .or_default()
                        .insert(task);
                }
            }
        }
        let mut rows: Vec<ResourceRow> = groups
            .into_iter()
            .map(|(group, mut row)| {
                row.tasks = tasks_by_group.get(&group).map_or(0, BTreeSet::len);
                row
            })
            .collect();
        // Most waited-on first; then the most numerous; then by name, for a stable order.
        rows.sort_by(|a, b| {
            b.total_op_ns
                .cmp(&a.total_op_ns)
                .then(b.count.cmp(&a.count))
                .then(a.concrete_type.cmp(&b.concrete_type))
                .then(a.location.cmp(&b.location))
        });
        rows
    }
}

/// The most operations in progress at the same time (an operation still running counts until
/// `end`).
fn peak(ops: &[&AsyncOpStats], end: Nanos) -> usize {
    let mut events: Vec<(Nanos, i32)> = Vec::with_capacity(ops.len() * 2);
    for op in ops {
        events.push((op.created_at, 1));
        events.push((op.dropped_at.unwrap_or(end), -1));
    }
    // At equal times an end sorts before a start: back-to-back operations do not overlap.
    events.sort();
    let (mut now, mut most) = (0i32, 0i32);
    for (_, delta) in events {
        now += delta;
        most = most.max(now);
    }
    most as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recording::{PollTimes, Update};

    fn info(id: u64, kind: &str) -> TaskInfo {
        TaskInfo {
            id,
            kind: kind.into(),
            location: format!("src/t{id}.rs:1:1"),
            ..TaskInfo::default()
        }
    }

    #[test]
    fn a_warning_raised_mid_run_is_kept_with_its_first_sighting() {
        const S: i64 = 1_000_000_000;
        let running = TaskStats {
            created_at: 0,
            polls: 1,
            first_poll: Some(0),
            last_poll_started: Some(0),
            ..TaskStats::default()
        };
        let finished = TaskStats {
            last_poll_ended: Some(2 * S),
            busy_ns: 2 * S as u64,
            dropped_at: Some(2 * S),
            ..running.clone()
        };
        let recording = Recording {
            lab: "lab".into(),
            variant: "anti".into(),
            demo_args: Vec::new(),
            connected_at: 0,
            workload_ended: None,
            updates: vec![
                Update {
                    now: S / 2,
                    new_tasks: vec![info(7, "task")],
                    task_stats: BTreeMap::from([(7, running.clone())]),
                    ..Update::default()
                },
                // No new statistics, but the poll is now older than a second.
                Update {
                    now: S + S / 2,
                    ..Update::default()
                },
                Update {
                    now: 3 * S,
                    task_stats: BTreeMap::from([(7, finished)]),
                    ..Update::default()
                },
            ],
            thinned: None,
            poll_times: BTreeMap::from([(
                7,
                PollTimes {
                    count: 1,
                    max_ns: 2 * S as u64,
                    buckets: vec![(2 * S as u64, 1)],
                    high_outliers: 0,
                },
            )]),
        };
        let snapshot = replay(&recording);
        let rules: Vec<Rule> = snapshot.findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, [Rule::NeverYielded, Rule::LongPoll]);
        let never = &snapshot.findings[0].tasks[0];
        assert_eq!((never.first_seen, never.at_end), (S + S / 2, false));
        assert_eq!(
            snapshot.tasks[0].rules,
            [Rule::NeverYielded, Rule::LongPoll]
        );
    }

    #[test]
    fn a_task_announced_twice_is_one_task_but_a_reused_id_is_another() {
        let stats = |created_at| TaskStats {
            created_at,
            polls: 1,
            ..TaskStats::default()
        };
        let update = |now, created_at| Update {
            now,
            new_tasks: vec![info(3, "task")],
            task_stats: BTreeMap::from([(3, stats(created_at))]),
            ..Update::default()
        };
        let recording = Recording {
            lab: "lab".into(),
            variant: "anti".into(),
            demo_args: Vec::new(),
            connected_at: 0,
            workload_ended: None,
            // The full state on subscribing, the same task again, then a new task with its id.
            updates: vec![update(10, 5), update(20, 5), update(30, 25)],
            poll_times: BTreeMap::new(),
            thinned: None,
        };
        assert_eq!(replay(&recording).tasks.len(), 2);
    }

    #[test]
    fn waiters_are_the_most_operations_at_once() {
        let op = |created_at, dropped_at| AsyncOpStats {
            created_at,
            dropped_at,
            ..AsyncOpStats::default()
        };
        let ops = [
            op(0, Some(10)),
            op(5, Some(20)),
            op(10, Some(30)),
            op(25, None),
        ];
        let refs: Vec<&AsyncOpStats> = ops.iter().collect();
        // 5..10: two; at 10 one ends as another starts; 25..30: two again.
        assert_eq!(peak(&refs, 100), 2);
        assert_eq!(peak(&[], 100), 0);
    }
}
