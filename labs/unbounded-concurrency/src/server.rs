//! The API the job calls: the workspace's loopback HTTP/1.1 server, answering
//! `GET /items/<id>` after a latency of the lab's choosing, and counting what a server's
//! operator would watch.
//!
//! The server is [`loopback_http::Server`]: it binds `127.0.0.1:0`, is bounded in connections
//! and requests, stops when dropped, and counts requests in flight (and their peak) and when
//! each one arrived, on Tokio's clock. Under a paused clock the latency is a `sleep`, so a job
//! of a thousand requests at 10 ms each takes no real time, and its instants are exact.
//!
//! [`Http`] is the [`Fetch`] that calls it: one `reqwest::Client` (one pool) for the whole job,
//! so that the connections the server accepts follow the requests in flight at once.

use std::sync::Arc;
use std::time::Duration;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Request, Response};
use loopback_http::{Limits, Server};

use crate::contract::{Fetch, Fetching, expected};
use crate::wire::Wire;

/// How long the server takes to answer item `id`.
#[derive(Clone)]
pub struct Latency(Arc<dyn Fn(u64) -> Duration + Send + Sync>);

impl Latency {
    /// Every item at once: the bench's server, where the client's own costs are the lesson.
    pub fn zero() -> Latency {
        Latency::fixed(Duration::ZERO)
    }

    /// Every item takes `each`.
    pub fn fixed(each: Duration) -> Latency {
        Latency(Arc::new(move |_| each))
    }

    /// Item `id` takes `slow` when `id % every == 0`, else `fast`: one slow item in every run
    /// of `every` consecutive ids, so a job that waits for whole batches waits for it each time.
    pub fn one_slow_in(every: u64, fast: Duration, slow: Duration) -> Latency {
        let every = every.max(1);
        Latency(Arc::new(
            move |id| if id % every == 0 { slow } else { fast },
        ))
    }

    /// The latency of item `id`.
    pub fn of(&self, id: u64) -> Duration {
        (self.0)(id)
    }
}

impl std::fmt::Debug for Latency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Latency(item 1: {:?})", self.of(1))
    }
}

/// Something to run when a request arrives, before the latency (the probe samples the heap).
pub type OnArrival = Arc<dyn Fn() + Send + Sync>;

/// Starts the API with the given latency, bounded a little past `requests`.
pub async fn start(latency: Latency, requests: usize) -> std::io::Result<Server> {
    start_watched(latency, requests, None, None).await
}

/// As [`start`], running `on_arrival` in the handler of every request, and counting on
/// `wire` (on a paused clock: see [`crate::wire`]).
pub async fn start_watched(
    latency: Latency,
    requests: usize,
    on_arrival: Option<OnArrival>,
    wire: Option<Wire>,
) -> std::io::Result<Server> {
    let limits = Limits {
        // A connection per request at most: the unbounded variants open one per request in
        // flight, and a request in flight is one the pool cannot hand to another.
        max_connections: requests + 1,
        max_requests: requests,
    };
    Server::start_with(limits, move |request: Request<hyper::body::Incoming>| {
        let id = item_id(request.uri().path());
        let wait = id.map(|id| latency.of(id)).unwrap_or_default();
        if let Some(hook) = &on_arrival {
            hook();
        }
        let handling = wire.as_ref().map(Wire::arrive);
        async move {
            let _handling = handling;
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            match id {
                Some(id) => answer(200, expected(id).to_string()),
                None => answer(404, "no such item".to_string()),
            }
        }
    })
    .await
}

/// The id in `/items/<id>`.
fn item_id(path: &str) -> Option<u64> {
    path.strip_prefix("/items/")?.parse().ok()
}

fn answer(status: u16, body: String) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .body(Full::new(Bytes::from(body)))
        .expect("a valid status and a body make a response")
}

/// The client every job uses: plain HTTP, no proxy, and no idle-pool timer (the pool's reaper
/// would be one more timer for a paused clock to jump to, long after the job).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .pool_idle_timeout(None)
        .build()
        .expect("a plain HTTP client builds")
}

/// Fetches items from the loopback API through one shared `reqwest::Client`.
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
    base: Arc<str>,
    wire: Option<Wire>,
}

impl Http {
    /// A fetcher for the API at `server`, with a fresh client (an empty pool).
    pub fn new(server: &Server) -> Http {
        Http::at(&server.url())
    }

    /// A fetcher for the API at `base` (`http://127.0.0.1:<port>/`), with a fresh client: for
    /// a server running on a runtime of its own, whose [`Server`] handle lives there.
    pub fn at(base: &str) -> Http {
        Http {
            client: client(),
            base: base.into(),
            wire: None,
        }
    }

    /// The same, counting its requests on `wire` (on a paused clock: see [`crate::wire`]).
    pub fn on_wire(self, wire: Wire) -> Http {
        Http {
            wire: Some(wire),
            ..self
        }
    }
}

impl Fetch for Http {
    fn fetch(&self, id: u64) -> Fetching {
        let (client, url) = (self.client.clone(), format!("{}items/{id}", self.base));
        let wire = self.wire.clone();
        Box::pin(async move {
            // Counted from the first poll, when the request is really sent.
            let awaited = wire.as_ref().map(Wire::send);
            let response = client.get(url).send().await;
            drop(awaited);
            let body = response?.error_for_status()?.text().await?;
            Ok(body.trim().parse()?)
        })
    }
}
