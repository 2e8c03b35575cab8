//! Every worker must stop and flush, at once, whenever the signal lands.
//!
//! The signal is raised at every 11 ms of the service's first two seconds, each instant with
//! two seeds of `select!`'s random branch order, and then again for another service (other
//! tick, other syncs, other worker count), so that a fix tuned to one timing is caught. Each
//! shutdown must: return (not hang, not panic) at the very instant of the signal (paused
//! time: a worker told to stop does not finish its sync first), with every worker's syncs
//! flushed and no worker left running.

use std::time::Duration;

use exercise_graceful_shutdown::{Config, Outcome, Scenario, drive};

fn sweep(config: Config) {
    let mut wrong = Vec::new();
    let mut runs = 0;
    for ms in (1..2_000).step_by(11) {
        for seed in 0..2 {
            runs += 1;
            let scenario = Scenario {
                config,
                signal_at: Duration::from_millis(ms),
                seed,
            };
            let shutdown = drive(scenario);
            let problem = match &shutdown.outcome {
                Outcome::Hung => Some("never returned: a worker missed the signal".to_string()),
                Outcome::Panicked(why) => Some(format!("panicked: {why}")),
                Outcome::Returned(after) if !after.is_zero() => Some(format!(
                    "returned {} ms after the signal: a busy worker finished its sync first",
                    after.as_millis()
                )),
                Outcome::Returned(_) if !shutdown.unflushed.is_empty() => Some(format!(
                    "returned with workers {:?} not flushed",
                    shutdown.unflushed
                )),
                Outcome::Returned(_) if shutdown.synced_after > 0 => Some(format!(
                    "returned, but {} syncs finished afterwards: workers were left running",
                    shutdown.synced_after
                )),
                Outcome::Returned(_) => None,
            };
            if let Some(problem) = problem {
                wrong.push(format!("signal at {ms} ms (seed {seed}): {problem}"));
            }
        }
    }
    let shown: Vec<&str> = wrong.iter().take(8).map(String::as_str).collect();
    assert!(
        wrong.is_empty(),
        "{} of {runs} shutdowns went wrong ({} workers, a sync every {} ms); the first:\n{}",
        wrong.len(),
        config.workers,
        config.tick.as_millis(),
        shown.join("\n")
    );
}

#[test]
fn every_worker_stops_and_flushes_whenever_the_signal_lands() {
    sweep(Config {
        workers: 4,
        tick: Duration::from_millis(100),
        job: Duration::from_millis(100),
    });
}

#[test]
fn and_for_another_service_too() {
    sweep(Config {
        workers: 3,
        tick: Duration::from_millis(70),
        job: Duration::from_millis(30),
    });
}
