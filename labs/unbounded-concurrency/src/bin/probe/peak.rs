//! `peak.md` and `footprint.md`: what each variant puts on the server as the job grows.

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use evidence::number::{count, mib};
use unbounded_concurrency::{Latency, Outcome, Scenario, Variant, Variants, paused_runtime};

use crate::ALLOCATOR;

/// The job's sizes measured.
pub const INPUTS: [usize; 5] = [10, 30, 100, 300, 1_000];
/// The server's latency per item.
pub const LATENCY: Duration = Duration::from_millis(10);

/// One variant at one size.
#[derive(Debug, Clone)]
pub struct Row {
    /// What the server saw.
    pub outcome: Outcome,
    /// The heap in use (client and server, one process) at its highest arrival, above the heap
    /// before the job.
    pub heap: usize,
}

/// Every variant at every size, on the paused clock.
pub fn measure() -> anyhow::Result<Vec<Row>> {
    let runtime = paused_runtime();
    let mut rows = Vec::new();
    for &inputs in &INPUTS {
        for &variant in Variant::all() {
            let highest = Arc::new(AtomicUsize::new(0));
            let hook = {
                let highest = Arc::clone(&highest);
                Arc::new(move || {
                    highest.fetch_max(ALLOCATOR.allocated(), Ordering::Relaxed);
                })
            };
            let before = ALLOCATOR.allocated();
            let scenario = Scenario::new(inputs, Latency::fixed(LATENCY));
            let outcome = runtime.block_on(scenario.run(variant, Some(hook)))?;
            anyhow::ensure!(outcome.all_answered, "{variant} at {inputs}: {outcome:?}");
            rows.push(Row {
                outcome,
                heap: highest.load(Ordering::Relaxed).saturating_sub(before),
            });
        }
    }
    Ok(rows)
}

/// The row of `variant` at `inputs`.
pub fn find(rows: &[Row], variant: Variant, inputs: usize) -> Option<&Row> {
    rows.iter()
        .find(|r| r.outcome.variant == variant && r.outcome.inputs == inputs)
}

/// Peak in flight, variants down, sizes across (six narrow columns).
pub fn table(rows: &[Row]) -> String {
    let mut out = format!(
        "The most requests the loopback server had in flight at once, for jobs of 10 to 1 000 \
         ids, each answered after {} ms, with a cap of 8 (paused clock: exact):\n\n| variant |",
        LATENCY.as_millis()
    );
    for inputs in INPUTS {
        let _ = write!(out, " {} ids |", count(inputs as i64));
    }
    out.push_str("\n| --- |");
    out.push_str(&" ---: |".repeat(INPUTS.len()));
    out.push('\n');
    for &variant in Variant::all() {
        let _ = write!(out, "| `{variant}` |");
        for inputs in INPUTS {
            match find(rows, variant, inputs) {
                Some(row) => {
                    let _ = write!(
                        out,
                        " {} |",
                        count(row.outcome.counts.peak_in_flight as i64)
                    );
                }
                None => out.push_str(" – |"),
            }
        }
        out.push('\n');
    }
    out.push_str(
        "\n`governor` stays under the cap because its quota (20 a second) starts one request \
         every 50 ms, and each is over in 10.\n",
    );
    out
}

/// At the largest size: connections, heap and the job's time.
pub fn footprint(rows: &[Row]) -> String {
    let inputs = *INPUTS.last().expect("sizes");
    let mut out = format!(
        "A job of {} ids, {} ms per item, cap 8: connections the server accepted, the heap in \
         use at the job's highest arrival (client and server share the process; above the heap \
         before the job), and the job's time on the paused clock:\n\n\
         | variant | peak in flight | connections | heap at peak | job took |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
        count(inputs as i64),
        LATENCY.as_millis()
    );
    for &variant in Variant::all() {
        if let Some(row) = find(rows, variant, inputs) {
            let o = &row.outcome;
            let _ = writeln!(
                out,
                "| `{variant}` | {} | {} | {} | {} ms |",
                count(o.counts.peak_in_flight as i64),
                count(o.counts.connections as i64),
                mib(row.heap as f64),
                count(o.makespan.as_millis() as i64),
            );
        }
    }
    out.push_str(
        "\nThe unbounded variants finish first: against a server that never slows down, more \
         at once is faster. What they cost is on the other columns, and on a real API it is the \
         server's to pay.\n",
    );
    out
}
