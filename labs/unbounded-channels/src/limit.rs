//! The floor under the `fast-consumer` bench: Tokio's bounded channel with nothing around it.
//!
//! Every variant here wraps a Tokio channel (or, for `shed-oldest`, a ring) in counters and in
//! one enum behind [`crate::Producer`] and [`crate::Consumer`], so that the queue can be read
//! from outside and one harness drives them all. [`burst`] sends the same burst as
//! [`crate::load::burst`], the same events from the same producer tasks to the same consumer,
//! through a bare `mpsc::channel` of the same capacity: no counters, no dispatch. It is not a
//! variant (nothing can read its depth), and the bench measures it as `limit`: a bounded
//! channel with backpressure cannot cost less than this, and what `fixed` costs above it is
//! what the lab's own bookkeeping costs.

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::event::Event;
use crate::sink::Sink;

/// Sends `messages` events, split between `producers` tasks, through a bare bounded channel
/// of `capacity` to a consumer that handles each with `sink`; returns when the consumer has
/// received them all, with how many that was. Must run inside a Tokio runtime.
pub async fn burst(capacity: usize, producers: u64, messages: u64, sink: Sink) -> u64 {
    let (tx, mut rx) = mpsc::channel::<Event>(capacity);
    let consumer = tokio::spawn(async move {
        let mut received = 0_u64;
        while let Some(event) = rx.recv().await {
            sink.handle(&event).await;
            received += 1;
        }
        received
    });
    let mut senders = JoinSet::new();
    for p in 0..producers {
        let tx = tx.clone();
        senders.spawn(async move {
            for i in 0..messages / producers {
                tx.send(Event::new(p * messages + i))
                    .await
                    .expect("the consumer outlives the producers");
            }
        });
    }
    // The consumer's loop ends once the last sender (and this one) is gone.
    drop(tx);
    while let Some(done) = senders.join_next().await {
        done.expect("a producer never panics");
    }
    consumer.await.expect("the consumer never panics")
}
