//! `shutdowns.md`: every service, shut down at many instants with several branch orders.

use std::fmt::Write as _;
use std::time::Duration;

use evidence::Variants;
use graceful_shutdown::{Config, Outcome, Scenario, Variant};

/// The signal lands every `STEP` over the first `SPAN` of the service's life ...
pub const SPAN: Duration = Duration::from_millis(3_000);
/// ... at this spacing (prime, so that it falls at every phase of the 100 ms tick) ...
pub const STEP: Duration = Duration::from_millis(13);
/// ... each instant with this many seeds of `select!`'s random branch order.
pub const SEEDS: u64 = 4;

/// What one service did over the sweep.
#[derive(Debug, Clone)]
pub struct Tally {
    pub variant: Variant,
    pub runs: usize,
    pub clean: usize,
    pub hung: usize,
    /// Returned, but some worker's flush was skipped.
    pub unflushed: usize,
    pub panicked: usize,
    /// The slowest return after the signal.
    pub slowest: Duration,
}

/// Every schedule of the sweep.
pub fn schedules() -> impl Iterator<Item = (Scenario, u64)> {
    let steps = SPAN.as_millis() / STEP.as_millis();
    (1..=steps as u32).flat_map(|i| {
        (0..SEEDS).map(move |seed| {
            let scenario = Scenario {
                config: Config::USUAL,
                signal_at: STEP * i,
            };
            (scenario, seed)
        })
    })
}

/// Runs `variant` over every schedule.
pub fn tally(variant: Variant) -> Tally {
    let mut tally = Tally {
        variant,
        runs: 0,
        clean: 0,
        hung: 0,
        unflushed: 0,
        panicked: 0,
        slowest: Duration::ZERO,
    };
    for (scenario, seed) in schedules() {
        let shutdown = variant.shutdown_paused(scenario, seed);
        tally.runs += 1;
        match shutdown.outcome {
            Outcome::Returned(latency) => {
                tally.slowest = tally.slowest.max(latency);
                if shutdown.is_clean() {
                    tally.clean += 1;
                } else {
                    tally.unflushed += 1;
                }
            }
            Outcome::Hung => tally.hung += 1,
            Outcome::Panicked(_) => tally.panicked += 1,
        }
    }
    tally
}

/// Every variant over the sweep, in the usual order.
pub fn all() -> Vec<Tally> {
    Variant::all().iter().map(|&v| tally(v)).collect()
}

fn percent(part: usize, whole: usize) -> String {
    if part == 0 {
        "0".into()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// The table: one row per variant.
pub fn table(tallies: &[Tally]) -> String {
    let runs = tallies.first().map_or(0, |t| t.runs);
    let config = Config::USUAL;
    let mut out = format!(
        "{} workers syncing every {} ms (syncs of {} to {} ms); the signal at every {} ms of \
         the first {} s, each instant with {SEEDS} seeds of `select!`'s branch order: {runs} \
         shutdowns per service, on paused time. *Hung*: not returned {} s after the signal.\n\n",
        config.workers,
        config.tick.as_millis(),
        config.job.as_millis() / 2,
        config.job.as_millis() * 2,
        STEP.as_millis(),
        SPAN.as_secs(),
        Scenario {
            config,
            signal_at: SPAN
        }
        .hang()
        .as_secs(),
    );
    out.push_str("| variant | clean | hung | flush skipped / panicked | slowest stop |\n");
    out.push_str("| --- | ---: | ---: | ---: | ---: |\n");
    for t in tallies {
        let broken = if t.panicked > 0 {
            format!("{} panicked", percent(t.panicked, t.runs))
        } else {
            percent(t.unflushed, t.runs)
        };
        let slowest = if t.clean + t.unflushed == 0 {
            "—".to_string()
        } else {
            format!("{} ms", t.slowest.as_millis())
        };
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {broken} | {slowest} |",
            t.variant,
            percent(t.clean, t.runs),
            percent(t.hung, t.runs),
        );
    }
    out
}
