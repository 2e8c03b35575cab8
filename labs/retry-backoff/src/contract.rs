//! The contract every variant keeps: a backoff policy (retry `n` → the wait before it) and a
//! retry loop that calls a request until it succeeds or the policy gives up.
//!
//! A policy is a pure function of the [`Config`], the retry's number and a [`Jitter`] seed, so
//! the same retry gives the same wait every time it is asked: the properties in `tests/` check
//! every retry number of a schedule against the rules below, and a failing case replays from
//! its seed. A loop is generic over the request ([`Request`]: any `FnMut` returning a future of
//! `reqwest`'s result), so the same loop is driven by the real loopback server
//! ([`crate::server`]) in the tests and the demo, and by the in-memory one ([`crate::herd`])
//! in the herd experiment.
//!
//! The rules a correct policy keeps, for every retry `n ≥ 1` and every seed:
//!
//! - `delay(n) ≤ ceiling(n) ≤ cap`: jitter draws under the curve, the curve stays under the
//!   cap;
//! - `ceiling(1) = min(base, cap)` and `ceiling(n + 1) = min(2 × ceiling(n), cap)`: the curve
//!   doubles until it meets the cap, then stays there (so it never decreases);
//! - nothing panics, whatever `n` and the configuration;
//! - `delay(0) = 0`: retry 0 is the first attempt, which does not wait.
//!
//! And a correct loop makes exactly `max_retries + 1` attempts when every one fails with a
//! retryable answer (a 429, a 5xx, or no answer at all), stops at once on any other 4xx, and
//! never starts a wait that would end past the [`Config::deadline`].

use std::future::Future;
use std::time::Duration;

/// What one attempt returns: `reqwest`'s own result, so a 429 is an `Ok` like a 200.
pub type Sent = Result<reqwest::Response, reqwest::Error>;

/// The knobs every policy and loop reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The wait before the first retry.
    pub base: Duration,
    /// The longest any one wait may be.
    pub cap: Duration,
    /// Retries after the first attempt: a loop that always fails makes `max_retries + 1`
    /// attempts.
    pub max_retries: u32,
    /// The most time the whole call may take, waits included; `None`: no limit but the count.
    pub deadline: Option<Duration>,
}

impl Config {
    /// The configuration of the chapter's tables: 100 ms doubling to a cap of 10 s, ten
    /// retries, no deadline.
    pub const USUAL: Config = Config {
        base: Duration::from_millis(100),
        cap: Duration::from_secs(10),
        max_retries: 10,
        deadline: None,
    };

    /// The same configuration with a total deadline.
    pub fn with_deadline(self, deadline: Duration) -> Config {
        Config {
            deadline: Some(deadline),
            ..self
        }
    }

    /// The same configuration with another number of retries.
    pub fn with_retries(self, max_retries: u32) -> Config {
        Config {
            max_retries,
            ..self
        }
    }

    /// The curve a correct policy follows: `min(base × 2ⁿ⁻¹, cap)`, computed without overflow
    /// (the oracle the tests compare against; written the long way on purpose, by repeated
    /// doubling, so it shares no arithmetic with any variant).
    pub fn expected_ceiling(&self, retry: u32) -> Duration {
        if retry == 0 {
            return Duration::ZERO;
        }
        let mut ceiling = self.base.min(self.cap);
        for _ in 1..retry {
            if ceiling >= self.cap {
                break;
            }
            ceiling = ceiling.saturating_mul(2).min(self.cap);
        }
        ceiling
    }
}

/// Where a policy's jitter comes from: a seed, and one draw per retry.
///
/// A draw is a pure function of the seed and the retry's number (SplitMix64), so a policy's
/// wait before retry `n` is the same every time it is asked, and a test that fails prints the
/// seed that replays it. A real client seeds it once per call from the OS ([`Jitter::random`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jitter {
    seed: u64,
}

impl Jitter {
    /// Draws from `seed`.
    pub const fn seeded(seed: u64) -> Jitter {
        Jitter { seed }
    }

    /// A seed from the process's random hasher keys (std's, seeded by the OS): different for
    /// every call, with no random-number crate.
    pub fn random() -> Jitter {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(0);
        Jitter::seeded(hasher.finish())
    }

    /// The seed.
    pub fn seed(self) -> u64 {
        self.seed
    }

