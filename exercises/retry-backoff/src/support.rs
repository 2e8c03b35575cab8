//! What the exercise gives you: the configuration, the jitter's random draws, a loopback HTTP
//! server that answers by a script, and the client. You do not need to change this file.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use reqwest::StatusCode;
use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};

/// The policy's knobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The wait before the first retry.
    pub base: Duration,
    /// The longest any one wait may be, jitter included.
    pub cap: Duration,
    /// Retries after the first attempt (so `max_retries + 1` attempts at most).
    pub max_retries: u32,
}

/// The jitter's source: one random 64-bit draw per retry, from a seed, the same every time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Jitter(pub u64);

impl Jitter {
    /// The draw for retry `retry` (SplitMix64 of the seed and the retry number).
    pub fn draw(self, retry: u32) -> u64 {
        let mut z = self.0.wrapping_add(
            u64::from(retry)
                .wrapping_add(1)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A loopback HTTP server answering `first[i]` to request `i`, then `then` to every request
/// after; it stops when dropped.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<usize>>,
    accept: JoinHandle<()>,
}

impl Server {
    /// Starts one on `127.0.0.1`, a port the OS picks, in the current runtime.
    pub async fn start(first: Vec<StatusCode>, then: StatusCode) -> Server {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .expect("a loopback port");
        let addr = listener.local_addr().expect("a bound address");
        let requests = Arc::new(Mutex::new(0));
        let first = Arc::new(first);
        let accept = tokio::spawn({
            let requests = Arc::clone(&requests);
            async move {
                let mut connections = JoinSet::new();
                // At most a thousand connections: a loop that hammers it is stopped.
                for _ in 0..1_000 {
                    let Ok((stream, _)) = listener.accept().await else {
                        break;
                    };
                    let (requests, first) = (Arc::clone(&requests), Arc::clone(&first));
                    let service = service_fn(move |_request| {
                        let status = {
                            let mut count = requests.lock().expect("no answer panics");
                            *count += 1;
                            first.get(*count - 1).copied().unwrap_or(then)
                        };
                        let response = hyper::Response::builder()
                            .status(status)
                            .body(Full::new(Bytes::from_static(b"")))
                            .expect("a response");
                        async move { Ok::<_, Infallible>(response) }
                    });
                    connections.spawn(async move {
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                    while connections.try_join_next().is_some() {}
                }
            }
        });
        Server {
            addr,
            requests,
            accept,
        }
    }

    /// The URL to call.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        *self.requests.lock().expect("no answer panics")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// The client to call the server with: plain HTTP, no proxy, no idle-pool timer (so that the
/// paused clock of the tests never jumps while a request is in flight).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .pool_idle_timeout(None)
        .build()
        .expect("a plain HTTP client")
}
