//! The guide's two TCP/HTTP lines, against the real loopback server.

use client_per_request::{guide, server};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prior_knowledge_fails_every_request_to_an_http1_server() {
    let api = server::start().await.expect("a loopback port");
    let client = guide::as_printed().build().expect("a client");
    for n in 0..3 {
        let sent = client.get(server::item_url(&api, n)).send().await;
        assert!(sent.is_err(), "request {n} answered: {sent:?}");
    }
    // The connections were made; not one request got through hyper's HTTP/1.1 parser.
    let counts = api.counts();
    assert!(counts.connections >= 1, "{counts:?}");
    assert_eq!(counts.requests, 0, "{counts:?}");
    // The same settings without it get their answer.
    let client = guide::pool_settings().build().expect("a client");
    let response = client.get(server::item_url(&api, 0)).send().await;
    assert!(response.is_ok_and(|r| r.status().is_success()));
}

#[test]
fn reqwest_sets_tcp_nodelay_by_default() {
    // reqwest prints `tcp_nodelay: true` in a builder's `Debug` only when it is set; the
    // default builder prints it, one told `tcp_nodelay(false)` does not.
    let default = format!("{:?}", reqwest::Client::builder());
    let off = format!("{:?}", reqwest::Client::builder().tcp_nodelay(false));
    assert!(default.contains("tcp_nodelay: true"), "{default}");
    assert!(!off.contains("tcp_nodelay"), "{off}");
}
