//! `rate.md`: requests in the busiest second, against the API's quota.

use std::fmt::Write as _;
use std::time::Duration;

use unbounded_concurrency::rate::most_in_window;
use unbounded_concurrency::{
    Bounds, Latency, Outcome, Scenario, Variant, Variants, paused_runtime,
};

/// Ids in the job.
pub const INPUTS: usize = 100;
/// The server's latency per item.
pub const LATENCY: Duration = Duration::from_millis(10);

/// One run, with the bounds it had.
#[derive(Debug, Clone)]
pub struct Row {
    /// The bounds of the job (the governor rows differ in burst).
    pub bounds: Bounds,
    /// What the server saw.
    pub outcome: Outcome,
}

/// Every variant, and `governor` a second time with `Quota::per_second`'s burst.
pub fn measure() -> anyhow::Result<Vec<Row>> {
    let runtime = paused_runtime();
    let usual = Bounds::USUAL;
    let mut runs: Vec<(Variant, Bounds)> = Variant::all().iter().map(|&v| (v, usual)).collect();
    runs.push((
        Variant::Governor,
        Bounds {
            burst: usual.per_second,
            ..usual
        },
    ));
    let mut rows = Vec::new();
    for (variant, bounds) in runs {
        let scenario = Scenario {
            bounds,
            ..Scenario::new(INPUTS, Latency::fixed(LATENCY))
        };
        let outcome = runtime.block_on(scenario.run(variant, None))?;
        anyhow::ensure!(outcome.all_answered, "{variant}: {outcome:?}");
        rows.push(Row { bounds, outcome });
    }
    Ok(rows)
}

/// The row's name: the variant, and its burst where it has one.
pub fn label(row: &Row) -> String {
    match row.outcome.variant {
        Variant::Governor => format!("`governor`, burst {}", row.bounds.burst),
        v => format!("`{}`", v.name()),
    }
}

/// The table, five narrow columns.
pub fn table(rows: &[Row]) -> String {
    let usual = Bounds::USUAL;
    let mut out = format!(
        "A job of {INPUTS} ids, {} ms per item, cap {}, against an API whose quota is {} \
         requests in any second (paused clock: exact):\n\n\
         | variant | peak in flight | busiest second | quota kept | job took |\n\
         | --- | ---: | ---: | --- | ---: |\n",
        LATENCY.as_millis(),
        usual.in_flight,
        usual.per_second
    );
    for row in rows {
        let o = &row.outcome;
        let kept = if o.busiest_second <= usual.per_second as usize {
            "yes".to_string()
        } else {
            format!(
                "no, {:.1}×",
                o.busiest_second as f64 / usual.per_second as f64
            )
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {kept} | {} ms |",
            label(row),
            o.counts.peak_in_flight,
            o.busiest_second,
            o.makespan.as_millis()
        );
    }
    let _ = writeln!(
        out,
        "\n*busiest second*: the most arrivals the server stamped within one window of a second \
         (a sliding window, not calendar seconds). GCRA with a burst of `b` lets at most \
         `b + {} - 1` requests start in any second at {} a second: {} with a burst of 1, {} with \
         `Quota::per_second({})`'s burst of {}.",
        usual.per_second,
        usual.per_second,
        most_in_window(usual.per_second, 1, Duration::from_secs(1)),
        most_in_window(usual.per_second, usual.per_second, Duration::from_secs(1)),
        usual.per_second,
        usual.per_second,
    );
    out
}
