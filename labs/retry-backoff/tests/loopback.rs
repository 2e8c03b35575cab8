//! The whole retry loop against a real HTTP server on 127.0.0.1 that answers 429, then 200,
//! through a real `reqwest` client, on a paused clock: the sleeps cost nothing and are exact,
//! and the server stops when its handle is dropped, failing test or not.

use std::time::Duration;

use evidence::Variants;
use reqwest::StatusCode;
use retry_backoff::server::{self, Server};
use retry_backoff::{Backoff, Config, Jitter, Script, Variant};
use tokio::time::Instant;

const SEED: u64 = 7;

/// Whether `took` is `waits` rounded up by Tokio's millisecond timer, once per wait.
fn within_ticks(took: Duration, waits: Duration, count: u32) -> bool {
    took >= waits && took <= waits + Duration::from_millis(1) * count
}

/// One call of `variant` to a fresh server answering by `script`: the final status, the
/// server's count, and the virtual time the call took.
async fn call(
    variant: Variant,
    config: &Config,
    script: Script,
) -> (Option<StatusCode>, usize, Duration) {
    let server = Server::start(script).await.expect("a loopback port");
    let client = server::client();
    let url = server.url();
    let started = Instant::now();
    let sent = variant
        .call(config, Jitter::seeded(SEED), || client.get(&url).send())
        .await;
    let took = started.elapsed();
    let status = match sent {
        Ok(response) => Some(response.status()),
        Err(error) => error.status(),
    };
    (status, server.requests(), took)
}

#[tokio::test(start_paused = true)]
async fn the_correct_loops_retry_a_429_after_exactly_their_first_wait() {
    let config = Config::USUAL;
    for variant in Variant::correct() {
        let (status, requests, took) = call(
            variant,
            &config,
            Script::fails(1, StatusCode::TOO_MANY_REQUESTS),
        )
        .await;
        assert_eq!(status, Some(StatusCode::OK), "{variant}");
        assert_eq!(requests, 2, "{variant}");
        // Virtual time: the only time that passed is the one wait, rounded up to Tokio's
        // timer tick of a millisecond.
        let first = variant.policy().schedule(&config, Jitter::seeded(SEED), 1)[0];
        assert!(
            within_ticks(took, first, 1),
            "{variant}: {took:?} for a wait of {first:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn three_429s_cost_the_first_three_waits_of_the_schedule() {
    let config = Config::USUAL;
    let (status, requests, took) = call(
        Variant::Fixed,
        &config,
        Script::fails(3, StatusCode::TOO_MANY_REQUESTS),
    )
    .await;
    assert_eq!((status, requests), (Some(StatusCode::OK), 4));
    let waits: Duration = retry_backoff::fixed::Policy
        .schedule(&config, Jitter::seeded(SEED), 3)
        .iter()
        .sum();
    assert!(
        within_ticks(took, waits, 3),
        "{took:?} for waits of {waits:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn the_loop_that_reads_only_send_errors_hands_back_the_429() {
    let (status, requests, took) = call(
        Variant::NeverRetried,
        &Config::USUAL,
        Script::fails(1, StatusCode::TOO_MANY_REQUESTS),
    )
    .await;
    assert_eq!(status, Some(StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(requests, 1);
    assert_eq!(took, Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn every_loop_gives_up_at_once_on_a_404_and_after_its_count_on_a_503() {
    let config = Config::USUAL.with_retries(3);
    for &variant in Variant::all() {
        let (status, requests, _) =
            call(variant, &config, Script::always(StatusCode::NOT_FOUND)).await;
        assert_eq!(
            (status, requests),
            (Some(StatusCode::NOT_FOUND), 1),
            "{variant}"
        );
    }
    for variant in Variant::correct() {
        let (status, requests, _) = call(
            variant,
            &config,
            Script::always(StatusCode::SERVICE_UNAVAILABLE),
        )
        .await;
        assert_eq!(status, Some(StatusCode::SERVICE_UNAVAILABLE), "{variant}");
        assert_eq!(requests, 4, "{variant}: three retries are four attempts");
    }
    let (_, requests, _) = call(
        Variant::OffByOne,
        &config,
        Script::always(StatusCode::SERVICE_UNAVAILABLE),
    )
    .await;
    assert_eq!(requests, 3, "off-by-one: three attempts, two retries");
}

#[tokio::test(start_paused = true)]
async fn the_deadline_stops_the_loop_before_a_wait_that_would_pass_it() {
    let config = Config::USUAL
        .with_retries(50)
        .with_deadline(Duration::from_secs(20));
    let (status, requests, took) = call(
        Variant::Fixed,
        &config,
        Script::always(StatusCode::SERVICE_UNAVAILABLE),
    )
    .await;
    assert_eq!(status, Some(StatusCode::SERVICE_UNAVAILABLE));
    assert!(took <= Duration::from_secs(20), "{took:?}");
    assert!(
        requests < 51,
        "{requests} attempts: the deadline came first"
    );
}

#[tokio::test(start_paused = true)]
async fn the_server_stops_when_dropped() {
    let server = Server::start(Script::always(StatusCode::OK))
        .await
        .expect("a loopback port");
    let addr = server
        .url()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    assert!(tokio::net::TcpStream::connect(&addr).await.is_ok());
    drop(server);
    // The abort takes effect when the runtime next runs the accept task.
    tokio::task::yield_now().await;
    let refused = tokio::net::TcpStream::connect(&addr).await;
    assert!(refused.is_err(), "still accepting after the drop");
}
