//! `limit.md`: the fix against its floor, a bare Tokio bounded channel.
//!
//! The `fast-consumer` bench has a `limit` row (`unbounded_channels::limit`): the same burst
//! through `tokio::sync::mpsc::channel` of the same capacity, with none of the lab's counters
//! and no dispatch over the variants. `fixed` is that channel plus this bookkeeping, so it
//! cannot be faster, and the ratio says what the bookkeeping costs. This fragment gives it at
//! every load measured and, at the highest, what the difference is made of.

use std::fmt::Write as _;

use evidence::criterion::Group;
use evidence::limit::{self, FAR};
use evidence::number::{ratio, time};

/// What the load of the `fast-consumer` group counts, for the table's first column.
const LOAD: &str = "producers";

/// The table and the reading; a missing group is a sentence, not a failed probe.
pub fn render(fast_consumer: &anyhow::Result<Group>) -> String {
    let group = match fast_consumer {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let mut out = String::from(
        "`fixed` against `limit` with a consumer that keeps up, time per event (means, 95% \
         confidence intervals):\n\n",
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
    let _ = write!(
        out,
        "\nWith {}, `fixed` takes **{}** its limit's time per event ({} against {}). ",
        producers(load),
        ratio(r.point),
        time(f),
        time(l)
    );
    let far: Vec<String> = rows
        .iter()
        .filter(|row| row.far())
        .map(|row| {
            format!(
                "{} with {}, {} more per event",
                ratio(row.ratio.point),
                producers(&row.load),
                time(row.fixed - row.limit)
            )
        })
        .collect();
    let reading = if far.is_empty() {
        if r.separated {
            format!(
                "That is within {FAR}× of the bare channel at every load: the lab's bookkeeping \
                 costs {} per event here.",
                time(f - l)
            )
        } else {
            format!(
                "The intervals overlap: this run cannot tell the lab's bookkeeping from the \
                 bare channel, which stays within {FAR}× of it at every load."
            )
        }
    } else {
        format!(
            "Where it is more than {FAR}× its floor ({}), the difference is all the lab's \
             bookkeeping around the same Tokio channel, since the burst, the capacity and the \
             consumer are the same: \
             per event, `accepted` counted on the producer's thread and `received` on the \
             consumer's (two atomic additions on one shared `Counters`), a `reserve` before \
             the send, and the `match` over the variants. It is what lets the probe read the \
             queue's depth from outside; a service that exports a depth gauge pays the same.",
            far.join("; ")
        )
    };
    out.push_str(&reading);
    out.push('\n');
    out
}

/// "1 producer", "4 producers".
fn producers(load: &str) -> String {
    if load == "1" {
        "1 producer".to_string()
    } else {
        format!("{load} producers")
    }
}
