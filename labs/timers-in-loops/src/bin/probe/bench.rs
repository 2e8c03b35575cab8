//! `headline.md` and `limit.md`: what criterion measured in the `per-message` group.
//!
//! The headline: a timer rebuilt on every turn (`anti`) against one kept (`fixed`), per
//! message, at the largest load measured, with both 95% confidence intervals. The limit: the
//! same `select!` with no timer ([`timers_in_loops::limit`]); the rest of `fixed`'s cost is
//! the poll of its interval on every turn.

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
        return "The `per-message` group has no load.\n".into();
    };
    let per = |variant: &str| group.get(variant, &load).map(|m| m.headline());
    let (Some(anti), Some(fixed)) = (per("anti"), per("fixed")) else {
        return format!("No `anti` and `fixed` at {load} messages.\n");
    };
    let r = Ratio::of(&anti, &fixed);
    let mut out = format!(
        "Per message, with {load} messages in the inbox: `anti` {}, `fixed` {} (means, 95% \
         confidence intervals): a timer built on every turn makes each message cost **{}** \
         as much (intervals {}).",
        time_with_interval(anti.point, anti.lower, anti.upper),
        time_with_interval(fixed.point, fixed.lower, fixed.upper),
        r.with_range(),
        r.separation()
    );
    if let Some(deadline) = per("deadline") {
        let d = Ratio::of(&deadline, &fixed);
        let _ = write!(
            out,
            " `deadline`, correct but also building a timer per turn (`sleep_until`), costs {} \
             of `fixed` ({}).",
            ratio(d.point),
            d.separation()
        );
    }
    if let Some(reset) = per("reset-each-turn") {
        let d = Ratio::of(&reset, &fixed);
        let _ = write!(
            out,
            " `reset-each-turn`, which resets one pinned timer on every turn instead of \
             building one, costs {} of `fixed` ({}).",
            ratio(d.point),
            d.separation()
        );
    }
    out.push('\n');
    out
}

/// The largest load's ratio between the slowest and the fastest of the three variants whose
/// per-message code is identical: a gauge of this run's noise.
fn same_code_spread(group: &Group) -> Option<(String, f64)> {
    let load = group.loads().last()?.to_string();
    let means: Vec<f64> = ["fixed", "delay", "burst"]
        .iter()
        .map(|v| group.get(v, &load).map(|m| m.headline().point))
        .collect::<Option<_>>()?;
    let lo = means.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = means.iter().copied().fold(0.0, f64::max);
    (lo > 0.0).then(|| (load, hi / lo))
}

/// The fix against its floor.
pub fn limit(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let rows = limit::rows(group);
    let mut out = String::from(
        "`fixed` against `limit` (the same `select!` with no timer), time per message:\n\n",
    );
    out.push_str(&limit::table(&rows, "messages"));
    let far: Vec<String> = rows
        .iter()
        .filter(|row| row.far())
        .map(|row| {
            format!(
                "{} its floor's time at {} messages",
                ratio(row.ratio.point),
                row.load
            )
        })
        .collect();
    if rows.is_empty() {
        out.push_str("\nNo load has both `fixed` and `limit`.\n");
        return out;
    }
    // The one extra step of `fixed` on every turn, as both branches below name it.
    let step = "polling its interval's `tick()` on every turn (the task's waker registered \
                again, compared with the one stored, and the entry's state read), where \
                `limit`'s branch returns at once";
    if far.is_empty() {
        // What the interval's poll adds, where the intervals can tell it from nothing.
        let extra: Vec<String> = rows
            .iter()
            .filter(|row| row.ratio.separated && row.fixed > row.limit)
            .map(|row| format!("{} at {} messages", time(row.fixed - row.limit), row.load))
            .collect();
        let cost = if extra.is_empty() {
            "too little for these intervals to tell from nothing".to_string()
        } else {
            extra.join(", ")
        };
        let _ = write!(
            out,
            "\nAt every load `fixed` is within {FAR}× of the loop with no timer. Its one extra \
             step, {step}, costs {cost}."
        );
    } else {
        let _ = write!(
            out,
            "\n`fixed` takes {}: the rest is its one extra step, {step}. That is the price of \
             having a timer at all; what the fix removes is the insertion into the wheel and \
             the removal on every turn (the `anti` and `deadline` rows).",
            far.join(", ")
        );
    }
    if let Some((load, spread)) = same_code_spread(group) {
        let _ = write!(
            out,
            " On this run `fixed`, `delay` and `burst`, which run the very same code for every \
             message (the missed-tick rule acts only on a late tick), came out up to {} apart \
             at {load} messages: a difference smaller than that is the shared machine's noise, \
             not the code's.",
            ratio(spread)
        );
    }
    out.push('\n');
    out
}
