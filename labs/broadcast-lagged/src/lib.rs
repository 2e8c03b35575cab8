//! # A subscriber that quits when it lags
//!
//! An application publishes events on a `tokio::sync::broadcast` channel (an event bus,
//! metrics, notifications) and each part that cares subscribes: the UI, a logger, a task that
//! forwards to a backend. The loop everyone writes for a subscriber is
//!
//! ```text
//! while let Ok(event) = rx.recv().await {
//!     handle(event).await;
//! }
//! ```
//!
//! and it reads as "until the channel closes". It works until one subscriber is slower than
//! a burst: the forwarder waits on the network while the publisher sends two hundred events
//! into a channel of a hundred.
//!
//! **The mechanism.** A `broadcast` channel is one ring of `capacity` slots shared by every
//! receiver; each receiver only keeps its position in it. The sender never waits: when the
//! ring is full it overwrites the oldest slot, whether or not every receiver has read it. A
//! receiver that was behind finds its position overwritten, and its next `recv` returns
//! `Err(RecvError::Lagged(n))`, the number it lost, then moves it to the oldest event still
//! there. `while let Ok` treats that error like `Closed`: the loop ends, the task finishes,
//! nothing is logged, and from then on that part of the application hears nothing, while the
//! publisher (whose sends still succeed, for the other receivers) knows nothing of it.
//!
//! **The fixes**: match the error, count `Lagged(n)` and go on ([`fixed`]); size the ring
//! for the slowest consumer's worst burst; when only the newest value matters, a `watch`
//! ([`latest`]); when every event must arrive, a bounded `mpsc` queue per subscriber, so the
//! publisher waits instead of overwriting ([`fan_out`]).
//!
//! Every subscriber takes its receiver and a [`Consumer`] and returns a [`Report`]
//! ([`contract`]); [`scenario`] runs one publisher and several subscribers on one
//! current-thread runtime, so the tests, the bench in `benches/broadcast-lagged.rs`, the demo
//! and the probe see the same schedule:
//!
//! | variant | module | channel, and what the subscriber does on a lag | quits | loses silently |
//! | --- | --- | --- | --- | --- |
//! | `anti` | [`anti`] | `broadcast`, `while let Ok`: stops | yes | yes |
//! | `fixed` | [`fixed`] | `broadcast`, counts `Lagged(n)`, goes on | no | no |
//! | `latest` | [`latest`] | `watch`, newest only, gaps counted | no | no |
//! | `fan-out` | [`fan_out`] | one bounded `mpsc` each: never lags | no | no |
//! | `resubscribe` | [`resubscribe`] | `broadcast`, `resubscribe()` | no | yes |
//!
//! [`variants`] names them ([`Variant`]); [`limit`] is the bench's floor, subscribers that
//! only count.

pub mod anti;
pub mod contract;
pub mod fan_out;
pub mod fixed;
pub mod latest;
pub mod limit;
pub mod resubscribe;
pub mod scenario;
pub mod variants;

pub use contract::{Consumer, Ended, Event, Report};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use scenario::{Run, Scenario};
pub use variants::Variant;
