//! The verdicts on the guides' claims, each from an experiment run here: the guides' own
//! numbers on the lab's variants, the verdict computed from what they did, never typed.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use evidence::Verdict;
use retry_backoff::from_millis;
use retry_backoff::properties::{attempts, run, status};
use retry_backoff::{Config, Jitter, Script, StatusCode, Variant};

use crate::tables::wait;

fn waits(variant: Variant, config: &Config, n: u32) -> Vec<Duration> {
    variant.policy().schedule(config, Jitter::seeded(1), n)
}

fn list(waits: &[Duration]) -> String {
    waits
        .iter()
        .map(|&d| wait(d))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Seed 002's thumbnail worker: `retry_delay × retry_count`, `retry_count < max_retries`.
fn multiply_by_retry_count() -> Verdict {
    let config = Config {
        base: Duration::from_secs(1),
        cap: Duration::from_secs(3_600),
        max_retries: 3,
        deadline: None,
    };
    let linear = waits(Variant::Linear, &config, 6);
    let doubling: Vec<Duration> = (1..=6).map(|n| config.expected_ceiling(n)).collect();
    let counted = run(
        Variant::OffByOne,
        &config,
        1,
        Script::always(StatusCode::SERVICE_UNAVAILABLE),
    );
    let measured = format!(
        "With a 1 s delay: waits of {} (doubling: {}); with `max_retries = 3`, {} attempts, so {} \
         retries.",
        list(&linear),
        list(&doubling),
        counted.attempts,
        counted.attempts.saturating_sub(1)
    );
    if linear != doubling && counted.attempts != 4 {
        Verdict::explained(
            measured,
            "False, twice.",
            "A delay times the count is linear backoff; and retrying while the count after the \
             increment is below `max_retries` retries one time fewer than it says.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// Seed 004 §8.1: `60 s × consecutive_errors` after a rate-limit error.
fn rate_limit_exponential() -> Verdict {
    let config = Config {
        base: Duration::from_secs(60),
        cap: Duration::from_secs(86_400),
        ..Config::USUAL
    };
    let linear = waits(Variant::Linear, &config, 10);
    let doubling: Vec<Duration> = (1..=10).map(|n| config.expected_ceiling(n)).collect();
    let measured = format!(
        "Ten rate-limit errors in a row: waits of {}, {} in all; doubling from 60 s waits {} by \
         the tenth.",
        list(&linear),
        wait(linear.iter().sum()),
        wait(doubling[9])
    );
    if linear[9] < doubling[9] {
        Verdict::explained(
            measured,
            "False.",
            "It is linear: each error adds a minute. It also has no jitter, so every client \
             limited at once comes back at once.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// Seed 004 §4.3: nothing below a count of 5, then `60 s × 2^min(count, 5)`.
fn backoff_after_repeated_failures() -> Verdict {
    let config = Config {
        base: Duration::from_secs(60),
        cap: Duration::from_secs(86_400),
        ..Config::USUAL
    };
    let got = waits(Variant::Threshold, &config, 10);
    let distinct: std::collections::BTreeSet<Duration> = got.iter().copied().collect();
    let measured = format!(
        "The backoff before each of the first ten retries: {} ({} different values).",
        list(&got),
        distinct.len()
    );
    if distinct.len() <= 2 {
        Verdict::explained(
            measured,
            "False.",
            "The exponent is capped at the threshold it starts from, so the curve has two \
             values: no backoff for five failures, then 32 minutes on every failure after. The \
             5-minute interval around it is the only spacing the first five get.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// Seed 004 §3.3: tokio-retry's `from_millis(100).max_delay(10 s).take(5)`.
fn tokio_retry_from_millis() -> Verdict {
    let config = Config {
        base: Duration::from_millis(100),
        cap: Duration::from_secs(10),
        ..Config::USUAL
    };
    // The crate's own strategy, taken as the guide takes it.
    let got: Vec<Duration> = from_millis::strategy(&config).take(5).collect();
    let expected: Vec<Duration> = (1..=5).map(|n| config.expected_ceiling(n)).collect();
    let measured = format!(
        "tokio-retry 0.3's strategy yields {} (the reading: {}); `take(5)` is 5 retries, 6 \
         attempts.",
        list(&got),
        list(&expected)
    );
    if got != expected {
        Verdict::explained(
            measured,
            "False on the waits.",
            "`from_millis(b)` is `bⁿ` ms: 100 ms, then 100² = 10 000 ms, the cap. A doubling \
             from 100 ms is `from_millis(2).factor(50)`. The count is right.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// Seed 004 §3.3: `Err(e) if is_retryable(&e)` around `send()`.
fn retry_429_and_5xx() -> Verdict {
    let config = Config::USUAL.with_retries(3);
    let limited = run(
        Variant::NeverRetried,
        &config,
        1,
        Script::fails(1, StatusCode::TOO_MANY_REQUESTS),
    );
    let fixed = run(
        Variant::Fixed,
        &config,
        1,
        Script::fails(1, StatusCode::TOO_MANY_REQUESTS),
    );
    let measured = format!(
        "Against a server that answers 429 and then 200: {}, ending in the {}; with \
         `error_for_status()`, {}, ending in the {}.",
        attempts(limited.attempts),
        status(limited.status),
        attempts(fixed.attempts),
        status(fixed.status)
    );
    if limited.attempts == 1 && limited.status == Some(StatusCode::TOO_MANY_REQUESTS) {
        Verdict::explained(
            measured,
            "False.",
            "`send()` fails only without an answer; a 429 or a 503 is an `Ok(Response)`, so the \
             retryable-status branch never runs.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// Seed 003's `retry_with_backoff`: 100 ms doubling, capped at 30 s, then a random tenth added.
fn jitter_after_cap() -> Verdict {
    let config = Config {
        base: Duration::from_millis(100),
        cap: Duration::from_secs(30),
        ..Config::USUAL
    };
    let policy = Variant::JitterAfterCap.policy();
    let longest = (0..200)
        .map(|seed| policy.delay(&config, 20, Jitter::seeded(seed)))
        .max()
        .unwrap_or_default();
    let small = Config {
        base: Duration::from_millis(4),
        ..config
    };
    let panics = catch_unwind(AssertUnwindSafe(|| {
        policy.delay(&small, 2, Jitter::seeded(1))
    }))
    .is_err();
    let measured = format!(
        "Retry 20 over 200 seeds: up to {} against the 30 s cap; with a 4 ms base, retry 2 {}.",
        wait(longest),
        if panics {
            "panics (`% 0`)"
        } else {
            "does not panic"
        }
    );
    if longest > config.cap {
        Verdict::explained(
            measured,
            "False.",
            "The jitter is added after the cap, so the wait passes it by up to a tenth, and the \
             tenth in whole milliseconds is zero below 10 ms, where `%` panics.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// The verdict on claim `id`, or `None` for a claim this probe does not know.
pub fn judge(id: &str) -> Option<Verdict> {
    Some(match id {
        "multiply-by-retry-count" => multiply_by_retry_count(),
        "rate-limit-exponential" => rate_limit_exponential(),
        "backoff-after-repeated-failures" => backoff_after_repeated_failures(),
        "tokio-retry-from-millis" => tokio_retry_from_millis(),
        "retry-429-and-5xx" => retry_429_and_5xx(),
        "jitter-after-cap" => jitter_after_cap(),
        _ => return None,
    })
}
