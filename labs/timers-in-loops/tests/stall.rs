//! After a stall, a loop must not run the ticks it missed back to back, and must tick again.
//!
//! One tick's action lasts several periods (a slow call, a backoff); the others a tenth of a
//! period. A loop that does not burst starts at most two ticks within any one period (`Skip`
//! may tick once when the stall ends and again at the next multiple of the period); one that
//! bursts starts one per missed period at once. Drawn over the stall's length and the message
//! rate by proptest.

use std::time::Duration;

use proptest::prelude::*;
use timers_in_loops::scenario::paused_runtime;
use timers_in_loops::{Scenario, Stall, Variant, Variants, Work};

const PERIOD: Duration = Duration::from_secs(1);

fn stalled(lasts_ms: u64, every_ms: Option<u64>) -> Scenario {
    Scenario {
        period: PERIOD,
        message_every: every_ms.map(Duration::from_millis),
        run_for: PERIOD * 40,
        work: Work {
            each: PERIOD / 10,
            stall: Some(Stall {
                tick: 3,
                lasts: Duration::from_millis(lasts_ms),
            }),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn only_the_bursting_loop_runs_missed_ticks_back_to_back(
        lasts_ms in 3_000u64..12_000,
        every_ms in prop::option::of(1u64..3_000),
    ) {
        let scenario = stalled(lasts_ms, every_ms);
        let runtime = paused_runtime();
        for &variant in Variant::all() {
            let faults = variant.faults();
            if faults.starves && every_ms.is_some_and(|every| every < 1_000) {
                continue; // It never reaches the stall: `starvation.rs` judges it.
            }
            let record = runtime.block_on(variant.record(scenario));
            let most = record.most_ticks_within(PERIOD);
            if faults.bursts {
                // Every missed tick at once, each after the last one's tenth-of-a-period action:
                // at least three within a period for a stall of three periods or more.
                prop_assert!(most >= 3, "{variant}: {most} ticks within a period after a {lasts_ms} ms stall");
            } else {
                prop_assert!(most <= 2, "{variant}: {most} ticks within one period after a {lasts_ms} ms stall: {:?}", record.ticks);
                if faults.starves {
                    continue; // Its rate depends on the messages: `starvation.rs` judges it.
                }
                // And it ticks again: about one tick per period after the stall.
                let after = record.ticks.iter().filter(|&&t| t > Duration::from_millis(4_000 + lasts_ms)).count() as u64;
                let left = (40_000u64.saturating_sub(4_000 + lasts_ms)) / 1_000;
                let slower = if faults.drifts { left / 11 + 2 } else { 2 };
                prop_assert!(after + slower >= left, "{variant}: {after} ticks in the {left} periods after the stall");
            }
        }
    }
}

#[test]
fn skip_returns_to_the_schedule_and_delay_restarts_it() {
    // Tick 3 starts at 3 s and lasts 5.5 s: it ends at 8.5 s.
    let scenario = stalled(5_500, None);
    let runtime = paused_runtime();
    let secs = |variant: Variant| -> Vec<f64> {
        let record = runtime.block_on(variant.record(scenario));
        record.ticks[..7]
            .iter()
            .map(Duration::as_secs_f64)
            .collect()
    };
    // `interval`'s first tick is at once; the stall ends at 8.5 s.
    assert_eq!(secs(Variant::Fixed), [0.0, 1.0, 2.0, 3.0, 8.5, 9.0, 10.0]);
    assert_eq!(secs(Variant::Delay), [0.0, 1.0, 2.0, 3.0, 8.5, 9.5, 10.5]);
    assert_eq!(
        secs(Variant::Burst),
        [0.0, 1.0, 2.0, 3.0, 8.5, 8.6, 8.7],
        "the missed ticks, each after the last one's action"
    );
}
