//! `headline.md` and `limit.md`: what criterion measured in the `deliver` group.
//!
//! The headline: one queue per subscriber (`fan-out`) against one ring (`fixed`), per event
//! sent, at the most subscribers measured, with both 95% confidence intervals; and `anti`
//! against `fixed`, the same loop while nothing lags. The limit: a bare `broadcast` whose
//! subscribers only count ([`broadcast_lagged::limit`]).

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
        return "The `deliver` group has no load.\n".into();
    };
    let per = |variant: &str| group.get(variant, &load).map(|m| m.headline());
    let (Some(fan_out), Some(fixed)) = (per("fan-out"), per("fixed")) else {
        return format!("No `fan-out` and `fixed` at {load} subscribers.\n");
    };
    let r = Ratio::of(&fan_out, &fixed);
    let mut out = format!(
        "Per event sent to {load} subscribers that keep up: `fixed` (one `broadcast` ring) {}, \
         `fan-out` (one bounded `mpsc` queue each) {} (means, 95% confidence intervals): \
         delivering every event by queueing it per subscriber costs **{}** the ring's time \
         (intervals {}).",
        time_with_interval(fixed.point, fixed.lower, fixed.upper),
        time_with_interval(fan_out.point, fan_out.lower, fan_out.upper),
        r.with_range(),
        r.separation()
    );
    if let Some(anti) = per("anti") {
        let a = Ratio::of(&anti, &fixed);
        // While nothing lags, the two loops run the same code for every event (`recv`, the
        // push, the handler): any difference is the shared machine's, not theirs.
        let reading = if a.separated {
            "the intervals separate although, while nothing lags, the two run the very same \
             code for every event (one `recv`, one push, the handler): read it as this run's \
             noise, the size of the difference this machine makes between identical loops"
        } else {
            "the intervals overlap: while nothing lags the two run the same code for every \
             event, so the fix costs nothing until the lag it exists for"
        };
        let _ = write!(
            out,
            " `anti` against `fixed`: {} ({reading}).",
            a.with_range()
        );
    }
    if let Some(latest) = per("latest") {
        let l = Ratio::of(&latest, &fixed);
        let _ = write!(
            out,
            " `latest` (a `watch`) costs {} of `fixed` ({}), and its subscribers read only the \
             newest event of each burst.",
            ratio(l.point),
            l.separation()
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
        "`fixed` against `limit` (a bare `broadcast` whose subscribers only count), time per \
         event sent:\n\n",
    );
    out.push_str(&limit::table(&rows, "subscribers"));
    if rows.is_empty() {
        out.push_str("\nNo load has both `fixed` and `limit`.\n");
        return out;
    }
    // What `fixed` does beyond the floor, as both branches below name it.
    let extra = "recording each event in its report (a `Vec` push per subscriber per event) and \
                 building the report; the `recv`, the clone and the wake-ups are the floor's";
    let far: Vec<String> = rows
        .iter()
        .filter(|row| row.far())
        .map(|row| format!("{} at {} subscribers", ratio(row.ratio.point), row.load))
        .collect();
    let below: Vec<String> = rows
        .iter()
        .filter(|row| row.ratio.point < 1.0)
        .map(|row| format!("{} at {} subscribers", ratio(row.ratio.point), row.load))
        .collect();
    if far.is_empty() {
        let _ = write!(
            out,
            "\nAt every load `fixed` is within {FAR}× of the bare channel; what it adds is {extra}."
        );
    } else {
        let _ = write!(
            out,
            "\n`fixed` takes {} its floor's time: the rest is {extra}.",
            far.join(", ")
        );
    }
    if !below.is_empty() {
        let _ = write!(
            out,
            " `fixed` came out *faster* than its floor ({}), which does strictly less per \
             event: that is this run's noise on a shared machine, and a gauge of how far apart \
             two rows must be before the difference is the code's.",
            below.join(", ")
        );
    }
    let gaps: Vec<String> = rows
        .iter()
        .filter(|row| row.ratio.separated && row.fixed > row.limit)
        .map(|row| format!("{} at {}", time(row.fixed - row.limit), row.load))
        .collect();
    if !gaps.is_empty() {
        let _ = write!(out, " Per event: {}.", gaps.join(", "));
    }
    out.push('\n');
    out
}
