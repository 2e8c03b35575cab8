//! The action must run once a period, whatever the message rate.
//!
//! A sweep over the message rate, from a message every millisecond to one every three
//! periods and none at all, with a period of 100 ms and then of 70 ms (so that a fix tuned to
//! one pair of numbers is caught): over fifty periods the action must start 50 times, give or
//! take one. Each action takes a tenth of a period, so a loop whose period stretches by the
//! action's time (a sleep started after the work) falls five ticks short. Paused time: every
//! run is exact and instant.

use std::time::Duration;

use exercise_timers_in_loops::{Scenario, drive};

const PERIODS: u32 = 50;

fn ticks_at(period_ms: u64, every_ms: Option<u64>) -> usize {
    let period = Duration::from_millis(period_ms);
    let scenario = Scenario {
        period,
        message_every: every_ms.map(Duration::from_millis),
        run_for: period * PERIODS,
        stall: None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let record = runtime.block_on(drive(scenario));
    record
        .ticks
        .iter()
        .filter(|&&t| t < scenario.run_for)
        .count()
}

fn sweep(period_ms: u64) {
    let mut rates: Vec<Option<u64>> = (1..=3 * period_ms)
        .step_by(7)
        .chain([period_ms - 1, period_ms, period_ms + 1])
        .map(Some)
        .collect();
    rates.push(None);
    let wrong: Vec<String> = rates
        .into_iter()
        .filter_map(|every_ms| {
            let ticks = ticks_at(period_ms, every_ms) as u32;
            let fine = ticks + 1 >= PERIODS && ticks <= PERIODS + 1;
            let every = every_ms.map_or("no message".to_string(), |ms| {
                format!("a message every {ms} ms")
            });
            (!fine).then(|| format!("{every}: {ticks} ticks"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "with a period of {period_ms} ms the action should run {PERIODS} times in {PERIODS} periods \
         (give or take one), whatever the message rate; it did not at {} of the rates:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_action_runs_once_a_period_at_every_message_rate() {
    sweep(100);
}

#[test]
fn and_with_another_period_too() {
    sweep(70);
}
