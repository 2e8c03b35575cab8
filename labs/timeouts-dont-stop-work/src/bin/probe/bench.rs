//! `headline.md` and `limit.md`: what criterion measured in the `give-up` group.
//!
//! The headline: how long `anti` takes to give up (it answers, when the job is done) against
//! `fixed`, at the longest job measured, with both 95% confidence intervals. The limit: the
//! timer with nothing to stop ([`timeouts_dont_stop_work::limit`]).

use std::fmt::Write as _;

use evidence::Ratio;
use evidence::criterion::Group;
use evidence::limit::{self, FAR};
use evidence::number::{ratio, time, time_with_interval};

/// The headline paragraph; a missing group is a sentence, not a failed probe.
pub fn headline(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings: {err:#}.\n"),
    };
    let Some(load) = group.loads().last().map(|l| l.to_string()) else {
        return "The `give-up` group has no load.\n".into();
    };
    let at = |variant: &str| group.get(variant, &load).map(|m| m.headline());
    let (Some(anti), Some(fixed)) = (at("anti"), at("fixed")) else {
        return format!("No `anti` and `fixed` for a job of {load} ms.\n");
    };
    let r = Ratio::of(&anti, &fixed);
    let mut out = format!(
        "A job of {load} ms of CPU work, one attempt of 5 ms: `anti` returns after {}, `fixed` \
         gives up after {} (means, 95% confidence intervals): the timeout around CPU work \
         takes **{}** as long to return as the one that stops the work (intervals {}).",
        time_with_interval(anti.point, anti.lower, anti.upper),
        time_with_interval(fixed.point, fixed.lower, fixed.upper),
        r.with_range(),
        r.separation()
    );
    if let Some(retry) = at("blocking-retry") {
        let _ = write!(
            out,
            " `blocking-retry` returns in {}, after its one limit as `fixed` does: its fault is \
             not the time it takes but the copy it leaves computing for the rest of the job, \
             which this bench waits for off the clock.",
            time(retry.point)
        );
    }
    out.push('\n');
    out
}

/// The fix against its floor.
pub fn limit(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let rows = limit::rows(group);
    let mut out = String::from(
        "`fixed` against `limit` (`timeout(5 ms, pending())`: the timer with nothing to stop), \
         time to give up:\n\n",
    );
    out.push_str(&limit::table(&rows, "job (ms)"));
    if rows.is_empty() {
        out.push_str("\nNo load has both `fixed` and `limit`.\n");
        return out;
    }
    // What `fixed` takes beyond the floor, where it takes more at all.
    let extra: Vec<String> = rows
        .iter()
        .map(|row| {
            if row.fixed > row.limit {
                format!("{} for a {} ms job", time(row.fixed - row.limit), row.load)
            } else {
                format!(
                    "nothing measurable for a {} ms job (it came out below)",
                    row.load
                )
            }
        })
        .collect();
    let far: Vec<String> = rows
        .iter()
        .filter(|row| row.far())
        .map(|row| format!("{} at {} ms", ratio(row.ratio.point), row.load))
        .collect();
    let _ = write!(
        out,
        "\n`limit` itself is more than 5 ms: Tokio rounds a deadline up to the next millisecond \
         and reads its timer wheel when a worker wakes, then wakes the waiting task. `fixed` \
         adds {}. Beyond the timer it pays the step under way when the timer fires (at most 50 \
         µs), the cancelled copy noticing the token at the end of that step, and one wake-up \
         of the handler by the blocking thread's `JoinHandle`; how much of the difference is \
         that and how much the measuring machine's noise, this run's intervals say (the rows of \
         `yield-now` and `blocking-retry`, which wait on the same timer, are a second gauge).",
        extra.join(", ")
    );
    if far.is_empty() {
        let _ = write!(
            out,
            " At every job length it is within {FAR}× of the floor."
        );
    } else {
        let _ = write!(out, " It is {} its floor.", far.join(", "));
    }
    out.push('\n');
    out
}
