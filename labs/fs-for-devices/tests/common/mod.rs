//! What the tests share: a runtime of either flavour, and readers that report their lines.

#![allow(dead_code, reason = "each test file uses part of it")]

use fs_for_devices::{Fifo, Variant, lines};
use tokio::runtime::{Builder, Runtime};
use tokio::sync::mpsc;

/// The two runtimes an agent might run on: the claim that `tokio::fs` needs the blocking pool
/// even on a current-thread runtime is checked by running every test on both.
#[derive(Debug, Clone, Copy)]
pub enum Flavour {
    CurrentThread,
    MultiThread,
}

pub const FLAVOURS: [Flavour; 2] = [Flavour::CurrentThread, Flavour::MultiThread];

/// A runtime of `flavour` whose blocking pool has at most `cap` threads.
pub fn runtime(flavour: Flavour, cap: usize) -> Runtime {
    let mut builder = match flavour {
        Flavour::CurrentThread => Builder::new_current_thread(),
        Flavour::MultiThread => {
            let mut builder = Builder::new_multi_thread();
            builder.worker_threads(2);
            builder
        }
    };
    builder
        .max_blocking_threads(cap)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Opens a port on `fifo` the `variant` way and reads it line by line in a task of its own,
/// sending each line (or the end, as `None`) to the returned channel.
pub async fn reader(variant: Variant, fifo: &Fifo) -> mpsc::Receiver<Option<String>> {
    let port = variant.open(fifo.path()).await.expect("the port opens");
    let (send, received) = mpsc::channel(16);
    tokio::spawn(async move {
        let mut lines = lines(port);
        loop {
            let line = lines.next_line().await.expect("a line or the end");
            let end = line.is_none();
            if send.send(line).await.is_err() || end {
                return;
            }
        }
    });
    received
}
