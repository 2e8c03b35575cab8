//! # A backoff that does not back off
//!
//! A request fails (the server says 429, "too many requests", or 503, or nothing at all), and
//! the client tries again after a wait that grows with every failure, so that a struggling
//! server gets room to recover and a crowd of clients spreads out. That is exponential backoff,
//! and the snippets the guides print for it get it wrong in more ways than any other:
//!
//! - the wait is `base × n` and called exponential (it is linear), or nothing five times and
//!   then the same 32 minutes for ever;
//! - the wait is `base × 2ⁿ` with no cap and unchecked arithmetic: minutes by retry 10, days by
//!   retry 20, and past the integer's width a debug build panics while a release build wraps
//!   the wait to zero and retries in a hot loop;
//! - jitter is added after the cap, so the wait passes the cap, with a `% (wait / 10)` that
//!   divides by zero for a small base;
//! - the loop retries once too few, or panics with `unreachable!()` when told not to retry;
//! - tokio-retry's `ExponentialBackoff::from_millis(100)` is read as 100, 200, 400 ms (it is
//!   100 ms, then 100² ms);
//! - and the loop matches on `send()`'s error, when a 429 is an `Ok(Response)`: it is never
//!   retried at all.
//!
//! The fix: a curve `min(base × 2ⁿ⁻¹, cap)` in checked arithmetic, a wait drawn uniformly
//! under it (full jitter, so a herd of clients that failed together does not come back
//! together), a loop that reads the status (`error_for_status()`) and retries only 429, 5xx and
//! no answer, counts retries and not attempts, and stops before a wait that would end past a
//! deadline.
//!
//! Every variant is a policy ([`contract::Backoff`]: retry `n` → wait) and a loop (an `async
//! fn` over any request returning `reqwest`'s result), and each differs from the fix in one
//! place:
//!
//! | variant | module | what is wrong |
//! | --- | --- | --- |
//! | `anti` | [`anti`] | `base_ms × 2_u64.pow(n)`: no cap, overflow, no jitter |
//! | `fixed` | [`fixed`] | nothing: capped, full jitter, checked; status read; deadline |
//! | `backon` | [`backon`] | nothing, once its additive jitter is kept under the cap |
//! | `linear` | [`linear`] | `base × n` |
//! | `threshold` | [`threshold`] | 0 for five retries, then `32 × base` |
//! | `u32-pow` | [`u32_pow`] | `2_u32.pow(n - 1)`: overflow at 33, underflow at 0 |
//! | `jitter-after-cap` | [`jitter_after_cap`] | jitter over the cap, `% 0` |
//! | `from-millis` | [`from_millis`] | tokio-retry's `baseⁿ` ms |
//! | `off-by-one` | [`off_by_one`] | one retry too few |
//! | `unreachable` | [`unreachable`] | one too few, `unreachable!()` at 0 |
//! | `never-retried` | [`never_retried`] | a 429 is an `Ok`: not retried |
//!
//! [`variants`] names them and says what each gets wrong ([`Faults`]); [`properties`] is the
//! rules as code, which the tests and the probe run; [`server`] is the loopback HTTP server
//! and [`memory`] the same [`Script`] without a socket, for the experiments that need
//! thousands of loops ([`herd`]).

pub mod anti;
pub mod backon;
pub mod contract;
pub mod fixed;
pub mod from_millis;
pub mod herd;
pub mod jitter_after_cap;
pub mod linear;
pub mod memory;
pub mod never_retried;
pub mod off_by_one;
pub mod properties;
pub mod script;
pub mod server;
pub mod threshold;
pub mod u32_pow;
pub mod unreachable;
pub mod variants;

pub use contract::{Backoff, Config, Jitter, Sent};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use memory::Memory;
/// The status codes the scripts and the tests speak in.
pub use reqwest::StatusCode;
pub use script::Script;
pub use server::Server;
pub use variants::{Faults, Variant};
