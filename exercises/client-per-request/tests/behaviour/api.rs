//! The items API the tests call: the loopback server with a handler that answers
//! `GET /items/<id>` with `item <id>`, or 503 for some ids, or holds the first few requests
//! until they are all in flight.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::{Request, Response};
use loopback_http::Server;
use tokio::sync::Barrier;

/// How the API answers.
#[derive(Debug, Clone)]
pub struct Items {
    fail_every: Option<usize>,
    meet: Option<(usize, Arc<Barrier>)>,
}

impl Items {
    /// Every item answered.
    pub fn ok() -> Items {
        Items {
            fail_every: None,
            meet: None,
        }
    }

    /// Items whose id is a multiple of `n` answered 503.
    pub fn failing_every(n: usize) -> Items {
        Items {
            fail_every: Some(n),
            ..Items::ok()
        }
    }

    /// The first `n` requests wait until `n` are in flight.
    pub fn meeting(n: usize) -> Items {
        Items {
            meet: Some((n, Arc::new(Barrier::new(n)))),
            ..Items::ok()
        }
    }
}

/// Starts the API.
pub async fn start(items: Items) -> Server {
    let arrived = Arc::new(AtomicUsize::new(0));
    Server::start(move |request: Request<hyper::body::Incoming>| {
        let items = items.clone();
        let nth = arrived.fetch_add(1, Ordering::SeqCst);
        let id: Option<usize> = request
            .uri()
            .path()
            .strip_prefix("/items/")
            .and_then(|id| id.parse().ok());
        async move {
            if let Some((n, barrier)) = &items.meet
                && nth < *n
            {
                barrier.wait().await;
            }
            let (status, body) = match (id, items.fail_every) {
                (None, _) => (404, "no such item".to_string()),
                (Some(id), Some(n)) if id % n == 0 => (503, "try later".to_string()),
                (Some(id), _) => (200, format!("item {id}")),
            };
            Response::builder()
                .status(status)
                .body(Full::new(Bytes::from(body)))
                .expect("a valid response")
        }
    })
    .await
    .expect("a loopback port")
}
