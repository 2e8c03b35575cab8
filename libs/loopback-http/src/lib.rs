//! A real HTTP server on loopback, for the labs whose lesson is what a client does to a server.
//!
//! Several labs need the other end of an HTTP conversation: how many connections a client
//! opens, how many requests it has in flight at once, how fast they arrive. A mock would only
//! tell us what we told it, so this is hyper's own HTTP/1.1 server on `127.0.0.1`, on a port the
//! OS picks, answering with a handler the lab writes. Around the handler it counts what a
//! server operator would watch: connections accepted, requests answered, requests in flight
//! (and the peak), and when each request arrived.
//!
//! It is safe to start from any test or demo:
//! - it binds loopback only, never a fixed port, so two tests never collide;
//! - it is bounded: after [`Limits::max_connections`] it stops accepting, and requests past
//!   [`Limits::max_requests`] are answered `503` without running the handler;
//! - it stops when the [`Server`] is dropped (the accept loop and every connection are
//!   aborted), so a failing test, whose values are dropped as it unwinds, stops it too.
//!
//! Times are read from Tokio's clock, so under a paused clock the arrival times are as exact
//! as the sleeps that produced them. The server has no timer of its own (hyper's header-read
//! timeout is off), so it never gives a paused clock a reason to jump.
//!
//! ```no_run
//! # async fn example() -> std::io::Result<()> {
//! use loopback_http::{Server, text};
//! let server = Server::start(|_request| async { text(200, "hello") }).await?;
//! // ... point a client at server.url() ...
//! assert_eq!(server.counts().requests, 0);
//! # Ok(()) }
//! ```

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::Full;
use hyper::body::{Body, Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;

/// How much one server accepts before it stops serving.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections accepted before the accept loop ends.
    pub max_connections: usize,
    /// Requests handed to the handler; later ones get `503 Service Unavailable`.
    pub max_requests: usize,
}

impl Default for Limits {
    /// Far more than any lab's load, far less than could exhaust the machine.
    fn default() -> Limits {
        Limits {
            max_connections: 20_000,
            max_requests: 200_000,
        }
    }
}

/// What the server has seen so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// TCP connections accepted.
    pub connections: usize,
    /// Requests that reached the handler (or were refused for the request limit).
    pub requests: usize,
    /// Requests whose response is not finished yet.
    pub in_flight: usize,
    /// The most requests ever in flight at once.
    pub peak_in_flight: usize,
}

/// The counters, shared by the accept loop, every connection and the [`Server`] handle.
#[derive(Debug, Default)]
struct Stats {
    connections: AtomicUsize,
    requests: AtomicUsize,
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
    /// A `Mutex`, not a lock-free log: one push per request is nothing next to the request.
    arrivals: Mutex<Vec<Duration>>,
}

impl Stats {
    /// Counts a request in, and returns the guard that counts it out when dropped (also when
    /// the client hangs up and hyper drops the handler's future half-way).
    fn arrive(self: &Arc<Stats>, at: Duration) -> InFlight {
        self.requests.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak_in_flight.fetch_max(now, Ordering::SeqCst);
        self.arrivals
            .lock()
            .expect("no holder of this lock panics")
            .push(at);
        InFlight(Arc::clone(self))
    }
}

/// One request in flight; dropping it counts the request out.
struct InFlight(Arc<Stats>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A running loopback server; dropping it stops it.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    stats: Arc<Stats>,
    accept: JoinHandle<()>,
}

impl Server {
    /// Binds `127.0.0.1:0` and serves `handler` from a task of the current runtime, with the
    /// default [`Limits`].
    pub async fn start<H, F, B>(handler: H) -> std::io::Result<Server>
    where
        H: Fn(Request<Incoming>) -> F + Send + Sync + 'static,
        F: Future<Output = Response<B>> + Send + 'static,
        B: Body<Data = Bytes> + Send + 'static,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        Server::start_with(Limits::default(), handler).await
    }

    /// As [`Server::start`], with limits of the caller's choosing.
    pub async fn start_with<H, F, B>(limits: Limits, handler: H) -> std::io::Result<Server>
    where
        H: Fn(Request<Incoming>) -> F + Send + Sync + 'static,
        F: Future<Output = Response<B>> + Send + 'static,
        B: Body<Data = Bytes> + Send + 'static,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let stats = Arc::new(Stats::default());
        let handler = Arc::new(handler);
        let started = Instant::now();
        let accept = tokio::spawn({
            let stats = Arc::clone(&stats);
            async move {
                // Owned by the accept task: aborting it drops the set, which aborts them all.
                let mut connections = JoinSet::new();
                for _ in 0..limits.max_connections {
                    let Ok((stream, _)) = listener.accept().await else {
                        break;
                    };
                    stats.connections.fetch_add(1, Ordering::SeqCst);
                    let (stats, handler) = (Arc::clone(&stats), Arc::clone(&handler));
                    let service = service_fn(move |request| {
                        let guard = stats.arrive(started.elapsed());
                        let over = stats.requests.load(Ordering::SeqCst) > limits.max_requests;
                        let handler = Arc::clone(&handler);
                        async move {
                            let _guard = guard;
                            let response = if over {
                                refused()
                            } else {
                                handler(request).await.map(Either::Left)
                            };
                            Ok::<_, Infallible>(response)
                        }
                    });
                    connections.spawn(async move {
                        // A connection the client dropped is its business, not an error here.
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                    // Reap the finished ones as we go, so the set stays small.
                    while connections.try_join_next().is_some() {}
                }
                // Past the connection limit: keep serving the open ones until dropped.
                while connections.join_next().await.is_some() {}
            }
        });
        Ok(Server {
            addr,
            stats,
            accept,
        })
    }

    /// The server's address (always on 127.0.0.1).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The URL of the server's root, `http://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The counters as they are now.
    pub fn counts(&self) -> Counts {
        Counts {
            connections: self.stats.connections.load(Ordering::SeqCst),
            requests: self.stats.requests.load(Ordering::SeqCst),
            in_flight: self.stats.in_flight.load(Ordering::SeqCst),
            peak_in_flight: self.stats.peak_in_flight.load(Ordering::SeqCst),
        }
    }

    /// When each request arrived, since the server started, on Tokio's clock.
    pub fn arrivals(&self) -> Vec<Duration> {
        self.stats
            .arrivals
            .lock()
            .expect("no holder of this lock panics")
            .clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// A response with a small text body, for handlers that only need a status and a word.
pub fn text(status: u16, body: &'static str) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .body(Full::new(Bytes::from_static(body.as_bytes())))
        .expect("a valid status and a static body make a response")
}

/// Either the handler's own response or the server's refusal, as one body type.
type Either<B> = http_body_util::Either<B, Full<Bytes>>;

/// The answer past the request limit.
fn refused<B>() -> Response<Either<B>> {
    let mut response = Response::new(Either::Right(Full::new(Bytes::from_static(
        b"request limit reached",
    ))));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    response
}
