//! Thinning: a recording small enough to commit as a test fixture, with the same verdicts.
//!
//! Some demos are chatty under console-subscriber. `tokio::fs` runs every read as a blocking
//! task (tens of thousands in a run, most of them from the demo calibrating its file), and an
//! actor that replies over oneshot channels creates a resource and a few async operations per
//! request. Their recordings run to megabytes, too much to keep in the repository.
//!
//! [`Recording::thin`] leaves out only what no rule reads:
//!
//! - blocking tasks, except the threads that run a runtime's workers (the long-poll lint needs
//!   every `block_in_place` hand-off), any task whose future the runtime boxed (the one
//!   tokio-console rule that looks at blocking tasks), and the busiest `limit` (the head of the
//!   task table);
//! - resources beyond the first `limit` created at each place, with their async operations,
//!   and async operations beyond the first `limit` on each resource kept (no rule reads
//!   resources; only the resource table shows them).
//!
//! Every non-blocking task stays, with its statistics and histogram, so every rule gives the
//! same verdict: the capture checks that before it saves a thinned recording, and the
//! snapshot of a thinned recording says what was left out.

use std::collections::{BTreeMap, BTreeSet};

use crate::recording::{Recording, TaskInfo, Thinned};
use crate::task::Task;

impl Recording {
    /// Leaves out what no rule reads, keeping `limit` of each kind for the tables (see the
    /// module docs). Does nothing if nothing exceeds the limits.
    pub fn thin(&mut self, limit: usize) {
        let tasks = self.kept_tasks(limit);
        let resources = self.kept_resources(limit);
        let ops = self.kept_ops(&resources, limit);
        let mut thinned = Thinned::default();
        for update in &mut self.updates {
            let before = (
                update.new_tasks.len(),
                update.new_resources.len(),
                update.new_async_ops.len(),
            );
            update.new_tasks.retain(|t| tasks.contains(&t.id));
            update.task_stats.retain(|id, _| tasks.contains(id));
            update.new_resources.retain(|r| resources.contains(&r.id));
            update.resource_stats.retain(|id, _| resources.contains(id));
            update.new_async_ops.retain(|o| ops.contains(&o.id));
            update.async_op_stats.retain(|id, _| ops.contains(id));
            thinned.tasks += before.0 - update.new_tasks.len();
            thinned.resources += before.1 - update.new_resources.len();
            thinned.async_ops += before.2 - update.new_async_ops.len();
        }
        self.poll_times.retain(|id, _| tasks.contains(id));
        if thinned != Thinned::default() {
            self.thinned = Some(thinned);
        }
    }

    /// The ids of the tasks to keep.
    fn kept_tasks(&self, limit: usize) -> BTreeSet<u64> {
        let mut infos: BTreeMap<u64, &TaskInfo> = BTreeMap::new();
        let mut busy: BTreeMap<u64, u64> = BTreeMap::new();
        for update in &self.updates {
            infos.extend(update.new_tasks.iter().map(|t| (t.id, t)));
            busy.extend(update.task_stats.iter().map(|(id, s)| (*id, s.busy_ns)));
        }
        let mut kept = BTreeSet::new();
        let mut blocking = Vec::new();
        for (id, info) in infos {
            let task = Task {
                info: info.clone(),
                stats: Default::default(),
            };
            let boxed = info.size_bytes.is_some()
                && info.original_size_bytes.is_some()
                && info.size_bytes != info.original_size_bytes;
            if info.kind != "blocking" || task.is_worker_thread() || boxed {
                kept.insert(id);
            } else {
                blocking.push((busy.get(&id).copied().unwrap_or(0), id));
            }
        }
        // The busiest first, as the task table sorts them; ties by id, for a stable choice.
        blocking.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        kept.extend(blocking.into_iter().take(limit).map(|(_, id)| id));
        kept
    }

    /// The ids of the resources to keep: the first `limit` created at each place.
    fn kept_resources(&self, limit: usize) -> BTreeSet<u64> {
        let mut per_place: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let mut kept = BTreeSet::new();
        for resource in self.updates.iter().flat_map(|u| &u.new_resources) {
            let seen = per_place
                .entry((&resource.concrete_type, &resource.location))
                .or_default();
            if *seen < limit || kept.contains(&resource.id) {
                *seen += usize::from(!kept.contains(&resource.id));
                kept.insert(resource.id);
            }
        }
        kept
    }

    /// The ids of the async operations to keep: the first `limit` on each kept resource.
    fn kept_ops(&self, resources: &BTreeSet<u64>, limit: usize) -> BTreeSet<u64> {
        let mut per_resource: BTreeMap<u64, usize> = BTreeMap::new();
        let mut kept = BTreeSet::new();
        for op in self.updates.iter().flat_map(|u| &u.new_async_ops) {
            let Some(resource) = op.resource.filter(|r| resources.contains(r)) else {
                continue;
            };
            let seen = per_resource.entry(resource).or_default();
            if *seen < limit || kept.contains(&op.id) {
                *seen += usize::from(!kept.contains(&op.id));
                kept.insert(op.id);
            }
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recording::{AsyncOpInfo, ResourceInfo, TaskStats, Update};

    fn task(id: u64, kind: &str, function: &str) -> TaskInfo {
        let mut info = TaskInfo {
            id,
            kind: kind.into(),
            location: format!("src/{id}.rs:1:1"),
            ..TaskInfo::default()
        };
        if !function.is_empty() {
            info.fields.insert("fn".into(), function.into());
        }
        info
    }

    #[test]
    fn keeps_what_the_rules_read_and_the_busiest_of_the_rest() {
        let worker = "tokio::runtime::scheduler::multi_thread::worker::Launch::launch::{{closure}}";
        let new_tasks = vec![
            task(1, "task", ""),
            task(2, "blocking", worker),
            task(3, "blocking", "f"),
            task(4, "blocking", "g"),
        ];
        let stats = |busy_ns| TaskStats {
            busy_ns,
            polls: 1,
            ..TaskStats::default()
        };
        let resource = |id| ResourceInfo {
            id,
            concrete_type: "Sleep".into(),
            location: "x.rs".into(),
            ..ResourceInfo::default()
        };
        let op = |id, resource| AsyncOpInfo {
            id,
            source: "s".into(),
            resource: Some(resource),
            parent: None,
        };
        let mut recording = Recording {
            lab: "lab".into(),
            variant: "v".into(),
            demo_args: Vec::new(),
            connected_at: 0,
            workload_ended: None,
            updates: vec![Update {
                now: 1,
                new_tasks,
                task_stats: BTreeMap::from([
                    (1, stats(5)),
                    (2, stats(9)),
                    (3, stats(1)),
                    (4, stats(7)),
                ]),
                new_resources: vec![resource(10), resource(11)],
                new_async_ops: vec![op(20, 10), op(21, 10), op(22, 11)],
                ..Update::default()
            }],
            poll_times: BTreeMap::new(),
            thinned: None,
        };
        recording.thin(1);
        let update = &recording.updates[0];
        let ids: Vec<u64> = update.new_tasks.iter().map(|t| t.id).collect();
        // The async task, the worker thread, and the busier of the two plain blocking tasks.
        assert_eq!(ids, [1, 2, 4]);
        assert_eq!(
            update
                .new_resources
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>(),
            [10]
        );
        assert_eq!(
            update
                .new_async_ops
                .iter()
                .map(|o| o.id)
                .collect::<Vec<_>>(),
            [20]
        );
        assert_eq!(
            recording.thinned,
            Some(Thinned {
                tasks: 1,
                resources: 1,
                async_ops: 2
            })
        );
    }
}
