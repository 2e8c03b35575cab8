//! The benches' workload: a burst of events from a few producer tasks through a fresh
//! channel, timed until the consumer has received the last one it will get.
//!
//! It lives in the library rather than in `benches/` so the bench needs no Tokio of its own
//! and the lab's tests (`tests/load.rs`) can check the workload delivers what it claims.

use tokio::runtime::Runtime;
use tokio::task::JoinSet;

use crate::event::Event;
use crate::sink::Sink;
use crate::variants::{Variant, channel};

/// A multi-thread runtime, built once, on which bursts run one after another.
#[derive(Debug)]
pub struct Load {
    runtime: Runtime,
    capacity: usize,
}

impl Load {
    /// A runtime with `workers` worker threads, for channels of `capacity`.
    pub fn new(workers: usize, capacity: usize) -> Load {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers)
            .build()
            .expect("the OS refused to start the bench runtime");
        Load { runtime, capacity }
    }

    /// The same burst through a bare Tokio channel ([`crate::limit`]): the bench's floor.
    pub fn limit_burst(&self, producers: u64, messages: u64, sink: Sink) -> u64 {
        self.runtime.block_on(crate::limit::burst(
            self.capacity,
            producers,
            messages,
            sink,
        ))
    }

    /// Runs one burst to its end; returns how many events the consumer received.
    pub fn burst(&self, variant: Variant, producers: u64, messages: u64, sink: Sink) -> u64 {
        self.runtime
            .block_on(burst(variant, self.capacity, producers, messages, sink))
    }
}

/// Sends `messages` events, split between `producers` tasks, through a fresh channel to a
/// consumer that handles each with `sink`; returns when the consumer has received everything
/// it will get, with how many that was.
pub async fn burst(
    variant: Variant,
    capacity: usize,
    producers: u64,
    messages: u64,
    sink: Sink,
) -> u64 {
    let (producer, mut consumer) = channel(variant, capacity);
    let consumer = tokio::spawn(async move {
        let mut received = 0_u64;
        while let Some(event) = consumer.recv().await {
            sink.handle(&event).await;
            received += 1;
        }
        received
    });
    let mut senders = JoinSet::new();
    for p in 0..producers {
        let producer = producer.clone();
        senders.spawn(async move {
            for i in 0..messages / producers {
                producer
                    .send(Event::new(p * messages + i))
                    .await
                    .expect("the consumer outlives the producers");
            }
        });
    }
    // The consumer's loop ends once the last producer (and this one) is gone.
    drop(producer);
    while let Some(done) = senders.join_next().await {
        done.expect("a producer never panics");
    }
    consumer.await.expect("the consumer never panics")
}
