//! The server counts what a client did to it: connections, requests, requests in flight.

use std::sync::Arc;

use loopback_http::{Counts, Limits, Server, text};
use tokio::sync::Barrier;

/// A plain-HTTP client with its own pool.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a plain HTTP client builds")
}

#[tokio::test]
async fn one_client_reuses_its_connection_and_new_clients_do_not() {
    let server = Server::start(|_| async { text(200, "ok") }).await.unwrap();
    let shared = client();
    for _ in 0..5 {
        let body = shared.get(server.url()).send().await.unwrap().text().await;
        assert_eq!(body.unwrap(), "ok");
    }
    assert_eq!(server.counts().connections, 1, "keep-alive: one connection");
    for _ in 0..5 {
        client().get(server.url()).send().await.unwrap();
    }
    let counts = server.counts();
    assert_eq!((counts.connections, counts.requests), (6, 10));
    assert_eq!(server.arrivals().len(), 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_held_by_the_handler_are_in_flight_together() {
    // Four requests, each held in the handler until all four have arrived: the peak must be 4.
    let barrier = Arc::new(Barrier::new(4));
    let server = Server::start(move |_| {
        let barrier = Arc::clone(&barrier);
        async move {
            barrier.wait().await;
            text(200, "ok")
        }
    })
    .await
    .unwrap();
    let client = client();
    let calls: Vec<_> = (0..4)
        .map(|_| tokio::spawn(client.get(server.url()).send()))
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().status(), 200);
    }
    let counts = server.counts();
    assert_eq!(counts.peak_in_flight, 4);
    assert_eq!(counts.requests, 4);
}

#[tokio::test]
async fn requests_past_the_limit_are_refused_without_the_handler() {
    let limits = Limits {
        max_connections: 10,
        max_requests: 2,
    };
    let server = Server::start_with(limits, |_| async { text(200, "ok") })
        .await
        .unwrap();
    let client = client();
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(
            client
                .get(server.url())
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses, [200, 200, 503]);
    let Counts { in_flight, .. } = server.counts();
    assert_eq!(in_flight, 0, "every answered request is counted out");
}
