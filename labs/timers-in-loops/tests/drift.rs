//! The period must not stretch by the action's time: after a thousand periods, the
//! thousandth tick is where the schedule put it.

use std::time::Duration;

use timers_in_loops::scenario::paused_runtime;
use timers_in_loops::{Scenario, Variant, Variants, Work};

const PERIOD: Duration = Duration::from_secs(10);
const ACTION: Duration = Duration::from_secs(1);
const PERIODS: u32 = 1_000;

#[test]
fn only_the_drifting_loops_fall_behind_by_the_action_on_every_period() {
    let scenario = Scenario {
        period: PERIOD,
        message_every: None,
        // Room for a thousand ticks even when each turn lasts the period plus the action.
        run_for: PERIOD * (PERIODS + PERIODS / 5),
        work: Work {
            each: ACTION,
            stall: None,
        },
    };
    let runtime = paused_runtime();
    for &variant in Variant::all() {
        let record = runtime.block_on(variant.record(scenario));
        let drift = record.drift(PERIOD, PERIODS).expect("a thousand periods");
        if variant.faults().drifts {
            assert_eq!(drift, ACTION * PERIODS, "{variant}");
        } else {
            assert_eq!(drift, Duration::ZERO, "{variant}");
        }
    }
}
