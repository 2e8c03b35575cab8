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
use evidence::limit::{self, FAR};
use evidence::number::{percent, ratio, time};

/// What the load of the `throughput` group counts, for the table's first column.
const LOAD: &str = "tasks";

/// The table and the reading; a missing group is a sentence, not a failed probe.
pub fn render(throughput: &anyhow::Result<Group>, uncontended: &anyhow::Result<Group>) -> String {
    let group = match throughput {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let mut out = String::from(
        "`fixed` against `limit`, time per deposit (means, 95% confidence intervals):\n\n",
    );
    let rows = limit::rows(group);
    out.push_str(&limit::table(&rows, LOAD));
    let Some(last) = rows.last() else {
        return format!(
            "`{}` has no `fixed` and `limit` at the same load.\n",
            group.id
        );
    };
    let (load, f, l, r) = (last.load.as_str(), last.fixed, last.limit, last.ratio);
    // One std lock and unlock, from the bench that times nothing else; a deposit takes two.
    let locks = uncontended
        .as_ref()
        .ok()
        .and_then(|g| g.get("fixed", "1"))
        .map(|m| 2.0 * m.headline().point);
    let _ = write!(
        out,
        "\nAt {load} tasks `fixed` takes **{}** its limit's time per deposit ({} against {}). ",
        ratio(r.point),
        time(f),
        time(l)
    );
    let far: Vec<String> = rows
        .iter()
        .filter(|row| row.far())
        .map(|row| {
            format!(
                "{} at {} tasks, {} more per deposit",
                ratio(row.ratio.point),
                row.load,
                time(row.fixed - row.limit)
            )
        })
        .collect();
    let locks_cost = |locks: f64| {
        format!(
            "its two locks per deposit cost {} (twice one std lock in the `uncontended` group)",
            time(locks)
        )
    };
    match (far.is_empty(), locks) {
        (true, Some(locks)) => {
            let _ = write!(
                out,
                "At every load it is within {FAR}× of what no ledger can beat: the round trip is \
                 the cost, and {}, {} of a deposit's time at {load} tasks.",
                locks_cost(locks),
                percent(locks / f)
            );
        }
        (true, None) => {
            let _ = write!(
                out,
                "At every load it is within {FAR}× of what no ledger can beat: the round trip is \
                 the cost."
            );
        }
        (false, locks) => {
            let _ = write!(
                out,
                "Where it is more than {FAR}× its floor ({}): {} The rest is the ledger's \
                 work around the round trip (copying out, a second poll of every task after its round trip), \
                 which this bench does not time apart.",
                far.join("; "),
                match locks {
                    Some(locks) => format!("Of that, {}.", locks_cost(locks)),
                    None => "No `uncontended` timings price the locks in this run.".into(),
                }
            );
        }
    }
    let limit = group.get("limit", load).map(|m| m.headline());
    let others: Vec<String> = group
        .variants()
        .into_iter()
        .filter(|v| !matches!(*v, "fixed" | "limit"))
        .filter_map(|v| {
            let (m, limit) = (group.get(v, load)?, limit.as_ref()?);
            Some(format!(
                "`{v}` {}",
                Ratio::of(&m.headline(), limit).with_range()
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
