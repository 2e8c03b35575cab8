//! The loop against a real HTTP server on 127.0.0.1, on a paused clock: it must retry a 429
//! (and a 503) after exactly the policy's wait, give up after `max_retries` retries, and not
//! retry a 404.

use std::time::Duration;

use exercise_retry_backoff::{Config, Jitter, Server, client, delay, get};
use reqwest::StatusCode;
use tokio::time::Instant;

const CONFIG: Config = Config {
    base: Duration::from_millis(100),
    cap: Duration::from_secs(10),
    max_retries: 3,
};
const JITTER: Jitter = Jitter(7);

/// One call against a server answering `first` then `then`: the final status, the requests
/// the server got, and the virtual time the call took.
async fn call(
    config: &Config,
    first: Vec<StatusCode>,
    then: StatusCode,
) -> (Option<StatusCode>, usize, Duration) {
    let server = Server::start(first, then).await;
    let client = client();
    let started = Instant::now();
    let sent = get(&client, &server.url(), config, JITTER).await;
    let took = started.elapsed();
    let status = match sent {
        Ok(response) => Some(response.status()),
        Err(error) => error.status(),
    };
    (status, server.requests(), took)
}

/// The waits before retries `1..=n`, as the loop must sleep them.
fn waits(n: u32) -> Duration {
    (1..=n).map(|r| delay(&CONFIG, r, JITTER.draw(r))).sum()
}

/// `took` is `waits`, each rounded up to Tokio's millisecond timer tick.
fn slept(took: Duration, n: u32) -> bool {
    let w = waits(n);
    took >= w && took <= w + Duration::from_millis(u64::from(n))
}

#[tokio::test(start_paused = true)]
async fn a_429_is_retried_after_the_policys_wait() {
    let (status, requests, took) =
        call(&CONFIG, vec![StatusCode::TOO_MANY_REQUESTS], StatusCode::OK).await;
    assert_eq!(
        status,
        Some(StatusCode::OK),
        "the 429 must be retried until the 200"
    );
    assert_eq!(requests, 2);
    assert!(slept(took, 1), "took {took:?}, the wait is {:?}", waits(1));
}

#[tokio::test(start_paused = true)]
async fn three_503s_then_a_200_take_three_retries_and_their_waits() {
    let (status, requests, took) = call(
        &CONFIG,
        vec![StatusCode::SERVICE_UNAVAILABLE; 3],
        StatusCode::OK,
    )
    .await;
    assert_eq!((status, requests), (Some(StatusCode::OK), 4));
    assert!(
        slept(took, 3),
        "took {took:?}, the waits are {:?}",
        waits(3)
    );
}

#[tokio::test(start_paused = true)]
async fn it_gives_up_after_exactly_max_retries_retries() {
    for max_retries in [0, 1, 3, 6] {
        let config = Config {
            max_retries,
            ..CONFIG
        };
        let (status, requests, _) = call(&config, vec![], StatusCode::TOO_MANY_REQUESTS).await;
        assert_eq!(
            requests,
            max_retries as usize + 1,
            "max_retries = {max_retries}: one attempt and {max_retries} retries"
        );
        assert_eq!(
            status,
            Some(StatusCode::TOO_MANY_REQUESTS),
            "the last answer"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_404_is_not_retried() {
    let (status, requests, took) = call(&CONFIG, vec![], StatusCode::NOT_FOUND).await;
    assert_eq!((status, requests), (Some(StatusCode::NOT_FOUND), 1));
    assert_eq!(took, Duration::ZERO);
}
