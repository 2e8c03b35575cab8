//! `headline.md` and `limit.md`: what criterion measured in the `sync-job` group.

use std::fmt::Write as _;

use evidence::Ratio;
use evidence::criterion::Group;
use evidence::limit::{self, FAR};
use evidence::number::{ratio, time_with_interval};

/// Anti against fixed at every concurrency measured, time per request.
pub fn headline(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings: {err:#}.\n"),
    };
    let mut out = String::from(
        "Time per GET in the sync job (means, 95% confidence intervals), a client per \
         request against one shared client:\n\n\
         | in flight | `anti` | `fixed` | anti / fixed | CIs |\n\
         | ---: | ---: | ---: | ---: | --- |\n",
    );
    let mut any = false;
    for load in group.loads() {
        let (Some(anti), Some(fixed)) = (group.get("anti", load), group.get("fixed", load)) else {
            continue;
        };
        let (anti, fixed) = (
            anti.mean_per_element().unwrap_or_else(|| anti.headline()),
            fixed.mean_per_element().unwrap_or_else(|| fixed.headline()),
        );
        let r = Ratio::of(&anti, &fixed);
        any = true;
        let _ = writeln!(
            out,
            "| {load} | {} | {} | {} | {} |",
            time_with_interval(anti.point, anti.lower, anti.upper),
            time_with_interval(fixed.point, fixed.lower, fixed.upper),
            r.with_range(),
            r.separation()
        );
    }
    if !any {
        return "The `sync-job` group has no `anti` and `fixed` at one load.\n".into();
    }
    out
}

/// The fix against the hand-written HTTP/1.1 floor.
pub fn limit(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let rows = limit::rows(group);
    let mut out = String::from(
        "`fixed` against `limit` (the same GETs written by hand over kept-alive connections, \
         no client library), time per GET:\n\n",
    );
    out.push_str(&limit::table(&rows, "in flight"));
    let far: Vec<String> = rows
        .iter()
        .filter(|row| row.far())
        .map(|row| format!("{} at {} in flight", ratio(row.ratio.point), row.load))
        .collect();
    if rows.is_empty() {
        out.push_str("\nNo load has both `fixed` and `limit`.\n");
    } else if far.is_empty() {
        let _ = writeln!(
            out,
            "\nAt every load `fixed` is within {FAR}× of the floor."
        );
    } else {
        let _ = writeln!(
            out,
            "\n`fixed` takes {} the floor's time. The rest is the client library, not the network: for \
             each request reqwest builds a `Request` (URL parsing, a header map), hyper's client \
             checks a connection out of its pool through a lock and hands the request to the \
             connection's own task (a task wake-up each way, which `limit` does not have: it \
             writes and reads from the caller's task), and parses the response into a header \
             map. None of it grows with the network's latency, which `limit` pays in full.",
            far.join(", ")
        );
    }
    out
}
