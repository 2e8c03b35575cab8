//! After one slow action (several periods long), the loop must not run the missed ticks back
//! to back, and must come back to one tick a period.
//!
//! The fourth tick's action lasts 3.5, 5.5 and then 9.25 periods, with no message and with a
//! message every 30 ms. No more than two ticks may start within any one period (one when the
//! stall ends and one on the schedule is fine), and the ten periods after the stall must hold
//! ten ticks, give or take one.

use std::time::Duration;

use exercise_timers_in_loops::{Scenario, drive};

const PERIOD: Duration = Duration::from_millis(100);

fn check(stall_periods: f64, every_ms: Option<u64>) -> Result<(), String> {
    let lasts = PERIOD.mul_f64(stall_periods);
    let scenario = Scenario {
        period: PERIOD,
        message_every: every_ms.map(Duration::from_millis),
        run_for: PERIOD * 30,
        stall: Some((3, lasts)),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    let ticks = runtime.block_on(drive(scenario)).ticks;
    let what = format!(
        "a {stall_periods}-period stall, {}",
        every_ms.map_or("no message".into(), |ms| format!("a message every {ms} ms"))
    );
    let Some(&stalled) = ticks.get(3) else {
        return Err(format!(
            "{what}: only {} ticks before the stall",
            ticks.len()
        ));
    };
    for (i, &t) in ticks.iter().enumerate() {
        let within = ticks[i..].iter().take_while(|&&u| u - t < PERIOD).count();
        if within > 2 {
            return Err(format!(
                "{what}: {within} ticks within one period from {t:?} (all ticks: {ticks:?})"
            ));
        }
    }
    let resumed = stalled + lasts;
    let after = ticks
        .iter()
        .filter(|&&t| t >= resumed && t < resumed + PERIOD * 10)
        .count();
    if !(9..=11).contains(&after) {
        return Err(format!(
            "{what}: {after} ticks in the ten periods after the stall, not ten (all ticks: {ticks:?})"
        ));
    }
    Ok(())
}

#[test]
fn no_burst_after_a_slow_action_and_the_rate_comes_back() {
    let wrong: Vec<String> = [3.5, 5.5, 9.25]
        .into_iter()
        .flat_map(|stall| [None, Some(30)].map(|every| check(stall, every)))
        .filter_map(Result::err)
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
