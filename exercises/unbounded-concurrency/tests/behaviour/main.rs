//! The exercise's tests, in one binary: what the job does to the API.
//!
//! Every test runs the job against the lab's loopback HTTP/1.1 server, which counts the
//! requests it has in flight, on Tokio's paused clock: the server's latency is a `sleep`, so a
//! job of hundreds of requests takes no real time and its duration is exact. The clock is held
//! while a request is on the wire (the lab's `wire` module), so the server sees every request
//! the job sends at once, at once. The tests judge counts and virtual time, never the shape of
//! the code:
//!
//! - every id answered once, with its own value;
//! - never more than `MAX_IN_FLIGHT` in flight at the server, at any size of job;
//! - the cap used: the job ends within the bound of a scheduler that never leaves a slot idle
//!   while ids are left (the work spread over the cap, plus the longest item).

use std::time::Duration;

use exercise_unbounded_concurrency::{Api, MAX_IN_FLIGHT, fetch_all};
use tokio::time::Instant;
use unbounded_concurrency::wire::Wire;
use unbounded_concurrency::{Counts, Latency, expected, server};

/// Most items take this long ...
const FAST: Duration = Duration::from_millis(10);
/// ... one in every eight this long.
const SLOW: Duration = Duration::from_millis(100);
/// A job that is still running after this much virtual time is stuck (a deadlock, a permit
/// never released): fail with that, instead of a test that never ends.
const HANG_GUARD: Duration = Duration::from_secs(600);

fn latency() -> Latency {
    Latency::one_slow_in(8, FAST, SLOW)
}

/// What one job did.
#[derive(Debug)]
struct Run {
    values: Vec<u64>,
    counts: Counts,
    took: Duration,
}

/// Runs the job over `0..inputs` against a fresh server.
async fn run(inputs: usize) -> Run {
    let wire = Wire::new();
    let api_server = server::start_watched(latency(), inputs, None, Some(wire.clone()))
        .await
        .expect("a loopback port");
    let api = Api::new(&api_server.url()).on_wire(wire);
    let ids: Vec<u64> = (0..inputs as u64).collect();
    let started = Instant::now();
    let values = tokio::time::timeout(HANG_GUARD, fetch_all(&api, ids))
        .await
        .unwrap_or_else(|_| panic!("the job of {inputs} ids never finished"))
        .expect("every request answered");
    let took = started.elapsed();
    let mut values = values;
    values.sort_unstable();
    Run {
        values,
        counts: api_server.counts(),
        took,
    }
}

fn wanted(inputs: usize) -> Vec<u64> {
    (0..inputs as u64).map(expected).collect()
}

#[tokio::test(start_paused = true)]
async fn every_id_is_answered_once_with_its_own_value() {
    let job = run(50).await;
    assert_eq!(job.values, wanted(50), "the values of ids 0..50");
    assert_eq!(job.counts.requests, 50, "each id fetched exactly once");
}

#[tokio::test(start_paused = true)]
async fn an_empty_job_returns_nothing_and_sends_nothing() {
    let job = run(0).await;
    assert!(job.values.is_empty());
    assert_eq!(job.counts.requests, 0);
}

#[tokio::test(start_paused = true)]
async fn the_server_never_has_more_than_the_cap_in_flight_whatever_the_size() {
    for inputs in [1, 7, 8, 9, 64, 300] {
        let job = run(inputs).await;
        assert_eq!(job.values, wanted(inputs), "{inputs} ids");
        assert_eq!(job.counts.requests, inputs, "{inputs} ids, each once");
        assert!(
            job.counts.peak_in_flight <= MAX_IN_FLIGHT,
            "a job of {inputs} ids had {} requests in flight at the server at once; the API \
             allows {MAX_IN_FLIGHT}",
            job.counts.peak_in_flight
        );
    }
}

#[tokio::test(start_paused = true)]
async fn the_cap_is_kept_busy_so_the_job_takes_no_longer_than_it_must() {
    for inputs in [5, 96, 200] {
        let job = run(inputs).await;
        assert_eq!(job.values, wanted(inputs), "{inputs} ids");
        let work: Duration = (0..inputs as u64).map(|id| latency().of(id)).sum();
        let longest = (0..inputs as u64)
            .map(|id| latency().of(id))
            .max()
            .unwrap_or_default();
        // A job that starts the next request whenever fewer than the cap are in flight ends
        // within this (Graham's bound for list scheduling); waiting for whole batches, running
        // fewer at once, or pacing the starts by a timer takes longer.
        let bound = work / MAX_IN_FLIGHT as u32 + longest;
        assert!(
            job.took <= bound,
            "a job of {inputs} ids took {:?}; with {MAX_IN_FLIGHT} kept busy it takes at most \
             {bound:?}",
            job.took
        );
    }
}
