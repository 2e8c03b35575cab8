//! # One task per input, and a concurrency cap called a rate limit
//!
//! A sync job has `N` things to fetch from an API (messages, files, pages), each one an
//! independent request. The first version spawns a task per input and awaits the handles, or
//! builds every future and hands them to `join_all`. It is fast on the test data. Then `N`
//! is ten thousand: ten thousand requests in flight at the same instant, ten thousand
//! connections (a pooled connection carries one HTTP/1.1 request at a time), ten thousand
//! tasks with their buffers in memory, and a server that sees the whole job land at once and
//! answers with errors. Nothing in the code says how much may run at once, so the input's
//! size says it.
//!
//! The second version reads a guide and adds a `Semaphore(5)` inside every future *and*
//! `buffer_unordered(5)` around them, and calls it rate limiting. It does cap what is in
//! flight (the stream alone already did: the semaphore never makes anyone wait), and it caps
//! nothing per second: five in flight against a server that answers in 10 ms is 500 requests
//! a second. A concurrency cap bounds how many requests are *unfinished*; a quota bounds how
//! many *start* per unit of time. They are different numbers, and an API states the second.
//!
//! The fix for the first: a cap that is applied where requests *start*. `buffer_unordered(k)`
//! on a stream of fetches, or, for spawned tasks, a `JoinSet` that waits for one task before
//! spawning past `k`, or a semaphore permit acquired *before* the spawn and moved into the
//! task. The fix for the second: a rate limiter in front of the request (`governor`'s GCRA
//! here), next to the cap, each bounding its own thing.
//!
//! Every variant is an `async fn(&Fetcher, ids, Bounds) -> Answers` ([`contract`]), run by the
//! tests, the bench in `benches/unbounded-concurrency.rs`, the demo and the probe against the
//! same API: [`server`], the workspace's loopback HTTP/1.1 server, which counts requests in
//! flight and when each one arrived ([`memory`] is the same API without sockets, for the
//! property tests).
//!
//! | variant | module | what it does | caps in flight | keeps a quota |
//! | --- | --- | --- | --- | --- |
//! | `anti` | [`anti`] | `tokio::spawn` per input, handles awaited | no | no |
//! | `join-all` | [`join_all`] | every future built, then `join_all` | no | no |
//! | `fixed` | [`fixed`] | `buffer_unordered(k)` | yes | no |
//! | `join-set` | [`join_set`] | a `JoinSet` kept at most `k` long | yes | no |
//! | `owned-permits` | [`owned_permits`] | a permit acquired before each spawn | yes | no |
//! | `semaphore-and-buffer` | [`semaphore_and_buffer`] | the guides' semaphore plus `buffer_unordered` | yes | no |
//! | `governor` | [`governor_limit`] | `buffer_unordered(k)` plus a GCRA rate limit | yes | yes |
//!
//! [`variants`] names them ([`Variant`]); [`scenario`] runs one against the server and reads
//! what it saw; [`rate`] is the rate limiter and the arithmetic of windows; [`limit`] is the
//! bench's floor, `k` plain loops over a shared counter.

pub mod anti;
pub mod contract;
pub mod fixed;
pub mod governor_limit;
pub mod join_all;
pub mod join_set;
pub mod limit;
pub mod memory;
pub mod owned_permits;
pub mod rate;
pub mod scenario;
pub mod semaphore_and_buffer;
pub mod server;
pub mod variants;
pub mod wire;

pub use contract::{Answers, Bounds, Fetch, Fetcher, Fetching, expected};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use loopback_http::{Counts, Server};
pub use scenario::{Outcome, Scenario, paused_runtime};
pub use server::Latency;
pub use variants::Variant;
