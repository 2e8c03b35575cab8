//! # A new HTTP client per request
//!
//! A sync job calls an HTTP API a few hundred times: fetch every changed item, one GET each.
//! The function that does one GET needs a client, so it writes `reqwest::Client::new()` and
//! goes on. Each request now opens a TCP connection of its own (on a real network: a DNS
//! lookup, the TCP handshake's round trip, and over HTTPS a TLS handshake of one or two more),
//! and closes it when the function returns, leaving a socket in `TIME_WAIT` for a minute.
//!
//! The mechanism: a `reqwest::Client` is not a thin handle, it is the connection pool. Idle
//! connections live in it, and a request that finds one skips the connect. A `Client` made
//! for one request starts with an empty pool and is dropped, pool and all, as soon as the
//! response is read. Nothing is wrong with any single call; the cost is in the count.
//!
//! The fix: build one `Client` where the job starts (it is an `Arc` inside: clone it freely)
//! and send every request through it. Then the connections the job opens follow the requests
//! it has in flight at once, not the requests it makes. Pool settings can undo it:
//! `pool_max_idle_per_host(0)` keeps no connection, and a cap under the job's concurrency
//! (the guide's `8` for a job of 64 at once) closes the surplus after every burst.
//!
//! | variant | module | what it does |
//! | --- | --- | --- |
//! | `anti` | [`anti`] | `Client::new()` per request |
//! | `fixed` | [`fixed`] | one `Client`, shared |
//! | `no-idle-pool` | [`no_idle_pool`] | one `Client`, `pool_max_idle_per_host(0)` |
//! | `guide-pool` | [`guide`] | the guide's settings, at most 8 idle connections |
//!
//! Around them: [`job`] is the sync job every variant runs, [`server`] the loopback API it
//! calls (the workspace's HTTP/1.1 server, which counts connections), [`sockets`] reads the
//! client's sockets from `/proc`, and [`limit`] is the floor: HTTP/1.1 by hand over kept-alive
//! connections.

pub mod anti;
pub mod contract;
pub mod fixed;
pub mod guide;
pub mod job;
pub mod limit;
pub mod no_idle_pool;
pub mod server;
pub mod sockets;
pub mod variants;

pub use contract::{ApiClient, Fetched};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use job::Job;
pub use loopback_http::{Counts, Limits, Server};
pub use variants::Variant;
