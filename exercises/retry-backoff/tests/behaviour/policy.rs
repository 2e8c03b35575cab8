//! The policy's properties, over every retry number from 0 to 130 (and a few far ones up to
//! `u32::MAX`), drawn configurations and random draws: nothing panics; retry 0 waits nothing;
//! the curve starts at `min(base, cap)` and doubles until the cap, then stays there (so it never
//! decreases); every wait is within the curve, so within the cap; and the jitter makes the
//! wait depend on the draw, so that clients that failed together do not retry together.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use exercise_retry_backoff::{Config, ceiling, delay};
use proptest::prelude::*;

/// Every retry number checked.
fn retries() -> impl Iterator<Item = u32> {
    (0..=130).chain([1_000, 65_536, 1 << 24, u32::MAX / 2, u32::MAX])
}

fn config() -> impl Strategy<Value = Config> {
    (1_u64..=10_000, 1_u32..=10_000).prop_map(|(base_ms, times)| {
        let base = Duration::from_millis(base_ms);
        Config {
            base,
            cap: base * times,
            max_retries: 3,
        }
    })
}

/// Whether `actual` is `expected` to within a microsecond (room for floating-point curves).
fn close(actual: Duration, expected: Duration) -> bool {
    actual.abs_diff(expected) <= Duration::from_micros(1)
}

/// The first rule `config` and the draws break, if any.
fn check(config: &Config, draws: [u64; 2]) -> Result<(), String> {
    let mut previous: Option<Duration> = None;
    let mut differs = false;
    for retry in retries() {
        let at = catch_unwind(AssertUnwindSafe(|| {
            (
                ceiling(config, retry),
                delay(config, retry, draws[0]),
                delay(config, retry, draws[1]),
            )
        }));
        let Ok((curve, a, b)) = at else {
            return Err(format!("retry {retry} panics"));
        };
        if retry == 0 {
            if curve != Duration::ZERO || a != Duration::ZERO {
                return Err(format!("retry 0 (the first attempt) waits {a:?}"));
            }
            continue;
        }
        let expected = match previous {
            None => config.base.min(config.cap),
            Some(before) if retry <= 130 => before.saturating_mul(2).min(config.cap),
            // A far retry: the curve has met the cap long before.
            Some(_) => config.cap,
        };
        if !close(curve, expected) {
            return Err(format!(
                "retry {retry}: the curve is {curve:?}, doubling gives {expected:?}"
            ));
        }
        for wait in [a, b] {
            if wait > curve {
                return Err(format!(
                    "retry {retry} waits {wait:?}, above its curve {curve:?}"
                ));
            }
            if wait > config.cap {
                return Err(format!("retry {retry} waits {wait:?}, over the cap"));
            }
        }
        differs |= a != b;
        previous = Some(curve);
    }
    if !differs {
        return Err("two different draws gave the same wait at every retry: no jitter".into());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_policy_keeps_every_rule(config in config(), a in any::<u64>(), b in any::<u64>()) {
        prop_assume!(a != b);
        if let Err(broken) = check(&config, [a, b]) {
            prop_assert!(false, "base {:?}, cap {:?}: {}", config.base, config.cap, broken);
        }
    }
}

#[test]
fn the_chapter_configuration_keeps_every_rule() {
    let config = Config {
        base: Duration::from_millis(100),
        cap: Duration::from_secs(10),
        max_retries: 10,
    };
    check(&config, [1, u64::MAX]).unwrap();
    // The jitter reaches near the curve and near zero over many draws.
    let waits: Vec<Duration> = (0..200_u64)
        .map(|d| delay(&config, 4, d.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
        .collect();
    let curve = ceiling(&config, 4);
    assert!(
        waits.iter().any(|&w| w > curve * 3 / 4),
        "no wait near the curve"
    );
}
