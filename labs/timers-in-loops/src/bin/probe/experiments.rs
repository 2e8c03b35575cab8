//! The paused-time experiments behind the chapter's tables, the plot and the claims.
//!
//! Every run is a [`Scenario`] on a current-thread runtime with a paused clock, so its
//! instants are exact (whole virtual seconds cost microseconds) and the same on every machine:
//! these numbers are counts and instants, not timings.

use std::time::Duration;

use timers_in_loops::scenario::paused_runtime;
use timers_in_loops::{Record, Scenario, Stall, Variant, Variants, Work};

/// The period of the rate sweep and the stall table: one second.
pub const PERIOD: Duration = Duration::from_secs(1);

/// The sweep's message intervals, in ms: from twenty messages a period to one every six
/// periods. None is `1 000 + 1 100 × j` ms, where the anti-pattern's rebuilt sleep (a period,
/// after a tick's tenth-of-a-period action) would fall on the same instant as a message and
/// `select!`'s random branch order would decide the count.
pub const SWEEP_MS: [u64; 14] = [
    50, 100, 200, 500, 800, 950, 1_050, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000, 6_000,
];

/// How long each point of the sweep runs: ten minutes.
pub const SWEEP_RUN: Duration = Duration::from_secs(600);

/// Runs `variant` through `scenario` on a fresh paused runtime.
pub fn record(variant: Variant, scenario: Scenario) -> Record {
    paused_runtime().block_on(variant.record(scenario))
}

/// One point of the rate sweep: ticks per minute at one message interval, per variant.
#[derive(Debug, Clone)]
pub struct RatePoint {
    /// One message every this long; `None`: no message.
    pub every: Option<Duration>,
    /// Ticks per minute, in `Variant::all()` order.
    pub per_minute: Vec<f64>,
}

/// Ticks per minute for every variant at every interval of [`SWEEP_MS`], and with no message.
/// Each tick's action takes a tenth of the period.
pub fn rate_sweep() -> Vec<RatePoint> {
    let intervals = SWEEP_MS
        .iter()
        .map(|&ms| Some(Duration::from_millis(ms)))
        .chain([None]);
    intervals
        .map(|every| {
            let scenario = Scenario {
                period: PERIOD,
                message_every: every,
                run_for: SWEEP_RUN,
                work: Work {
                    each: PERIOD / 10,
                    stall: None,
                },
            };
            let minutes = SWEEP_RUN.as_secs_f64() / 60.0;
            let per_minute = Variant::all()
                .iter()
                .map(|&v| record(v, scenario).ticks_before(SWEEP_RUN) as f64 / minutes)
                .collect();
            RatePoint { every, per_minute }
        })
        .collect()
}

/// The stall experiment: tick 3 (at 3 s) takes 5.5 s, the others a tenth of a second.
pub fn stall_scenario() -> Scenario {
    Scenario {
        period: PERIOD,
        message_every: None,
        run_for: PERIOD * 20,
        work: Work {
            each: PERIOD / 10,
            stall: Some(Stall {
                tick: 3,
                lasts: PERIOD * 11 / 2,
            }),
        },
    }
}

/// The drift experiment: a period of 10 s, an action of 1 s, a thousand periods.
pub const DRIFT_PERIOD: Duration = Duration::from_secs(10);
/// The action's time in the drift experiment.
pub const DRIFT_ACTION: Duration = Duration::from_secs(1);
/// Periods in the drift experiment.
pub const DRIFT_PERIODS: u32 = 1_000;

/// How late the thousandth tick comes, per variant (`None`: fewer than a thousand ticks).
pub fn drift() -> Vec<(Variant, Option<Duration>)> {
    let scenario = Scenario {
        period: DRIFT_PERIOD,
        message_every: None,
        run_for: DRIFT_PERIOD * (DRIFT_PERIODS + DRIFT_PERIODS / 5),
        work: Work {
            each: DRIFT_ACTION,
            stall: None,
        },
    };
    Variant::all()
        .iter()
        .map(|&v| (v, record(v, scenario).drift(DRIFT_PERIOD, DRIFT_PERIODS)))
        .collect()
}