    /// The draw for retry `retry`: 64 uniform bits.
    pub fn draw(self, retry: u32) -> u64 {
        // SplitMix64 of the seed moved by the retry number: one multiply-xorshift chain, and
        // every retry's draw independent of the others.
        let mut z = self.seed.wrapping_add(
            u64::from(retry)
                .wrapping_add(1)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform wait in `[0, max]` for retry `retry`: full jitter under `max`.
    pub fn up_to(self, retry: u32, max: Duration) -> Duration {
        // The draw scaled to `max` in nanoseconds, in 128 bits: `max × draw / 2⁶⁴`, no modulo
        // and so no bias worth speaking of.
        let nanos = max.as_nanos();
        let draw = u128::from(self.draw(retry));
        let scaled = match u64::try_from(nanos) {
            Ok(_) => (nanos * draw) >> 64,
            // Past 584 years the product would not fit; 32 bits of the draw are plenty there.
            Err(_) => (nanos >> 32) * (draw >> 32),
        };
        // At most `max`, so it converts back without loss.
        let scaled = u64::try_from(scaled / 1_000_000_000).map_or(max, |secs| {
            Duration::new(secs, (scaled % 1_000_000_000) as u32)
        });
        scaled.min(max)
    }
}

/// A backoff policy: the wait before each retry.
pub trait Backoff: Sync {
    /// The wait before retry `retry` (1 for the first retry), jitter drawn from `jitter`;
    /// retry 0 is the first attempt and waits nothing.
    fn delay(&self, config: &Config, retry: u32, jitter: Jitter) -> Duration;

    /// The curve the waits are drawn under: the wait with no jitter, or the most jitter can
    /// reach.
    fn ceiling(&self, config: &Config, retry: u32) -> Duration;

    /// The waits before retries `1..=retries`, in order. The default asks [`Backoff::delay`]
    /// for each; a policy built on a crate's iterator walks it once instead.
    fn schedule(&self, config: &Config, jitter: Jitter, retries: u32) -> Vec<Duration> {
        (1..=retries)
            .map(|retry| self.delay(config, retry, jitter))
            .collect()
    }
}

/// Whether an attempt's result is worth retrying, for a loop that reads the status: no answer
/// at all (connect refused, reset, timed out), a 429 or a 5xx. Any other 4xx will fail the same
/// way next time.
pub fn is_retryable(error: &reqwest::Error) -> bool {
    match error.status() {
        Some(status) => {
            status == reqwest::StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
        }
        // A status error carries its status; no status means no answer (or a broken one).
        None => error.is_connect() || error.is_timeout() || error.is_request(),
    }
}

/// The request a loop calls once per attempt.
pub trait Request: FnMut() -> Self::Attempt {
    /// One attempt in flight.
    type Attempt: Future<Output = Sent>;
}

impl<F, Fut> Request for F
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Sent>,
{
    type Attempt = Fut;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expected_curve_doubles_to_the_cap() {
        let config = Config::USUAL;
        let ms: Vec<u128> = (0..=9)
            .map(|n| config.expected_ceiling(n).as_millis())
            .collect();
        assert_eq!(
            ms,
            [0, 100, 200, 400, 800, 1_600, 3_200, 6_400, 10_000, 10_000]
        );
        assert_eq!(config.expected_ceiling(u32::MAX), config.cap);
    }

    #[test]
    fn full_jitter_stays_within_zero_and_its_bound() {
        let max = Duration::from_millis(250);
        for seed in 0..200 {
            let d = Jitter::seeded(seed).up_to(3, max);
            assert!(d <= max);
        }
        assert_eq!(Jitter::seeded(9).up_to(1, Duration::ZERO), Duration::ZERO);
        // The largest bound converts back without overflow.
        assert!(Jitter::seeded(9).up_to(1, Duration::MAX) <= Duration::MAX);
    }

    #[test]
    fn draws_are_spread_over_the_range() {
        // A crude check that the draw is not stuck: 1 000 draws into ten bins, each bin gets
        // between 50 and 150 (the expected 100, give or take five standard deviations).
        let mut bins = [0u32; 10];
        for retry in 0..1_000 {
            let d = Jitter::seeded(42).up_to(retry, Duration::from_millis(1_000));
            bins[(d.as_millis() as usize).min(999) / 100] += 1;
        }
        assert!(bins.iter().all(|&b| (50..=150).contains(&b)), "{bins:?}");
    }
}
