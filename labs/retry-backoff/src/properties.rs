//! The contract's rules as code: each check returns the first case that breaks a rule (a
//! witness), or nothing. The tests run them over every variant, over configurations and seeds
//! drawn by proptest, and compare what they find with [`Variant::faults`]; the probe runs them
//! on a fixed grid for the chapter's table.
//!
//! A policy is checked at every retry from 0 to [`RETRIES`] (past every overflow of the
//! variants: `u32` at 33, `u64` at 58 to 64), and at a few far ones up to `u32::MAX`. A loop is
//! checked against the in-memory server ([`Memory`]) on a paused clock.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use reqwest::StatusCode;
use tokio::time::Instant;

use crate::contract::{Backoff, Config, Jitter};
use crate::memory::Memory;
use crate::script::Script;
use crate::variants::{Faults, Variant};

/// Every retry number up to this one is checked.
pub const RETRIES: u32 = 130;

/// Far retry numbers checked besides.
pub const FAR: [u32; 5] = [1_000, 65_536, 1 << 24, u32::MAX / 2, u32::MAX];

/// The first case that breaks each rule, for one policy, configuration and pair of seeds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicyReport {
    /// A wait (or the curve) over the cap.
    pub over_cap: Option<String>,
    /// The curve not starting at `min(base, cap)`, or not doubling to the cap (within one part
    /// in a million and a nanosecond), or retry 0 waiting.
    pub not_doubling: Option<String>,
    /// The curve shorter at a retry than at the one before.
    pub decreases: Option<String>,
    /// A panic, at the first retry that panicked.
    pub panics: Option<String>,
    /// A wait above the policy's own curve (a policy that misstates its ceiling).
    pub above_ceiling: Option<String>,
    /// Whether the two seeds gave the same wait at every retry.
    pub lockstep: bool,
}

/// Whether `actual` is `expected` to within one part in a million and a nanosecond (backon
/// computes its curve in `f32`).
pub fn close(actual: Duration, expected: Duration) -> bool {
    let (a, e) = (actual.as_nanos() as f64, expected.as_nanos() as f64);
    (a - e).abs() <= e * 1e-6 + 1.0
}

/// `1 attempt`, `3 attempts`.
pub fn attempts(n: usize) -> String {
    if n == 1 {
        "1 attempt".into()
    } else {
        format!("{n} attempts")
    }
}

/// A final status as the tables write it: `429`, or `a panic`.
pub fn status(status: Option<StatusCode>) -> String {
    status.map_or_else(|| "a panic".into(), |s| s.as_u16().to_string())
}

fn first(slot: &mut Option<String>, witness: impl FnOnce() -> String) {
    if slot.is_none() {
        *slot = Some(witness());
    }
}

/// Checks `policy` under `config` with the jitter seeds `seeds`.
pub fn check_policy(policy: &dyn Backoff, config: &Config, seeds: [u64; 2]) -> PolicyReport {
    let mut report = PolicyReport::default();
    let [a, b] = seeds.map(Jitter::seeded);
    let mut previous: Option<(u32, Duration)> = None;
    let mut same = true;
    let retries = (0..=RETRIES).chain(FAR);
    for retry in retries {
        let at = catch_unwind(AssertUnwindSafe(|| {
            (
                policy.ceiling(config, retry),
                policy.delay(config, retry, a),
                policy.delay(config, retry, b),
            )
        }));
        let Ok((ceiling, da, db)) = at else {
            report.panics = Some(format!("retry {retry} panics"));
            break;
        };
        same &= da == db;
        let longest = ceiling.max(da).max(db);
        if longest > config.cap {
            first(&mut report.over_cap, || {
                format!(
                    "retry {retry} can wait {longest:?}, over the cap of {:?}",
                    config.cap
                )
            });
        }
        if da.max(db) > ceiling {
            first(&mut report.above_ceiling, || {
                format!(
                    "retry {retry} waits {:?}, above its curve {ceiling:?}",
                    da.max(db)
                )
            });
        }
        let expected = match previous {
            _ if retry == 0 => Duration::ZERO,
            Some((last, before)) if last + 1 == retry => before.saturating_mul(2).min(config.cap),
            // A far retry: the curve should have met the cap long before.
            _ => config.expected_ceiling(retry),
        };
        if !close(ceiling, expected) {
            first(&mut report.not_doubling, || {
                format!("retry {retry} waits up to {ceiling:?}, where doubling gives {expected:?}")
            });
        }
        if let Some((last, before)) = previous
            && ceiling < before
        {
            first(&mut report.decreases, || {
                format!(
                    "retry {retry} waits up to {ceiling:?}, less than retry {last}'s {before:?}"
                )
            });
        }
        // From retry 1 on, the previous curve value is the doubling's reference.
        previous = Some((retry, ceiling));
        if retry == 0 {
            previous = None;
        }
    }
    report.lockstep = same;
    report
}

/// The first case that breaks each of the loop's rules, for one variant and configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoopReport {
    /// A count of attempts other than `max_retries + 1` against a server that answers 503.
    pub wrong_count: Option<String>,
    /// A 429 then 200 not ending in the 200 after two attempts.
    pub misses_429: Option<String>,
    /// A panic in the loop.
    pub panics: Option<String>,
    /// A call that ended past its deadline.
    pub ignores_deadline: Option<String>,
    /// More than one attempt against a 404.
    pub retries_404: Option<String>,
}

