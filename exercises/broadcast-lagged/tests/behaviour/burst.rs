//! A burst larger than the channel, sent before the subscriber has run: it must survive, and
//! every event must be handled or reported as skipped. Several capacities and burst sizes, so
//! a count tuned to one of them fails.

use std::time::Duration;

use exercise_broadcast_lagged::{Scenario, drive_paused, run};

fn check(capacity: usize, bursts: &[u64]) -> Result<(), String> {
    let scenario = Scenario {
        capacity,
        bursts: bursts.to_vec(),
        pause: Duration::from_millis(100),
        per_event: Duration::ZERO,
    };
    drive_paused(&scenario, run)
        .judge()
        .map_err(|e| format!("capacity {capacity}, bursts {bursts:?}: {e}"))
}

#[test]
fn survives_one_burst_and_reports_what_it_missed() {
    check(16, &[40]).unwrap();
}

#[test]
fn survives_every_burst_not_only_the_first() {
    check(16, &[40, 3, 40, 40, 5]).unwrap();
}

#[test]
fn counts_what_it_missed_whatever_the_sizes() {
    for capacity in [1, 4, 16, 64] {
        for times in [2, 3, 7] {
            let burst = capacity as u64 * times + 3;
            check(capacity, &[burst, capacity as u64, burst]).unwrap();
        }
    }
}

#[test]
fn a_burst_that_fits_loses_nothing() {
    let scenario = Scenario {
        capacity: 16,
        bursts: vec![16, 10, 16],
        pause: Duration::from_millis(100),
        per_event: Duration::ZERO,
    };
    let outcome = drive_paused(&scenario, run);
    outcome.judge().unwrap();
    assert_eq!(outcome.skipped, Some(0), "{outcome:?}");
    assert_eq!(outcome.handled, (0..42).collect::<Vec<_>>());
}
