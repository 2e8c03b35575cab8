//! The fix for a quota: a concurrency cap *and* a rate limit, each doing its own job.
//!
//! `buffer_unordered(k)` bounds what is in flight (connections, memory, the server's load at
//! one instant); a [`RateGate`] in front of every request bounds how many start per second
//! (the API's quota). Either alone fails one of the two: the cap alone sends `k / latency`
//! a second, and the gate alone lets requests pile up in flight when the server slows down
//! (`per_second × latency` of them).

use futures_util::stream::{self, StreamExt, TryStreamExt};

use crate::contract::{Answers, Bounds, Fetcher};
use crate::rate::RateGate;

/// At most `bounds.in_flight` at once, and at most `bounds.per_second` started a second.
pub async fn fetch_all(fetcher: &Fetcher, ids: Vec<u64>, bounds: Bounds) -> Answers {
    let gate = RateGate::new(bounds.per_second, bounds.burst);
    let gate = &gate;
    stream::iter(ids)
        .map(|id| {
            let fetch = fetcher.fetch(id);
            async move {
                // The quota is spent when the request is sent, so the gate comes first.
                gate.until_ready().await;
                fetch.await
            }
        })
        .buffer_unordered(bounds.in_flight.max(1))
        .try_collect()
        .await
}