/// How one call went: the server's count, the status it ended with, how long it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Requests the server got.
    pub attempts: usize,
    /// The final status (of the `Ok` response or of the error), or `None` for a panic.
    pub status: Option<StatusCode>,
    /// Virtual time from the call to its return.
    pub took: Duration,
}

/// Runs one call of `variant` against a [`Memory`] server answering by `script`, on a fresh
/// paused runtime (a panic in the loop is a `status` of `None`).
pub fn run(variant: Variant, config: &Config, seed: u64, script: Script) -> Run {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a paused current-thread runtime");
    let config = *config;
    runtime.block_on(async move {
        let server = Memory::new(script);
        let started = Instant::now();
        let call = tokio::spawn({
            let server = server.clone();
            async move {
                variant
                    .call(&config, Jitter::seeded(seed), || {
                        let server = server.clone();
                        async move { server.answer().await }
                    })
                    .await
            }
        });
        let status = match call.await {
            Ok(Ok(response)) => Some(response.status()),
            Ok(Err(error)) => error.status(),
            Err(_) => None,
        };
        Run {
            attempts: server.requests(),
            status,
            took: started.elapsed(),
        }
    })
}

/// Checks `variant`'s loop under `config` (its `max_retries` and `deadline` are replaced by the
/// checks' own).
pub fn check_loop(variant: Variant, config: &Config, seed: u64) -> LoopReport {
    let mut report = LoopReport::default();
    let unavailable = Script::always(StatusCode::SERVICE_UNAVAILABLE);
    for max_retries in [0, 1, 3, 7] {
        let config = Config {
            max_retries,
            deadline: None,
            ..*config
        };
        let run = run(variant, &config, seed, unavailable.clone());
        if run.status.is_none() {
            first(&mut report.panics, || {
                format!("max_retries = {max_retries} panics")
            });
        } else if run.attempts != max_retries as usize + 1 {
            first(&mut report.wrong_count, || {
                format!(
                    "max_retries = {max_retries}: {}, not {}",
                    attempts(run.attempts),
                    max_retries + 1
                )
            });
        }
    }
    let retrying = Config {
        max_retries: 3,
        deadline: None,
        ..*config
    };
    let once = run(
        variant,
        &retrying,
        seed,
        Script::fails(1, StatusCode::TOO_MANY_REQUESTS),
    );
    if once.status != Some(StatusCode::OK) || once.attempts != 2 {
        report.misses_429 = Some(format!(
            "429 then 200: {}, ending in {}",
            attempts(once.attempts),
            status(once.status)
        ));
    }
    let missing = run(
        variant,
        &retrying,
        seed,
        Script::always(StatusCode::NOT_FOUND),
    );
    if missing.attempts != 1 {
        report.retries_404 = Some(format!("404: {}", attempts(missing.attempts)));
    }
    // A deadline shorter than the waits of twenty retries.
    let deadline = config.base.saturating_mul(20);
    let bounded = Config {
        max_retries: 20,
        deadline: Some(deadline),
        ..*config
    };
    let late = run(variant, &bounded, seed, unavailable);
    if late.took > deadline {
        report.ignores_deadline = Some(format!(
            "a deadline of {deadline:?}: gave up after {:?}",
            late.took
        ));
    }
    report
}

/// What `variant` was found to get wrong, by the checks above, on `configs` and `seeds`: the
/// same shape as [`Variant::faults`], to compare with it.
pub fn found(variant: Variant, configs: &[Config], seeds: &[[u64; 2]]) -> Faults {
    let mut faults = Faults::default();
    let mut lockstep = true;
    for config in configs {
        for &pair in seeds {
            let policy = check_policy(variant.policy(), config, pair);
            faults.over_cap |= policy.over_cap.is_some();
            faults.not_doubling |= policy.not_doubling.is_some();
            faults.decreases |= policy.decreases.is_some();
            faults.panics |= policy.panics.is_some();
            lockstep &= policy.lockstep;
        }
        let looped = check_loop(variant, config, seeds.first().map_or(0, |s| s[0]));
        faults.wrong_count |= looped.wrong_count.is_some();
        faults.misses_429 |= looped.misses_429.is_some();
        faults.panics |= looped.panics.is_some();
        faults.ignores_deadline |= looped.ignores_deadline.is_some();
    }
    faults.lockstep = lockstep;
    faults
}

/// The grid the tests and the probe judge every variant on: the chapter's configuration, a
/// guide's (60 s, capped at 30 min), one with a base under 5 ms, and one whose cap is below
/// `32 × base`.
pub fn grid() -> Vec<Config> {
    let ms = Duration::from_millis;
    vec![
        Config::USUAL,
        Config {
            base: Duration::from_secs(60),
            cap: Duration::from_secs(1_800),
            ..Config::USUAL
        },
        Config {
            base: ms(4),
            cap: ms(2_000),
            ..Config::USUAL
        },
        Config {
            base: ms(250),
            cap: ms(5_000),
            ..Config::USUAL
        },
    ]
}

/// The seed pairs of the grid.
pub const GRID_SEEDS: [[u64; 2]; 3] = [[1, 2], [3, 4], [0xDEAD, 0xBEEF]];
