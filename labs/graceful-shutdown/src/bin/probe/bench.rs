//! `headline.md` and `limit.md`: what criterion measured in the `busy` and `idle` groups.
//!
//! The headline: a sync left inside the branch (`long-arm`) against the sync raced against the
//! token (`fixed`), with every worker busy, at the largest load, with both 95% confidence
//! intervals; then the anti-pattern against the fix where it stops at all (idle workers). The
//! limit: the bare token round trip ([`graceful_shutdown::limit`]).

use std::fmt::Write as _;

use evidence::Ratio;
use evidence::criterion::Group;
use evidence::limit::{self, FAR};
use evidence::number::{ratio, time, time_with_interval};

/// The headline paragraph; a missing group is a sentence, not a failed probe.
pub fn headline(busy: &anyhow::Result<Group>, idle: &anyhow::Result<Group>) -> String {
    let busy = match busy {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings: {err:#}.\n"),
    };
    let Some(load) = busy.loads().last().map(|l| l.to_string()) else {
        return "The `busy` group has no load.\n".into();
    };
    let per = |group: &Group, variant: &str| group.get(variant, &load).map(|m| m.headline());
    let (Some(long), Some(fixed)) = (per(busy, "long-arm"), per(busy, "fixed")) else {
        return format!("No `long-arm` and `fixed` at {load} workers.\n");
    };
    let r = Ratio::of(&long, &fixed);
    let mut out = format!(
        "From the signal to the return, {load} workers each in the middle of a sync of 2 to \
         8 ms: `long-arm` {}, `fixed` {} (means, 95% confidence intervals): a sync left inside \
         the branch makes the shutdown take **{}** as long (intervals {}); it waits for the \
         longest sync to end.",
        time_with_interval(long.point, long.lower, long.upper),
        time_with_interval(fixed.point, fixed.lower, fixed.upper),
        r.with_range(),
        r.separation()
    );
    if let Ok(idle) = idle
        && let (Some(anti), Some(fixed)) = (per(idle, "anti"), per(idle, "fixed"))
    {
        let a = Ratio::of(&anti, &fixed);
        let _ = write!(
            out,
            " With every worker waiting, the one case where the anti-pattern stops at all, it \
             takes {} against `fixed`'s {}: {} ({}). What it costs is not time: it is the \
             shutdowns that never end.",
            time(anti.point),
            time(fixed.point),
            ratio(a.point),
            a.separation()
        );
    }
    out.push('\n');
    out
}

/// The fix against its floor.
pub fn limit(idle: &anyhow::Result<Group>) -> String {
    let group = match idle {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let rows = limit::rows(group);
    let mut out = String::from(
        "`fixed` against `limit` (the bare token round trip: `cancel()` wakes as many parked \
         tasks, each joined), idle workers, from the signal to the return:\n\n",
    );
    out.push_str(&limit::table(&rows, "workers"));
    if rows.is_empty() {
        out.push_str("\nNo load has both `fixed` and `limit`.\n");
        return out;
    }
    let far: Vec<String> = rows
        .iter()
        .filter(|row| row.far())
        .map(|row| format!("{} at {} workers", ratio(row.ratio.point), row.load))
        .collect();
    // What `fixed` does beyond the round trip, as both branches below name it.
    let extra = "the signal's own hop (the `Notify` wakes the supervisor, which then cancels), \
                 each worker's flush, and the `TaskTracker`'s count of finished tasks";
    if far.is_empty() {
        let _ = write!(
            out,
            "\nAt every load `fixed` is within {FAR}× of the bare round trip; the rest is {extra}."
        );
    } else {
        let _ = write!(
            out,
            "\n`fixed` takes {} its floor: the rest is {extra}. The hop is the price of hearing \
             an edge-triggered signal once and turning it into a state; it costs one task wake-up, \
             paid once per shutdown.",
            far.join(", ")
        );
    }
    out.push('\n');
    out
}
