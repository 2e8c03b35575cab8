//! Verdicts on the claims that guides make about channels and slow consumers.
//!
//! Each verdict is computed here from this run's measurements, never typed. The table itself
//! is the lab kit's ([`Probe::write_claims`]): a claim the catalogue lists but this file does
//! not know gets a row saying so, so a new claim cannot be skipped silently.

use evidence::number::{bytes, count, duration, three_digits};
use evidence::{Probe, Verdict};
use unbounded_channels::Variant;

use crate::tables::{Setup, per_second};
use crate::timeline::Run;

/// Writes `claims.md`, one verdict per claim of the catalogue entry.
pub fn write(probe: &Probe, runs: &[Run], setup: &Setup) -> anyhow::Result<()> {
    probe.write_claims(|id| match id {
        "bounded-producer-slows" => Some(bounded_producer_slows(runs, setup)),
        "unbounded-memory-grows" => Some(unbounded_memory_grows(runs)),
        _ => None,
    })
}

fn find(runs: &[Run], variant: Variant) -> Option<&Run> {
    runs.iter().find(|r| r.outcome.variant == variant)
}

/// Events per second the producer actually sent.
fn send_rate(run: &Run) -> f64 {
    run.outcome.arrived as f64 / run.outcome.arrivals_took.as_secs_f64().max(1e-9)
}

fn bounded_producer_slows(runs: &[Run], setup: &Setup) -> Verdict {
    let (Some(fixed), Some(anti)) = (find(runs, Variant::Fixed), find(runs, Variant::Anti)) else {
        return Verdict::not_measured("no runs of `fixed` and `anti`");
    };
    let (fixed_rate, anti_rate) = (send_rate(fixed), send_rate(anti));
    let fixed_consumer = fixed.outcome.delivered as f64 / fixed.outcome.took.as_secs_f64();
    let measured = format!(
        "events arrived at {}. `fixed` sent {}, the pace its consumer handled them at \
         ({}), and its last send came {} after that event's arrival; `anti` sent {}, {} \
         behind.",
        per_second(setup.offered_rate()),
        per_second(fixed_rate),
        per_second(fixed_consumer),
        duration(fixed.outcome.producer_lag),
        per_second(anti_rate),
        duration(anti.outcome.producer_lag),
    );
    let slowed = fixed_rate < 0.8 * setup.offered_rate();
    let behind = fixed.outcome.producer_lag > 10 * anti.outcome.producer_lag;
    if slowed && behind {
        Verdict::explained(
            measured,
            "True:",
            "the producer waits, and the backlog moves upstream.",
        )
    } else if slowed {
        Verdict::explained(
            measured,
            "Partly:",
            "it sent slower, but fell no further behind than the unbounded producer.",
        )
    } else {
        Verdict::new(measured, "Not observed here")
    }
}

fn unbounded_memory_grows(runs: &[Run]) -> Verdict {
    let (Some(anti), Some(fixed)) = (find(runs, Variant::Anti), find(runs, Variant::Fixed)) else {
        return Verdict::not_measured("no runs of `anti` and `fixed`");
    };
    let (growth, r2) = anti.heap_growth();
    let (fixed_growth, _) = fixed.heap_growth();
    let measured = format!(
        "`anti`'s heap grew by {}/s (a straight line: R² {}) to {} with {} events queued{}; \
         `fixed` peaked at {} ({}/s).",
        bytes(growth),
        three_digits(r2),
        bytes(anti.peak_heap() as f64),
        count(anti.outcome.max_queued),
        if anti.outcome.stopped_at_cap {
            ", when the run hit its cap and stopped"
        } else {
            ", when the arrivals ended"
        },
        bytes(fixed.peak_heap() as f64),
        bytes(fixed_growth),
    );
    let grows = growth > 1024.0 * 1024.0 && r2 > 0.9;
    let dwarfs = anti.peak_heap() > 10 * fixed.peak_heap().max(1);
    if grows && dwarfs {
        Verdict::explained(
            measured,
            "True for as long as the overload lasts:",
            "linear, with no limit in sight.",
        )
    } else if growth > 0.0 && dwarfs {
        Verdict::explained(measured, "True,", "though not in a straight line here.")
    } else {
        Verdict::new(measured, "Not observed here")
    }
}
