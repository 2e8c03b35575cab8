//! The fix when every event must arrive: one bounded `mpsc` channel per subscriber.
//!
//! The publisher sends each event into every subscriber's queue and waits (`send().await`)
//! whenever one is full, so nothing is ever overwritten: a slow subscriber slows the
//! publisher down instead of losing events. That is the trade, and the scenario's
//! `publisher_done_at` shows its price; the memory is also per subscriber now, where a
//! `broadcast` ring holds each event once.

use tokio::sync::mpsc;

use crate::contract::{Consumer, Ended, Event, Report};

/// Handles every event of its own queue until the publisher drops its sender.
pub async fn run(mut rx: mpsc::Receiver<Event>, consumer: &Consumer) -> Report {
    let mut delivered = Vec::new();
    while let Some(event) = rx.recv().await {
        delivered.push(event.0);
        consumer.handle(event).await;
    }
    consumer.report(delivered, 0, Ended::Closed)
}
