//! The loopback HTTP server the tests and the demo retry against: hyper's HTTP/1 server on
//! `127.0.0.1`, a port the OS picks, answering by a [`Script`].
//!
//! It runs as a task of the runtime that started it, with no timer of its own (hyper's
//! header-read timeout needs one, so it is off), and the client is built with no pool timer
//! ([`client`]). Under a paused clock that matters: while a request is in flight, no timer is
//! pending anywhere, so Tokio waits for the socket instead of jumping the clock, and the only
//! time that passes is the loops' own sleeps, exactly. It stops when the [`Server`] is dropped
//! (the accept loop and every connection are aborted), so a failing test stops it too, and it
//! accepts at most [`MAX_CONNECTIONS`] connections in any case.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;

use crate::script::{Log, Script};

/// The most connections one server accepts before it stops by itself.
pub const MAX_CONNECTIONS: usize = 10_000;

/// A running loopback server; dropping it stops it.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    log: Arc<Mutex<Log>>,
    accept: JoinHandle<()>,
}

impl Server {
    /// Binds `127.0.0.1:0` and serves `script` from a task of the current runtime.
    pub async fn start(script: Script) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let log = Arc::new(Mutex::new(Log::default()));
        let started = Instant::now();
        let script = Arc::new(script);
        let accept = tokio::spawn({
            let log = Arc::clone(&log);
            async move {
                // Owned by the accept task: aborting it drops the set, which aborts them all.
                let mut connections = JoinSet::new();
                for _ in 0..MAX_CONNECTIONS {
                    let Ok((stream, _)) = listener.accept().await else {
                        break;
                    };
                    let (log, script) = (Arc::clone(&log), Arc::clone(&script));
                    let service = service_fn(move |_request| {
                        let status = log
                            .lock()
                            .expect("no answer panics")
                            .answer(&script, started.elapsed());
                        let response = hyper::Response::builder()
                            .status(status)
                            .body(Full::new(Bytes::from_static(b"")))
                            .expect("a status and an empty body make a response");
                        async move { Ok::<_, Infallible>(response) }
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
            }
        });
        Ok(Server { addr, log, accept })
    }

    /// The URL to call.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.log.lock().expect("no answer panics").arrivals.len()
    }

    /// When each request arrived, since the server started (Tokio's clock).
    pub fn arrivals(&self) -> Vec<Duration> {
        self.log.lock().expect("no answer panics").arrivals.clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// The client every loop here uses: plain HTTP, no proxy, and no idle-pool timer (the pool's
/// reaper would be a timer pending during requests, which a paused clock could jump to).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .pool_idle_timeout(None)
        .build()
        .expect("a plain HTTP client builds")
}
