//! Properties over every input size, cap, latency and arrival schedule, against the in-memory
//! API (no sockets: hundreds of jobs in a second, each on a paused clock).

use std::sync::Arc;
use std::time::Duration;

use proptest::prelude::*;
use tokio::time::Instant;
use unbounded_concurrency::memory::Memory;
use unbounded_concurrency::rate::{RateGate, busiest_window, most_in_window};
use unbounded_concurrency::{
    Bounds, Fetcher, Latency, Variant, Variants, expected, paused_runtime,
};

fn latency(fast_ms: u64, slow_ms: u64, every: u64) -> Latency {
    Latency::one_slow_in(
        every,
        Duration::from_millis(fast_ms),
        Duration::from_millis(slow_ms),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the job's size, cap and latencies: every variant answers each id once, a
    /// capped variant never has more than its cap in flight, and the fix uses its cap (its
    /// job ends within the bound of a scheduler that never idles a slot while ids are left:
    /// the work spread over `k`, plus the longest item).
    #[test]
    fn every_capped_variant_keeps_its_cap_and_the_fix_keeps_every_slot_busy(
        inputs in 0usize..120,
        cap in 1usize..12,
        fast_ms in 1u64..20,
        slow_ms in 1u64..200,
        every in 1u64..10,
    ) {
        let bounds = Bounds { in_flight: cap, per_second: 1_000, burst: 1 };
        let ids: Vec<u64> = (0..inputs as u64).collect();
        let latency = latency(fast_ms, slow_ms, every);
        for &variant in Variant::all() {
            let runtime = paused_runtime();
            let (answers, seen, took) = runtime.block_on(async {
                let api = Memory::new(latency.clone());
                let fetcher: Fetcher = Arc::new(api.clone());
                let started = Instant::now();
                let answers = variant.fetch_all(&fetcher, ids.clone(), bounds).await;
                (answers, api.seen(), started.elapsed())
            });
            let mut answers = answers.expect("the in-memory API never fails");
            answers.sort_unstable();
            let wanted: Vec<u64> = ids.iter().map(|&id| expected(id)).collect();
            prop_assert_eq!(&answers, &wanted, "{}", variant);
            prop_assert_eq!(seen.requests, inputs, "{}", variant);
            if variant.caps_in_flight() {
                prop_assert!(seen.peak_in_flight <= cap, "{}: {:?}", variant, seen.peak_in_flight);
            }
            if variant == Variant::Fixed {
                let work: Duration = ids.iter().map(|&id| latency.of(id)).sum();
                let longest = ids.iter().map(|&id| latency.of(id)).max().unwrap_or_default();
                // The fix starts every request the instant a slot frees, so the clock moves
                // only by the items' own sleeps: no tick of slack is needed, and none given.
                prop_assert!(took <= work / cap as u32 + longest, "{took:?}");
            }
        }
    }

    /// The rate gate never lets more through in any window than its quota allows, whatever
    /// the quota, the burst, the window and the schedule the requests come on.
    #[test]
    fn the_limiter_never_exceeds_its_quota_over_any_window(
        per_second in 1u32..60,
        burst in 1u32..8,
        waves in proptest::collection::vec((0u64..400, 1usize..12), 1..12),
        window_ms in 1u64..3_000,
    ) {
        let runtime = paused_runtime();
        let passed = runtime.block_on(async {
            let gate = Arc::new(RateGate::new(per_second, burst));
            let started = Instant::now();
            let mut waiters = Vec::new();
            for (gap_ms, size) in waves {
                tokio::time::sleep(Duration::from_millis(gap_ms)).await;
                for _ in 0..size {
                    let gate = Arc::clone(&gate);
                    waiters.push(tokio::spawn(async move {
                        gate.until_ready().await;
                        started.elapsed()
                    }));
                }
            }
            let mut passed = Vec::new();
            for waiter in waiters {
                passed.push(waiter.await.expect("no panic"));
            }
            passed
        });
        for window in [Duration::from_secs(1), Duration::from_millis(window_ms)] {
            let most = most_in_window(per_second, burst, window);
            let busiest = busiest_window(&passed, window);
            prop_assert!(busiest <= most, "{busiest} in {window:?}, at most {most}");
        }
    }

    /// The window count agrees with counting every window by brute force.
    #[test]
    fn the_busiest_window_is_the_brute_force_one(
        times in proptest::collection::vec(0u64..2_000, 0..60),
        window_ms in 1u64..500,
    ) {
        let times: Vec<Duration> = times.into_iter().map(Duration::from_millis).collect();
        let window = Duration::from_millis(window_ms);
        let brute = times
            .iter()
            .map(|&start| times.iter().filter(|&&t| t >= start && t < start + window).count())
            .max()
            .unwrap_or(0);
        prop_assert_eq!(busiest_window(&times, window), brute);
    }
}

#[test]
fn the_window_bound_is_tight_for_a_full_burst_then_the_rate() {
    // 20 a second, burst 20: 20 at once, then one every 50 ms: 39 in the first second.
    assert_eq!(most_in_window(20, 20, Duration::from_secs(1)), 39);
    assert_eq!(most_in_window(20, 1, Duration::from_secs(1)), 20);
    let runtime = paused_runtime();
    let passed = runtime.block_on(async {
        let gate = RateGate::new(20, 20);
        let started = Instant::now();
        let mut passed = Vec::new();
        for _ in 0..60 {
            gate.until_ready().await;
            passed.push(started.elapsed());
        }
        passed
    });
    assert_eq!(busiest_window(&passed, Duration::from_secs(1)), 39);
}
