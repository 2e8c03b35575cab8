//! Every variant against the real loopback server, on a paused clock: what the server saw in
//! flight, and in its busiest second.

use std::time::Duration;

use unbounded_concurrency::{Bounds, Latency, Scenario, Variant, Variants, paused_runtime};

const LATENCY: Duration = Duration::from_millis(10);

#[test]
fn the_capped_variants_keep_the_server_at_their_cap_and_the_others_give_it_every_input() {
    let runtime = paused_runtime();
    let scenario = Scenario::new(100, Latency::fixed(LATENCY));
    let cap = scenario.bounds.in_flight;
    for &variant in Variant::all() {
        let outcome = runtime
            .block_on(scenario.run(variant, None))
            .expect("the job runs");
        assert!(outcome.all_answered, "{variant}: {outcome:?}");
        assert_eq!(outcome.counts.requests, 100, "{variant}: each id once");
        if variant.keeps_quota() {
            // 20 a second at 10 ms each: one request at a time, the quota is the bound.
            assert!(
                outcome.counts.peak_in_flight <= cap,
                "{variant}: {outcome:?}"
            );
        } else if variant.caps_in_flight() {
            // At the cap, not under it: the cap is used.
            assert_eq!(outcome.counts.peak_in_flight, cap, "{variant}");
            assert!(outcome.counts.connections <= cap, "{variant}: {outcome:?}");
        } else {
            // Every input at once: the paused clock is held while a request is on the wire
            // (`unbounded_concurrency::wire`), so the server sees the whole burst.
            assert_eq!(outcome.counts.peak_in_flight, 100, "{variant}");
            assert_eq!(outcome.counts.connections, 100, "{variant}");
        }
    }
}

#[test]
fn the_unbounded_variants_grow_with_the_input_and_the_fix_does_not() {
    let runtime = paused_runtime();
    let peak = |variant, inputs| {
        let scenario = Scenario::new(inputs, Latency::fixed(LATENCY));
        runtime
            .block_on(scenario.run(variant, None))
            .expect("the job runs")
            .counts
            .peak_in_flight
    };
    let (small, large) = (20, 200);
    assert!(peak(Variant::Anti, large) > peak(Variant::Anti, small));
    assert!(peak(Variant::JoinAll, large) > peak(Variant::JoinAll, small));
    assert_eq!(peak(Variant::Fixed, large), peak(Variant::Fixed, small));
}

#[test]
fn a_concurrency_cap_is_not_a_rate_limit_and_governor_keeps_the_quota() {
    let runtime = paused_runtime();
    let scenario = Scenario::new(60, Latency::fixed(LATENCY));
    let quota = scenario.bounds.per_second as usize;
    let busiest = |variant, bounds: Bounds| {
        let scenario = Scenario {
            bounds,
            ..scenario.clone()
        };
        let outcome = runtime
            .block_on(scenario.run(variant, None))
            .expect("the job runs");
        assert!(outcome.all_answered, "{variant}");
        outcome.busiest_second
    };
    let usual = Bounds::USUAL;
    // Eight in flight at 10 ms each: the whole job lands within a second.
    assert!(busiest(Variant::SemaphoreAndBuffer, usual) > quota);
    assert!(busiest(Variant::Fixed, usual) > quota);
    assert!(busiest(Variant::Governor, usual) <= quota);
    // `Quota::per_second(q)`'s burst of q lets one second see more than q.
    let per_second_burst = Bounds {
        burst: usual.per_second,
        ..usual
    };
    assert!(busiest(Variant::Governor, per_second_burst) > quota);
}
