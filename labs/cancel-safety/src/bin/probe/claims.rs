//! The verdicts on the guides' claims, and the fix against its limit, from this run.

use cancel_safety::Variant;
use evidence::limit::{self, FAR};
use evidence::number::{count, percent, time};
use evidence::{Group, Probe, Ratio, Verdict};

use crate::lost::{COMMAND, Rate, Splits};

/// The tick rate the claims quote: a keep-alive every 10 ms.
const QUOTED_PERIOD_MS: u128 = 10;

pub fn write(probe: &Probe, splits: &[Splits], rates: &[Rate]) -> anyhow::Result<()> {
    let split = |variant: Variant| {
        splits
            .iter()
            .find(|s| s.variant == variant)
            .expect("every variant was split")
    };
    let quoted = |variant: Variant| {
        rates
            .iter()
            .find(|r| r.variant == variant && r.period.as_millis() == QUOTED_PERIOD_MS)
            .expect("every variant at the quoted rate")
    };
    let fixes_lost: usize = Variant::fixes().map(|v| quoted(v).loss.bytes_lost).sum();
    let fix_splits_torn: usize = Variant::fixes().map(|v| split(v).torn).sum();
    let anti = quoted(Variant::Anti);
    probe.write_claims(|id| match id {
        "other-branches-cancelled" => Some(if anti.loss.bytes_lost > 0 && fixes_lost == 0 {
            Verdict::explained(
                format!(
                    "At {} ticks/s over {:.0} s of split commands, {} of `anti`'s {} ticks \
                     fell while a command was half-read, and each of those cancelled reads took \
                     its command's first piece with it: {} bytes. The other ticks cancelled \
                     reads that held nothing yet, at no cost. The four fixes' reads were \
                     cancelled by the same ticks and lost {} bytes.",
                    anti.ticks_per_second(),
                    anti.seconds,
                    count(anti.loss.torn() as u64),
                    count(anti.ticks),
                    count(anti.loss.bytes_lost as u64),
                    count(fixes_lost as u64)
                ),
                "Misleading.",
                "Cancelled means dropped, with everything the future had done so far. That is \
                 harmless only for a branch that keeps its progress outside the future.",
            )
        } else {
            Verdict::new(
                format!(
                    "`anti` lost {} bytes, the fixes {}: the tear was not reproduced here.",
                    anti.loss.bytes_lost, fixes_lost
                ),
                "Not reproduced",
            )
        }),
        "read-line-in-select-is-fine" => {
            let (a, k) = (split(Variant::Anti), split(Variant::KeptBuffer));
            Some(if a.torn > 0 {
                Verdict::explained(
                    format!(
                        "`{COMMAND}` cut at each of its {} split points, a tick between the \
                         pieces: `read_line` tore it {} times (into a `String` kept outside \
                         the loop: {}), losing {} bytes; the fixes tore it {} times. At {} \
                         ticks/s, {:.1} commands per second arrived torn.",
                        a.tried,
                        a.torn,
                        k.torn,
                        a.bytes_lost,
                        fix_splits_torn,
                        anti.ticks_per_second(),
                        anti.torn_per_second()
                    ),
                    "False.",
                    "Tokio documents `read_line` as not cancel safe; its partial line lives in \
                     the future that the tick drops.",
                )
            } else {
                Verdict::new(
                    "`read_line` delivered every split intact here.",
                    "Not reproduced",
                )
            })
        }
        _ => None,
    })
}

/// What the fix costs against the anti-pattern, and the reader task against the fix: the
/// bench's two comparisons, one row per load, each ratio with its range and whether the
/// confidence intervals separate.
pub fn render_cost(throughput: Option<&Group>) -> String {
    let Some(group) = throughput else {
        return NO_RESULTS.to_string();
    };
    let mut out = String::from(
        "| pipe bytes | `fixed` / `anti` | CIs | `reader-task` / `fixed` | CIs |\n\
         | ---: | ---: | --- | ---: | --- |\n",
    );
    let ratio = |a: &str, b: &str, load: &str| {
        Some(Ratio::of(
            &group.get(a, load)?.headline(),
            &group.get(b, load)?.headline(),
        ))
    };
    for load in group.loads() {
        let (Some(fix), Some(task)) = (
            ratio("fixed", "anti", load),
            ratio("reader-task", "fixed", load),
        ) else {
            continue;
        };
        out.push_str(&format!(
            "| {load} | {} | {} | {} | {} |\n",
            fix.with_range(),
            fix.separation(),
            task.with_range(),
            task.separation()
        ));
    }
    out.push_str(
        "\nTime per line, from criterion's means and 95% confidence intervals; a ratio above \
         1× means the first variant takes longer.",
    );
    // The reading, worded from this run's intervals rather than typed.
    let mut same = Vec::new();
    let mut differ = Vec::new();
    for load in group.loads() {
        if let Some(fix) = ratio("fixed", "anti", load) {
            if fix.separated {
                let way = if fix.point > 1.0 { "slower" } else { "faster" };
                differ.push(format!("{way} at {load} bytes ({fix})"));
            } else {
                same.push(format!("{load} bytes"));
            }
        }
    }
    if !same.is_empty() {
        out.push_str(&format!(
            " At {}, `fixed` and `anti` cannot be told apart: the cancel-safe read costs \
             nothing this bench can measure.",
            same.join(" and ")
        ));
    }
    if !differ.is_empty() {
        out.push_str(&format!(
            " `fixed` is measurably {} than `anti`.",
            differ.join(", and ")
        ));
    }
    out
}

const NO_RESULTS: &str =
    "No criterion results for `cancel-safety/throughput`; run `cargo xtask book cancel-safety`.";

/// `fixed` against the bench's `limit` row, with what the distance is made of.
pub fn render_limit(throughput: Option<&Group>) -> String {
    let Some(group) = throughput else {
        return NO_RESULTS.to_string();
    };
    let rows = limit::rows(group);
    let mut out = limit::table(&rows, "pipe bytes");
    for row in &rows {
        let task = group.get("reader-task", &row.load).map(|m| {
            Ratio::of(
                &m.headline(),
                &group.get("limit", &row.load).expect("paired").headline(),
            )
        });
        let task = task.map_or_else(String::new, |t| {
            format!(" `reader-task` is {} from the same limit.", t.with_range())
        });
        // What `fixed` adds to the bare read, per line: the `select!` built and the tick's
        // timer polled on every trip round the loop.
        let extra = row.fixed - row.limit;
        let share = extra / row.fixed;
        let reading = format!(
            "At {} bytes per pipe, reading a line costs {} on its own and `fixed` adds {} to \
             it ({} of its time): building the `select!` and polling the tick on every trip \
             round the loop, once per line when the line is already buffered, once per piece \
             when it is not.{}",
            row.load,
            time(row.limit),
            time(extra.max(0.0)),
            percent(share.max(0.0)),
            if row.far() {
                format!(
                    " That is more than {FAR}× the limit because the read itself is so cheap \
                     here: the loop's cost per line is fixed, the read's shrinks with larger \
                     reads."
                )
            } else {
                String::new()
            }
        );
        out.push_str(&format!("\n{reading}{task}\n"));
    }
    out
}
