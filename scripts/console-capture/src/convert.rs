//! From console-api's protobuf messages to the plain data of a `Recording`.
//!
//! Two things make the protobuf awkward to keep as it is. Field names travel as an index into
//! the span's metadata, which arrives once, in an earlier update; and times are absolute
//! protobuf timestamps. The [`Converter`] keeps every metadata it has seen to resolve names,
//! and turns each timestamp into nanoseconds since the demo was started. Only what
//! tokio-console uses is kept; the names follow the protobuf fields one for one.

use std::collections::{BTreeMap, HashMap};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use console_api as proto;
use console_snapshot::Nanos;
use console_snapshot::recording::{
    AsyncOpInfo, AsyncOpStats, PollTimes, ResourceInfo, ResourceStats, TaskInfo, TaskStats, Update,
};
use hdrhistogram::serialization::Deserializer;

/// Converts updates, remembering span metadata between them.
pub struct Converter {
    /// The demo's start, as nanoseconds since the Unix epoch.
    origin_ns: i128,
    /// Field names by metadata id.
    field_names: HashMap<u64, Vec<String>>,
}

impl Converter {
    /// A converter for a demo started at `origin`.
    pub fn new(origin: SystemTime) -> Converter {
        let origin_ns = origin
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        Converter {
            origin_ns,
            field_names: HashMap::new(),
        }
    }

    /// `at` in nanoseconds since the demo started.
    pub fn since_start(&self, at: SystemTime) -> Nanos {
        let ns = at
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        (ns - self.origin_ns) as Nanos
    }

    fn time(&self, at: &prost_types::Timestamp) -> Nanos {
        let ns = i128::from(at.seconds) * 1_000_000_000 + i128::from(at.nanos);
        (ns - self.origin_ns) as Nanos
    }

    fn opt_time(&self, at: Option<&prost_types::Timestamp>) -> Option<Nanos> {
        at.map(|at| self.time(at))
    }

    /// One `Update` of the `Instrument` stream.
    pub fn update(&mut self, update: proto::instrument::Update) -> Result<Update> {
        if let Some(metadata) = update.new_metadata {
            for new in metadata.metadata {
                if let (Some(id), Some(meta)) = (new.id, new.metadata) {
                    self.field_names.insert(id.id, meta.field_names);
                }
            }
        }
        let now = self.time(
            update
                .now
                .as_ref()
                .context("an update without a timestamp")?,
        );
        let mut out = Update {
            now,
            ..Update::default()
        };
        if let Some(tasks) = update.task_update {
            out.new_tasks = tasks
                .new_tasks
                .into_iter()
                .filter_map(|t| self.task(t))
                .collect();
            out.task_stats = tasks
                .stats_update
                .into_iter()
                .map(|(id, s)| (id, self.task_stats(&s)))
                .collect();
            out.dropped_events += tasks.dropped_events;
        }
        if let Some(resources) = update.resource_update {
            out.new_resources = resources
                .new_resources
                .into_iter()
                .filter_map(|r| self.resource(r))
                .collect();
            out.resource_stats = resources
                .stats_update
                .into_iter()
                .map(|(id, s)| (id, self.resource_stats(s)))
                .collect();
            out.dropped_events += resources.dropped_events;
        }
        if let Some(ops) = update.async_op_update {
            out.new_async_ops = ops.new_async_ops.into_iter().filter_map(async_op).collect();
            out.async_op_stats = ops
                .stats_update
                .into_iter()
                .map(|(id, s)| (id, self.async_op_stats(s)))
                .collect();
            out.dropped_events += ops.dropped_events;
        }
        Ok(out)
    }

    fn task(&self, task: proto::tasks::Task) -> Option<TaskInfo> {
        // tokio-console skips a task without an id; so do we.
        let id = task.id?.id;
        let meta = task.metadata.map(|m| m.id);
        let mut info = TaskInfo {
            id,
            location: location(task.location.as_ref()),
            // Tokio names the kind in a field; the protobuf's own `kind` only says spawn or
            // blocking, so the field wins when present.
            kind: match proto::tasks::task::Kind::try_from(task.kind) {
                Ok(proto::tasks::task::Kind::Blocking) => "blocking".to_string(),
                _ => "task".to_string(),
            },
            ..TaskInfo::default()
        };
        for field in task.fields {
            let Some((name, value)) = self.field(&field, meta) else {
                continue;
            };
            match name.as_str() {
                // Tokio records an empty name for unnamed tasks; tokio-console shows nothing.
                "task.name" => info.name = Some(value).filter(|name| !name.is_empty()),
                "task.id" => info.task_id = value.parse().ok(),
                "kind" => info.kind = value,
                "size.bytes" => info.size_bytes = value.parse().ok(),
                "original_size.bytes" => info.original_size_bytes = value.parse().ok(),
                // Already in `location`.
                "loc.file" | "loc.line" | "loc.col" => {}
                _ => {
                    info.fields.insert(name, value);
                }
            }
        }
        Some(info)
    }

    fn task_stats(&self, stats: &proto::tasks::Stats) -> TaskStats {
        let poll = stats.poll_stats.unwrap_or_default();
        TaskStats {
            created_at: self.opt_time(stats.created_at.as_ref()).unwrap_or_default(),
            dropped_at: self.opt_time(stats.dropped_at.as_ref()),
            wakes: stats.wakes,
            waker_clones: stats.waker_clones,
            waker_drops: stats.waker_drops,
            self_wakes: stats.self_wakes,
            last_wake: self.opt_time(stats.last_wake.as_ref()),
            polls: poll.polls,
            first_poll: self.opt_time(poll.first_poll.as_ref()),
            last_poll_started: self.opt_time(poll.last_poll_started.as_ref()),
            last_poll_ended: self.opt_time(poll.last_poll_ended.as_ref()),
            busy_ns: poll.busy_time.as_ref().map_or(0, duration_ns),
            scheduled_ns: stats.scheduled_time.as_ref().map_or(0, duration_ns),
        }
    }

