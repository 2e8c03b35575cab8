//! The items API the job calls (not part of the exercise: leave this file as it is).
//!
//! `Api::item(id)` GETs item `id` from the API and returns its value. The future it returns
//! owns everything it needs (`'static`), so it can be awaited in place, pushed into a stream,
//! or handed to `tokio::spawn`. Nothing is sent until it is first polled.

use std::future::Future;

use unbounded_concurrency::Fetch;
use unbounded_concurrency::server::Http;
use unbounded_concurrency::wire::Wire;

/// The most requests the API accepts in flight from one job: its operators size it for that.
pub const MAX_IN_FLIGHT: usize = 8;

/// A client of the items API; clones share one connection pool.
#[derive(Debug, Clone)]
pub struct Api {
    http: Http,
}

impl Api {
    /// A client of the API at `base` (`http://127.0.0.1:<port>/`).
    pub fn new(base: &str) -> Api {
        Api {
            http: Http::at(base),
        }
    }

    /// For the tests: count requests on `wire`, which holds a paused clock while one is on
    /// its way (see the lab's `wire` module).
    #[doc(hidden)]
    pub fn on_wire(self, wire: Wire) -> Api {
        Api {
            http: self.http.on_wire(wire),
        }
    }

    /// GETs item `id`: its value, or what went wrong.
    pub fn item(&self, id: u64) -> impl Future<Output = anyhow::Result<u64>> + Send + 'static {
        self.http.fetch(id)
    }
}
