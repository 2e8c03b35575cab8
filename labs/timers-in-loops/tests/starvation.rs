//! Messages must not keep the periodic action from running, at any message rate.
//!
//! Judged over the message rate, drawn by proptest from a millisecond to three periods, and
//! over the period itself: a loop that keeps its period ticks `run_for / period` times give
//! or take one, whatever the rate. The anti-pattern ticks not once while the messages come
//! more often than the period. Paused time makes every run exact and instant.

use std::time::Duration;

use proptest::prelude::*;
use timers_in_loops::scenario::paused_runtime;
use timers_in_loops::{Scenario, Variant, Variants, Work};

/// A tenth of the period spent in each tick's action: enough to show drift, never a stall.
fn scenario(period_ms: u64, every_ms: Option<u64>, periods: u32) -> Scenario {
    let period = Duration::from_millis(period_ms);
    Scenario {
        period,
        message_every: every_ms.map(Duration::from_millis),
        run_for: period * periods,
        work: Work {
            each: period / 10,
            stall: None,
        },
    }
}

/// How many whole turns of `turn` fit in `run_for`.
fn turns_in(run_for: Duration, turn: Duration) -> u64 {
    (run_for.as_nanos() / turn.as_nanos()) as u64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_loop_that_does_not_starve_ticks_at_its_rate_under_any_message_rate(
        period_ms in 10u64..2_000,
        every_permille in 1u64..3_000,
    ) {
        let every_ms = (period_ms * every_permille / 1_000).max(1);
        let scenario = scenario(period_ms, Some(every_ms), 50);
        let runtime = paused_runtime();
        for &variant in Variant::all() {
            let record = runtime.block_on(variant.record(scenario));
            let ticks = record.ticks_before(scenario.run_for) as u64;
            let expected = scenario.expected_ticks();
            if variant.faults().starves {
                if every_ms < period_ms {
                    prop_assert_eq!(ticks, 0, "{}: a message every {} ms, period {} ms", variant, every_ms, period_ms);
                }
            } else if variant.faults().drifts {
                // Each turn is the period plus the action, never starved. Tokio's timer rounds
                // both sleeps up to its next millisecond, so a turn may take up to 2 ms more.
                let turn = scenario.period + scenario.work.each;
                let slowest = turn + Duration::from_millis(2);
                let (most, fewest) = (turns_in(scenario.run_for, turn), turns_in(scenario.run_for, slowest));
                prop_assert!(ticks + 1 >= fewest && ticks <= most + 1, "{variant}: {ticks} ticks, between {fewest} and {most} expected, period {period_ms} ms");
            } else {
                prop_assert!(ticks + 1 >= expected && ticks <= expected + 1, "{variant}: {ticks} ticks, {expected} expected, a message every {every_ms} ms, period {period_ms} ms");
            }
        }
    }
}

#[test]
fn with_no_message_at_all_every_loop_ticks() {
    let scenario = scenario(1_000, None, 20);
    let runtime = paused_runtime();
    for &variant in Variant::all() {
        let ticks = runtime
            .block_on(variant.record(scenario))
            .ticks_before(scenario.run_for);
        assert!(ticks >= 17, "{variant}: {ticks} ticks in 20 periods");
    }
}

#[test]
fn the_anti_pattern_ticks_once_per_silence_longer_than_its_period() {
    // A message every 2.5 periods: each silence holds two whole periods, so two ticks (the
    // second one after the first tick's action), then a message restarts the count.
    let scenario = scenario(1_000, Some(2_500), 100);
    let record = paused_runtime().block_on(Variant::Anti.record(scenario));
    let ticks = record.ticks_before(scenario.run_for);
    // Forty silences (39 messages, at 2.5 s, 5 s, ... 97.5 s), two ticks in each.
    assert_eq!(ticks, 2 * 40, "{:?}", &record.ticks[..6]);
}

#[test]
fn every_loop_handles_every_message() {
    let scenario = scenario(100, Some(7), 30);
    let sent = (scenario.run_for.as_millis() - 1) / 7;
    let runtime = paused_runtime();
    for &variant in Variant::all() {
        let record = runtime.block_on(variant.record(scenario));
        assert_eq!(u128::from(record.messages), sent, "{variant}");
    }
}

#[test]
fn faults_and_correct_agree() {
    let correct: Vec<Variant> = Variant::correct().collect();
    assert_eq!(
        correct,
        [
            Variant::Fixed,
            Variant::Delay,
            Variant::PinnedSleep,
            Variant::Deadline,
            Variant::ResetEachTurn
        ]
    );
}