    fn resource(&self, resource: proto::resources::Resource) -> Option<ResourceInfo> {
        use proto::resources::resource::kind::{Kind, Known};
        let kind = match resource.kind.and_then(|k| k.kind) {
            Some(Kind::Known(known)) => match Known::try_from(known) {
                Ok(Known::Timer) => "Timer".to_string(),
                Err(_) => format!("known kind {known}"),
            },
            Some(Kind::Other(other)) => other,
            None => "unknown".to_string(),
        };
        Some(ResourceInfo {
            id: resource.id?.id,
            parent: resource.parent_resource_id.map(|p| p.id),
            kind,
            concrete_type: resource.concrete_type,
            location: location(resource.location.as_ref()),
            internal: resource.is_internal,
        })
    }

    fn resource_stats(&self, stats: proto::resources::Stats) -> ResourceStats {
        ResourceStats {
            created_at: self.opt_time(stats.created_at.as_ref()).unwrap_or_default(),
            dropped_at: self.opt_time(stats.dropped_at.as_ref()),
            attributes: self.attributes(stats.attributes),
        }
    }

    fn async_op_stats(&self, stats: proto::async_ops::Stats) -> AsyncOpStats {
        let poll = stats.poll_stats.unwrap_or_default();
        AsyncOpStats {
            created_at: self.opt_time(stats.created_at.as_ref()).unwrap_or_default(),
            dropped_at: self.opt_time(stats.dropped_at.as_ref()),
            task: stats.task_id.map(|t| t.id),
            polls: poll.polls,
            busy_ns: poll.busy_time.as_ref().map_or(0, duration_ns),
            attributes: self.attributes(stats.attributes),
        }
    }

    fn attributes(&self, attributes: Vec<proto::Attribute>) -> BTreeMap<String, String> {
        attributes
            .into_iter()
            .filter_map(|a| {
                let field = a.field?;
                let (name, value) = self.field(&field, None)?;
                Some((name, format!("{value}{}", a.unit.unwrap_or_default())))
            })
            .collect()
    }

    /// A field's name and value as text; the name may be an index into its span's metadata.
    fn field(&self, field: &proto::Field, meta: Option<u64>) -> Option<(String, String)> {
        use proto::field::{Name, Value};
        let name = match field.name.as_ref()? {
            Name::StrName(name) => name.clone(),
            Name::NameIdx(index) => {
                let meta = field.metadata_id.as_ref().map(|m| m.id).or(meta)?;
                self.field_names
                    .get(&meta)?
                    .get(usize::try_from(*index).ok()?)?
                    .clone()
            }
        };
        let value = match field.value.as_ref()? {
            Value::DebugVal(v) | Value::StrVal(v) => v.clone(),
            Value::U64Val(v) => v.to_string(),
            Value::I64Val(v) => v.to_string(),
            Value::BoolVal(v) => v.to_string(),
        };
        Some((name, value))
    }
}

fn async_op(op: proto::async_ops::AsyncOp) -> Option<AsyncOpInfo> {
    Some(AsyncOpInfo {
        id: op.id?.id,
        source: op.source,
        parent: op.parent_async_op_id.map(|p| p.id),
        resource: op.resource_id.map(|r| r.id),
    })
}

fn duration_ns(d: &prost_types::Duration) -> u64 {
    // Negative durations do not occur; clamp rather than wrap if one ever did.
    let ns = i128::from(d.seconds) * 1_000_000_000 + i128::from(d.nanos);
    u64::try_from(ns).unwrap_or(0)
}

/// `file:line:column`, with a cargo registry path cut to `<cargo>/<crate>-<version>/...` as
/// tokio-console shows it (which also keeps the recording free of this machine's home).
fn location(location: Option<&proto::Location>) -> String {
    console_snapshot::task::short_location(&full_location(location))
}

fn full_location(location: Option<&proto::Location>) -> String {
    let Some(l) = location else {
        return "<unknown location>".to_string();
    };
    let mut out = match (&l.file, &l.module_path) {
        (Some(file), _) => file.clone(),
        (None, Some(module)) => module.clone(),
        (None, None) => return "<unknown location>".to_string(),
    };
    if let Some(line) = l.line {
        out.push_str(&format!(":{line}"));
        if let Some(column) = l.column {
            out.push_str(&format!(":{column}"));
        }
    }
    out
}

/// A one-message `TaskDetails` reply as the histogram summary the snapshot keeps.
pub fn poll_times(details: proto::tasks::TaskDetails) -> Option<PollTimes> {
    use proto::tasks::task_details::PollTimesHistogram;
    let (raw, highest_outlier, high_outliers) = match details.poll_times_histogram? {
        PollTimesHistogram::Histogram(h) => (h.raw_histogram, h.highest_outlier, h.high_outliers),
        PollTimesHistogram::LegacyHistogram(raw) => (raw, None, 0),
    };
    let histogram: hdrhistogram::Histogram<u64> =
        Deserializer::new().deserialize(&mut raw.as_slice()).ok()?;
    let buckets = histogram
        .iter_recorded()
        .map(|v| (v.value_iterated_to(), v.count_at_value()))
        .collect();
    Some(PollTimes {
        count: histogram.len(),
        // An outlier was clamped into the top bucket; its true length is reported beside it.
        max_ns: highest_outlier
            .unwrap_or_else(|| histogram.max())
            .max(histogram.max()),
        buckets,
        high_outliers,
    })
}
