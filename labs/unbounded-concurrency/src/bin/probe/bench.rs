//! `headline.md`, `limit.md` and `overhead.md`: what criterion measured in the lab's groups.

use std::fmt::Write as _;

use evidence::Ratio;
use evidence::criterion::Group;
use evidence::limit::{self, FAR};
use evidence::number::{ratio, time, time_with_interval};

/// Every variant against `fixed` at every load of `fan-out`, time per GET.
pub fn headline(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings: {err:#}.\n"),
    };
    let mut out = String::from(
        "Time per input of a whole job (a fresh client, a cap of 8, a server that answers at \
         once; means and 95% confidence intervals), each variant against `fixed`:\n\n\
         | inputs | variant | per input | / `fixed` | CIs |\n\
         | ---: | --- | ---: | ---: | --- |\n",
    );
    let mut any = false;
    for load in group.loads() {
        let Some(fixed) = group.get("fixed", load).map(|m| m.headline()) else {
            continue;
        };
        for variant in group.variants() {
            if variant == "fixed" || variant == "limit" {
                continue;
            }
            let Some(m) = group.get(variant, load).map(|m| m.headline()) else {
                continue;
            };
            let r = Ratio::of(&m, &fixed);
            any = true;
            let _ = writeln!(
                out,
                "| {load} | `{variant}` | {} | {} | {} |",
                time_with_interval(m.point, m.lower, m.upper),
                r.with_range(),
                r.separation()
            );
        }
        let _ = writeln!(
            out,
            "| {load} | `fixed` | {} | 1× | |",
            time_with_interval(fixed.point, fixed.lower, fixed.upper)
        );
    }
    if !any {
        return "The `fan-out` group has no variant beside `fixed` at one load.\n".into();
    }
    out
}

/// The fix against `k` plain loops.
pub fn limit(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let rows = limit::rows(group);
    let mut out = String::from(
        "`fixed` (`buffer_unordered(8)`) against `limit` (8 plain loops taking the next id from \
         a shared counter, no combinator), time per input:\n\n",
    );
    out.push_str(&limit::table(&rows, "inputs"));
    if rows.is_empty() {
        out.push_str("\nNo load has both `fixed` and `limit`.\n");
        return out;
    }
    let far: Vec<String> = rows
        .iter()
        .filter(|row| row.far())
        .map(|row| format!("{} at {} inputs", ratio(row.ratio.point), row.load))
        .collect();
    if far.is_empty() {
        let _ = writeln!(
            out,
            "\nAt every load `fixed` is within {FAR}× of the floor: the stream's bookkeeping \
             (a `FuturesUnordered` of 8, one wake-up per answer) is small next to an HTTP \
             request."
        );
    } else {
        let _ = writeln!(
            out,
            "\n`fixed` takes {} the floor's time. Both keep 8 requests in flight on one task; \
             what `fixed` adds is `FuturesUnordered`'s: a heap-allocated task node per fetch and \
             a wake-up routed through it per answer, where a plain loop is polled directly.",
            far.join(", ")
        );
    }
    out
}

/// The guides' redundant semaphore, measured where nothing else costs anything.
pub fn overhead(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings: {err:#}.\n"),
    };
    let Some(load) = group.loads().first().map(|l| l.to_string()) else {
        return "The `redundant-semaphore` group has no load.\n".into();
    };
    let at = |variant: &str| group.get(variant, &load).map(|m| m.headline());
    let (Some(fixed), Some(both), Some(bare)) =
        (at("fixed"), at("semaphore-and-buffer"), at("limit"))
    else {
        return format!("No `fixed`, `semaphore-and-buffer` and `limit` at {load} inputs.\n");
    };
    let r = Ratio::of(&both, &fixed);
    format!(
        "{load} inputs whose fetch is one `yield_now()` (no I/O), cap 8, time per input (means, \
         95% confidence intervals): `buffer_unordered(8)` alone {}, with the guides' \
         `Semaphore(8)` inside every future {}: **{}** (intervals {}), so the semaphore adds \
         {} per input, for a bound the stream already kept (its `acquire` never waited). The \
         inputs awaited one after another, no cap at all (`limit`): {}. Next to a request of \
         the `fan-out` group (see the headline) the semaphore's cost is lost in the noise; it \
         is pure overhead all the same.\n",
        time_with_interval(fixed.point, fixed.lower, fixed.upper),
        time_with_interval(both.point, both.lower, both.upper),
        r.with_range(),
        r.separation(),
        time((both.point - fixed.point).max(0.0)),
        time_with_interval(bare.point, bare.lower, bare.upper),
    )
}
