//! Every variant of the lab, by the name the bench, the demo and the book use.
//!
//! [`Variant`] derives clap's `ValueEnum`, so the names and their order are written once, here,
//! and read everywhere through [`evidence::Variants`]. This is the only file that knows every
//! variant module. A variant is a policy and a loop: the policy variants run in the reference
//! loop ([`fixed::call`]), the loop variants run the reference policy ([`fixed::Policy`]), so
//! each one differs from the fix in one place only.

use std::fmt;

use evidence::Variants;

use crate::contract::{Backoff, Config, Jitter, Request, Sent};
use crate::{
    anti, backon, fixed, from_millis, jitter_after_cap, linear, never_retried, off_by_one,
    threshold, u32_pow, unreachable,
};

/// Every variant: the anti-pattern, the reference fix, the crate, then the guides' policies,
/// then the guides' loops (the order of every table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// `base_ms × 2ⁿ` in `u64`: no cap, overflows at retry 58.
    Anti,
    /// Capped exponential, full jitter, checked arithmetic; status read; a deadline.
    Fixed,
    /// backon's `ExponentialBuilder` with jitter, both ends halved, and its own loop.
    Backon,
    /// `base × n`, called exponential.
    Linear,
    /// Nothing for five retries, then `32 × base` for ever.
    Threshold,
    /// `(base × 2_u32.pow(n - 1)).min(cap)`: overflows at retry 33, underflows at 0.
    U32Pow,
    /// Doubling, capped, then `rand % (wait / 10)` ms added: over the cap, and `% 0`.
    JitterAfterCap,
    /// tokio-retry's `ExponentialBackoff::from_millis(base)`: `baseⁿ` ms, not doubling.
    FromMillis,
    /// The reference policy in a loop that retries one time too few.
    OffByOne,
    /// The reference policy in `for attempt in 0..max_retries { .. } unreachable!()`.
    Unreachable,
    /// The reference policy in a loop that retries only when `send()` fails.
    NeverRetried,
}

/// What a variant gets wrong; `tests/` checks each answer against what the variant does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Faults {
    /// Some wait is longer than the cap.
    pub over_cap: bool,
    /// The curve does not start at the base and double until the cap.
    pub not_doubling: bool,
    /// A later wait on the curve is shorter than an earlier one (an overflow that wrapped).
    pub decreases: bool,
    /// Some retry number, configuration or count panics.
    pub panics: bool,
    /// The waits do not depend on the seed: clients that fail together retry together.
    pub lockstep: bool,
    /// A loop that always fails does not make `max_retries + 1` attempts.
    pub wrong_count: bool,
    /// A 429 (or 503) is handed back after one attempt instead of retried.
    pub misses_429: bool,
    /// It sleeps past the deadline (or has none).
    pub ignores_deadline: bool,
}

impl Faults {
    /// Whether nothing is wrong.
    pub fn none(self) -> bool {
        self == Faults::default()
    }
}

/// The same fault, told apart by the build: an overflow panics in a debug build and wraps in a
/// release build (`overflow-checks` follows `debug-assertions` in both profiles).
const DEBUG: bool = cfg!(debug_assertions);

impl Variant {
    /// This variant's policy.
    pub fn policy(self) -> &'static dyn Backoff {
        match self {
            Variant::Anti => &anti::Policy,
            Variant::Backon => &backon::Policy,
            Variant::Linear => &linear::Policy,
            Variant::Threshold => &threshold::Policy,
            Variant::U32Pow => &u32_pow::Policy,
            Variant::JitterAfterCap => &jitter_after_cap::Policy,
            Variant::FromMillis => &from_millis::Policy,
            Variant::Fixed | Variant::OffByOne | Variant::Unreachable | Variant::NeverRetried => {
                &fixed::Policy
            }
        }
    }

    /// Calls `request` through this variant's loop and policy.
    pub async fn call<R: Request>(self, config: &Config, jitter: Jitter, request: R) -> Sent {
        let policy = self.policy();
        match self {
            Variant::Backon => backon::call(config, jitter, request).await,
            Variant::OffByOne => off_by_one::call(policy, config, jitter, request).await,
            Variant::Unreachable => unreachable::call(policy, config, jitter, request).await,
            Variant::NeverRetried => never_retried::call(policy, config, jitter, request).await,
            Variant::Anti
            | Variant::Fixed
            | Variant::Linear
            | Variant::Threshold
            | Variant::U32Pow
            | Variant::JitterAfterCap
            | Variant::FromMillis => fixed::call(policy, config, jitter, request).await,
        }
    }

    /// What this variant gets wrong. A `match`, so a new variant cannot be added without
    /// deciding; `tests/faults.rs` checks every answer.
    pub fn faults(self) -> Faults {
        let none = Faults::default();
        match self {
            Variant::Fixed | Variant::Backon => none,
            Variant::Anti => Faults {
                over_cap: true,
                not_doubling: true,
                decreases: !DEBUG,
                panics: DEBUG,
                lockstep: true,
                ..none
            },
            Variant::Linear => Faults {
                over_cap: true,
                not_doubling: true,
                lockstep: true,
                ..none
            },
            Variant::Threshold => Faults {
                over_cap: true,
                not_doubling: true,
                lockstep: true,
                ..none
            },
            Variant::U32Pow => Faults {
                not_doubling: !DEBUG,
                decreases: !DEBUG,
                panics: DEBUG,
                lockstep: true,
                ..none
            },
            Variant::JitterAfterCap => Faults {
                over_cap: true,
                not_doubling: true,
                panics: true,
                ..none
            },
            Variant::FromMillis => Faults {
                not_doubling: true,
                lockstep: true,
                ..none
            },
            Variant::OffByOne => Faults {
                wrong_count: true,
                ignores_deadline: true,
                ..none
            },
            Variant::Unreachable => Faults {
                wrong_count: true,
                panics: true,
                ignores_deadline: true,
                ..none
            },
            Variant::NeverRetried => Faults {
                wrong_count: true,
                misses_429: true,
                ..none
            },
        }
    }

    /// The variants that get nothing wrong.
    pub fn correct() -> impl Iterator<Item = Variant> {
        Variant::all().iter().copied().filter(|v| v.faults().none())
    }
}

impl fmt::Display for Variant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}
