//! The exercise's tests, in one binary: what the job's client costs the server.
//!
//! Every test runs against the workspace's loopback HTTP/1.1 server (keep-alive on, counting
//! the connections it accepts) and judges a count, never a time. A client that reuses its
//! connections needs one per request in flight; the bounds allow [`SLACK`] more, because
//! hyper's pool hands a finished connection back from another task, and a request sent at
//! once may find the pool empty and connect (on a loaded machine this happens a few times in
//! a few hundred requests). A client that connects per request, or every few dozen, is far
//! past them.
//!
//! The one clock here is a hang guard: a client that serialises its requests never lets the
//! concurrency test's eight requests meet, and the guard turns that into a failure that says
//! so instead of a test that never ends.

mod api;

use std::sync::Arc;
use std::time::Duration;

use api::{Items, start};
use exercise_client_per_request::Api;

/// Long enough for any machine, short enough for `cargo workshop verify`.
const HANG_GUARD: Duration = Duration::from_secs(5);

/// Connections a reusing client may open beyond one per request in flight.
const SLACK: usize = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_the_bodies_and_errors_are_errors() {
    let server = start(Items::failing_every(5)).await;
    let api = Api::new(&server.url());
    for id in [1, 2, 3, 4, 6, 7] {
        let body = api.item(id).await;
        assert_eq!(
            body.ok().as_deref(),
            Some(format!("item {id}").as_str()),
            "item {id}"
        );
    }
    for id in [0, 5, 10] {
        let answer = api.item(id).await;
        assert!(
            answer
                .as_ref()
                .err()
                .and_then(|e| e.status())
                .is_some_and(|s| s.as_u16() == 503),
            "item {id} should be the server's 503 as an error, got {answer:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_at_a_time_the_job_uses_one_connection() {
    let server = start(Items::ok()).await;
    let api = Api::new(&server.url());
    for id in 0..300 {
        api.item(id).await.expect("answered");
    }
    let opened = server.counts().connections;
    assert!(
        opened <= 1 + SLACK,
        "300 requests one at a time opened {opened} connections: a new connection every \
         {} requests (a client rebuilt, a pool that keeps nothing, or `Connection: close`)",
        300 / opened.max(1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clones_share_one_pool() {
    let server = start(Items::ok()).await;
    let api = Api::new(&server.url());
    for id in 0..100 {
        // A clone per request, as a task spawned per request would take.
        api.clone().item(id).await.expect("answered");
    }
    let opened = server.counts().connections;
    assert!(
        opened <= 1 + SLACK,
        "100 requests, each through a fresh clone: {opened} connections"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_do_not_cost_connections() {
    let server = start(Items::failing_every(5)).await;
    let api = Api::new(&server.url());
    let mut errors = 0;
    for id in 0..200 {
        errors += usize::from(api.item(id).await.is_err());
    }
    assert_eq!(errors, 40, "every fifth item is a 503");
    let opened = server.counts().connections;
    assert!(
        opened <= 1 + SLACK,
        "200 requests, 40 of them answered 503: {opened} connections"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_run_at_once_on_a_connection_each() {
    // The first eight requests are held until all eight are in flight.
    let server = start(Items::meeting(8)).await;
    let api = Api::new(&server.url());
    let mut tasks = tokio::task::JoinSet::new();
    for task in 0..8 {
        let api = api.clone();
        tasks.spawn(async move {
            for id in 0..25 {
                api.item(task * 100 + id).await.expect("answered");
            }
        });
    }
    let all = async {
        while let Some(done) = tasks.join_next().await {
            done.expect("a task panicked");
        }
    };
    assert!(
        tokio::time::timeout(HANG_GUARD, all).await.is_ok(),
        "8 tasks never had their 8 requests in flight at once: the client serialises them \
         (a lock held across the request?)"
    );
    let counts = server.counts();
    assert_eq!(counts.peak_in_flight, 8);
    assert!(
        counts.connections <= 8 + SLACK,
        "8 at once, 200 requests: {counts:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bursts_reuse_every_connection_they_opened() {
    let server = Arc::new(start(Items::ok()).await);
    let api = Api::new(&server.url());
    // Four runs of the job, each 32 requests at once.
    for burst in 0..4 {
        let mut tasks = tokio::task::JoinSet::new();
        for id in 0..32 {
            let api = api.clone();
            tasks.spawn(async move { api.item(burst * 100 + id).await });
        }
        while let Some(done) = tasks.join_next().await {
            done.expect("no panic").expect("answered");
        }
    }
    let opened = server.counts().connections;
    assert!(
        opened <= 32 + SLACK,
        "four bursts of 32 at once opened {opened} connections: the pool closed the ones it \
         had between bursts (an idle cap below 32?)"
    );
}
