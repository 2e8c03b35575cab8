//! `limit.md`: the fix against its floor, the same round trips with no ledger at all.
//!
//! The `throughput` bench has a `limit` row (`locks_across_await::limit`): the same tasks
//! making the same round trips with no lock, no balance and no actor. No ledger can apply a
//! deposit before its round trip is over, so `limit` is what `fixed` would cost if its
//! bookkeeping were free. This fragment gives the ratio at every load measured and, at the
//! headline load, what the rest costs: the two locks a deposit takes, timed on their own by the
//! `uncontended` group.

use std::fmt::Write as _;

use evidence::Ratio;
use evidence::criterion::Group;
use evidence::number::{percent, ratio, time};

/// Above this, a fix is far enough from its floor that the chapter must say what the rest is.
pub const FAR: f64 = 1.5;

/// The table and the reading; a missing group is a sentence, not a failed probe.
pub fn render(throughput: &anyhow::Result<Group>, uncontended: &anyhow::Result<Group>) -> String {
    let group = match throughput {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let mut out = String::from(
        "`fixed` against `limit`, time per deposit (means, 95% confidence intervals):\n\n\
         | tasks | `fixed` | `limit` | ratio (range) | CIs |\n| ---: | ---: | ---: | ---: | --- |\n",
    );
    let mut headline = None;
    for load in group.loads() {
        let (Some(fixed), Some(limit)) = (group.get("fixed", load), group.get("limit", load))
        else {
            continue;
        };
        let (f, l) = (fixed.headline(), limit.headline());
        let r = Ratio::of(&f, &l);
        let _ = writeln!(
            out,
            "| {load} | {} | {} | {} | {} |",
            time(f.point),
            time(l.point),
            r.with_range(),
            r.separation()
        );
        headline = Some((load, f, l, r));
    }
    let Some((load, f, l, r)) = headline else {
        return format!(
            "`{}` has no `fixed` and `limit` at the same load.\n",
            group.id
        );
    };
    // One std lock and unlock, from the bench that times nothing else; a deposit takes two.
    let locks = uncontended
        .as_ref()
        .ok()
        .and_then(|g| g.get("fixed", "1"))
        .map(|m| 2.0 * m.headline().point);
    let extra = f.point - l.point;
    let _ = write!(
        out,
        "\nAt {load} tasks `fixed` takes **{}** its limit's time per deposit ({} against {}). ",
        ratio(r.point),
        time(f.point),
        time(l.point)
    );
    let locks_sentence = |locks: f64| {
        format!(
            "its two locks per deposit cost {} (twice one std lock in the `uncontended` group)",
            time(locks)
        )
    };
    match (r.point > FAR, locks) {
        (false, Some(locks)) => {
            let _ = write!(
                out,
                "That is within {FAR}× of what no ledger can beat: the round trip is the cost, \
                 and {}, {} of a deposit's time here.",
                locks_sentence(locks),
                percent(locks / f.point)
            );
        }
        (false, None) => {
            let _ = write!(
                out,
                "That is within {FAR}× of what no ledger can beat: the round trip is the cost."
            );
        }
        (true, Some(locks)) => {
            let _ = write!(
                out,
                "That is more than {FAR}×: {} more per deposit. Of that, {}; the remaining {} \
                 is the rest of the ledger's work around the round trip (copying out, a second \
                 poll of every task after its round trip), which this bench does not time apart.",
                time(extra),
                locks_sentence(locks),
                time((extra - locks).max(0.0))
            );
        }
        (true, None) => {
            let _ = write!(
                out,
                "That is more than {FAR}×: {} more per deposit, which this run cannot split \
                 (no `uncontended` timings to price the locks).",
                time(extra)
            );
        }
    }
    let others: Vec<String> = group
        .variants()
        .into_iter()
        .filter(|v| !matches!(*v, "fixed" | "limit"))
        .filter_map(|v| {
            let m = group.get(v, load)?;
            Some(format!(
                "`{v}` {}",
                Ratio::of(&m.headline(), &l).with_range()
            ))
        })
        .collect();
    if !others.is_empty() {
        let _ = write!(
            out,
            " The other variants at {load} tasks, against the same limit: {}.",
            others.join(", ")
        );
    }
    out.push('\n');
    out
}
