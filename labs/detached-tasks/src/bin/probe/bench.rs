//! `headline.md` and `limit.md`: what criterion measured in the `supervise` group.

use std::fmt::Write as _;

use evidence::Ratio;
use evidence::criterion::Group;
use evidence::limit::{self, FAR};
use evidence::number::{ratio, time, time_with_interval};

/// Time per job of `variant` at `load`, if measured.
fn per_job(group: &Group, variant: &str, load: &str) -> Option<evidence::criterion::Estimate> {
    let m = group.get(variant, load)?;
    m.mean_per_element().or_else(|| Some(m.headline()))
}

/// The headline paragraph; a missing group is a sentence, not a failed probe.
pub fn headline(supervise: &anyhow::Result<Group>) -> String {
    let group = match supervise {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings: {err:#}.\n"),
    };
    let Some(load) = group.loads().last().map(|l| l.to_string()) else {
        return "The `supervise` group has no load.\n".into();
    };
    let (Some(anti), Some(fixed)) = (
        per_job(group, "anti", &load),
        per_job(group, "fixed", &load),
    ) else {
        return format!("No `anti` and `fixed` at {load} jobs.\n");
    };
    let r = Ratio::of(&fixed, &anti);
    let cost = if r.separated && r.point > 1.0 {
        format!(
            "supervising every job costs **{}** the detached version (intervals {}), {} more \
             per job",
            r.with_range(),
            r.separation(),
            time(fixed.point - anti.point)
        )
    } else if r.separated {
        format!(
            "supervising every job is **{}** the detached version (intervals {}): cheaper, \
             not dearer",
            r.with_range(),
            r.separation()
        )
    } else {
        format!(
            "the two are **{}** apart, within this run's noise (intervals {}): no cost of \
             supervision that this run can resolve",
            r.with_range(),
            r.separation()
        )
    };
    let mut out = format!(
        "Per job, in batches of {load} instant jobs: the detached `anti` {}, the `JoinSet` of \
         `fixed` {} (means, 95% confidence intervals): {cost}.",
        time_with_interval(anti.point, anti.lower, anti.upper),
        time_with_interval(fixed.point, fixed.lower, fixed.upper),
    );
    if let Some(limit) = per_job(group, "limit", &load) {
        let l = Ratio::of(&fixed, &limit);
        let _ = write!(
            out,
            " Against bare spawn-and-join ({} per job), `fixed` is {} ({}).",
            time(limit.point),
            l.with_range(),
            l.separation()
        );
    }
    if let Some(tracker) = per_job(group, "tracker", &load) {
        let t = Ratio::of(&tracker, &anti);
        let _ = write!(
            out,
            " The `TaskTracker` with its channel and `catch_unwind`: {} per job, {} the detached \
             version ({}).",
            time(tracker.point),
            ratio(t.point),
            t.separation()
        );
    }
    out.push_str(
        " The detached version is not free either: its results travel on a channel, as the \
         tracker's do. Whatever it saves is under a microsecond per job; what it loses is every \
         error and every panic.\n",
    );
    out
}

/// The fix against its floor, and what the rest of its cost is.
pub fn limit(supervise: &anyhow::Result<Group>) -> String {
    let group = match supervise {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let rows = limit::rows(group);
    let mut out = String::from(
        "`fixed` against `limit` (bare tasks that return a number, each handle kept in a `Vec` \
         and awaited: a task per job and a join per task, nothing else), per job:\n\n",
    );
    out.push_str(&limit::table(&rows, "jobs"));
    let Some(last) = rows.last() else {
        out.push_str("\nNo load has both `fixed` and `limit`.\n");
        return out;
    };
    let handles = per_job(group, "awaited-handles", &last.load);
    let split = handles.map(|h| {
        format!(
            " `awaited-handles`, the same jobs and report through bare handles, takes {} per job \
             at {} jobs: the part of the gap that is the jobs' own work (the ledger's counters, \
             an `Arc` per job) and the report's map, which every supervisor pays; the \
             `JoinSet`'s own share is the rest, {} per job (its list of tasks, and the map from \
             task ids back to jobs that a panic needs).",
            time(h.point),
            last.load,
            time(last.fixed - h.point),
        )
    });
    let far: Vec<String> = rows
        .iter()
        .filter(|row| row.far())
        .map(|row| format!("{} at {} jobs", ratio(row.ratio.point), row.load))
        .collect();
    if far.is_empty() {
        let _ = write!(
            out,
            "\nAt every load `fixed` is within {FAR}× of bare spawn-and-join.{}",
            split.unwrap_or_default()
        );
    } else {
        let _ = write!(
            out,
            "\n`fixed` takes {} its floor.{}",
            far.join(", "),
            split.unwrap_or_default()
        );
    }
    out.push('\n');
    out
}
