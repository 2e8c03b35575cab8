//! The tables of every variant under the same steady load: what the heartbeat felt
//! (`heartbeat.md`) and what tokio-metrics' task monitors saw (`metrics.md`).

use std::fmt::Write as _;
use std::time::Duration;

use blocking_in_async::experiments::{Setup, VariantRun};
use blocking_in_async::work::Calibrated;
use blocking_in_async::{Flavor, Variant, Variants, Work};
use evidence::number::{count, duration, percent, ratio, three_digits};

/// The run of `variant` on `flavor`, if it could run there.
fn find(runs: &[VariantRun], variant: Variant, flavor: Flavor) -> Option<&VariantRun> {
    runs.iter()
        .find(|r| r.variant == variant && r.flavor == flavor)
}

/// `a / b`, or a dash when `b` is zero.
fn ratio_of(a: Duration, b: Duration) -> String {
    if b.is_zero() {
        return "—".to_string();
    }
    ratio(a.as_secs_f64() / b.as_secs_f64())
}

/// One table per runtime flavour: lateness and throughput of every variant, by kind of work.
pub fn heartbeat(runs: &[VariantRun], setup: &Setup, calibrated: &Calibrated) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} connections send requests back to back for {} per variant; every request costs \
         about a millisecond of its kind of work on this machine ({} rounds of CPU, a {} KiB \
         file, a {} pause). The heartbeat aims to wake every millisecond; lateness is how \
         long after each deadline it actually ran, counting the deadlines it missed entirely. \
         \"vs anti\" compares with the anti-pattern for the same work on the same runtime.\n",
        setup.clients,
        duration(setup.run),
        count(setup.job.rounds),
        count(calibrated.file_bytes() / 1024),
        duration(setup.job.pause),
    );
    for &flavor in Flavor::all() {
        let _ = writeln!(
            out,
            "**{flavor} runtime** ({} worker thread(s))\n",
            flavor.workers()
        );
        out.push_str("| work | variant | p50 | p99 | max | p99 vs anti | requests/s | vs anti |\n");
        out.push_str("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for &work in Work::all() {
            let anti = work.variants()[0];
            let base = find(runs, anti, flavor);
            for variant in work.variants() {
                let Some(run) = find(runs, variant, flavor) else {
                    let _ = writeln!(
                        out,
                        "| {work} | `{variant}` | — | — | — | — | — | panics on this runtime |"
                    );
                    continue;
                };
                let l = &run.steady.lateness;
                let (p99_ratio, tput_ratio) = match base {
                    Some(base) if variant != anti => (
                        ratio_of(l.p99(), base.steady.lateness.p99()),
                        ratio(run.steady.throughput() / base.steady.throughput()),
                    ),
                    _ => ("—".to_string(), "—".to_string()),
                };
                let _ = writeln!(
                    out,
                    "| {work} | `{variant}` | {} | {} | {} | {p99_ratio} | {} | {tput_ratio} |",
                    duration(l.p50()),
                    duration(l.p99()),
                    duration(l.max()),
                    three_digits(run.steady.throughput()),
                );
            }
        }
        out.push('\n');
    }
    out
}

/// What the task monitors saw in the same runs, one row per run.
pub fn metrics(runs: &[VariantRun]) -> String {
    let mut out = String::from(
        "From the same runs. A slow poll is one longer than 50 µs (tokio-metrics' default); \
         the heartbeat's scheduling delay is the time between its timer waking it and a worker \
         polling it.\n\n\
         | runtime | variant | request polls | slow polls | mean poll | heartbeat: mean scheduling delay | heartbeat: delays over 50 µs |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for run in runs {
        let (r, h) = (&run.requests, &run.heartbeat);
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} ({}) | {} | {} | {} |",
            run.flavor,
            run.variant,
            count(r.total_poll_count),
            count(r.total_slow_poll_count),
            percent(r.slow_poll_ratio()),
            duration(r.mean_poll_duration()),
            duration(h.mean_scheduled_duration()),
            count(h.total_long_delay_count),
        );
    }
    out
}
