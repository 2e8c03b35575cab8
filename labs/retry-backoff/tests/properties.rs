//! The properties of a correct backoff, over every retry number and drawn configurations and
//! seeds: the wait never exceeds the cap, the curve starts at the base and doubles until the
//! cap (so it never decreases), nothing panics, jitter makes clients differ, and the loop makes
//! exactly `max_retries + 1` attempts, retries a 429, stops at a 404 and keeps its deadline.
//! The correct variants must pass them all; `faults.rs` shows that each broken one fails the
//! ones it claims to.

use std::time::Duration;

use proptest::prelude::*;
use reqwest::StatusCode;
use retry_backoff::properties::{LoopReport, check_loop, check_policy, run};
use retry_backoff::{Config, Script, Variant};

/// A configuration: a base from 1 ms to 10 s, a cap from the base to 10 000 times it.
fn config() -> impl Strategy<Value = Config> {
    (1_u64..=10_000, 1_u64..=10_000, 0_u32..=12).prop_map(|(base_ms, times, max_retries)| {
        let base = Duration::from_millis(base_ms);
        Config {
            base,
            cap: base * u32::try_from(times).expect("at most 10 000"),
            max_retries,
            deadline: None,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_correct_policies_keep_every_rule(config in config(), a in any::<u64>(), b in any::<u64>()) {
        prop_assume!(a != b);
        for variant in Variant::correct() {
            let report = check_policy(variant.policy(), &config, [a, b]);
            prop_assert_eq!(&report.over_cap, &None, "{}", variant);
            prop_assert_eq!(&report.not_doubling, &None, "{}", variant);
            prop_assert_eq!(&report.decreases, &None, "{}", variant);
            prop_assert_eq!(&report.panics, &None, "{}", variant);
            prop_assert_eq!(&report.above_ceiling, &None, "{}", variant);
            prop_assert!(!report.lockstep, "{}: two seeds, the same waits", variant);
        }
    }

    #[test]
    fn the_correct_loops_keep_every_rule(config in config(), seed in any::<u64>()) {
        for variant in Variant::correct() {
            prop_assert_eq!(check_loop(variant, &config, seed), LoopReport::default(), "{}", variant);
        }
    }

    #[test]
    fn the_loop_makes_exactly_max_retries_plus_one_attempts(config in config(), seed in any::<u64>()) {
        for variant in Variant::correct() {
            let run = run(variant, &config, seed, Script::always(StatusCode::BAD_GATEWAY));
            prop_assert_eq!(run.attempts, config.max_retries as usize + 1, "{}", variant);
            prop_assert_eq!(run.status, Some(StatusCode::BAD_GATEWAY), "{}", variant);
        }
    }
}
