//! What the tests share: the runtime, and reads of the port in tasks of their own.

use std::io;
use std::time::{Duration, Instant};

use exercise_fs_for_devices::SerialPort;
use fs_for_devices::{Census, Fifo, census, until};
use tokio::runtime::Runtime;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The longest a test waits for a message it wrote; only a wrong answer ever reaches it.
pub const BOUND: Duration = Duration::from_secs(3);

/// A two-worker runtime whose blocking pool may grow to `cap` threads. Declare it before the
/// FIFOs in a test: the FIFOs drop first, and their hang-up releases any read still blocked.
pub fn runtime(cap: usize) -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(cap)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// What a read in a task returns: the port back, and the message (`None` if cancelled).
pub type Read = (SerialPort, Option<io::Result<Option<String>>>);

/// A read of `port` in a task of its own, cancelled if `cancel` fires first.
pub fn spawn_read(mut port: SerialPort) -> (oneshot::Sender<()>, JoinHandle<Read>) {
    let (cancel, cancelled) = oneshot::channel();
    let task = tokio::spawn(async move {
        let message = tokio::select! {
            message = port.next_message() => Some(message),
            _ = cancelled => None,
        };
        (port, message)
    });
    (cancel, task)
}

/// Waits for the read in `task` to end. It fails at once when the read can no longer end by
/// itself: a thread parked in `read(2)` on the port while the pipe holds nothing waits for bytes
/// the test will not write. Otherwise it waits up to [`BOUND`], on the test's own thread and
/// clock: a wrong answer may have blocked every worker, and with them Tokio's timers.
pub async fn finish(task: JoinHandle<Read>, fifo: &Fifo) -> Read {
    let began = Instant::now();
    while !task.is_finished() {
        let census = census(fifo).expect("the census");
        let drained = !fifo.has_unread().expect("poll(2) on the FIFO");
        assert!(
            !(census.in_read > 0 && drained),
            "next_message waits on a thread in read(2) for bytes the test will not write \
             ({census:?})"
        );
        assert!(
            began.elapsed() < BOUND,
            "next_message did not return within {BOUND:?} ({census:?})"
        );
        tokio::task::yield_now().await;
        std::thread::yield_now();
    }
    task.await.expect("the reading task panicked")
}

/// One message, read in a task of its own.
pub async fn next(port: SerialPort, fifo: &Fifo) -> (SerialPort, Option<String>) {
    let (_cancel, task) = spawn_read(port);
    let (port, message) = finish(task, fifo).await;
    let message = message
        .expect("not cancelled")
        .expect("next_message failed");
    (port, message)
}

/// Waits until the reader of `fifo` waits somewhere (in `read(2)` or on the reactor) with every
/// byte written so far taken from the pipe, or until its read has ended; says which.
pub async fn waiting(fifo: &Fifo, task: &JoinHandle<Read>) -> Census {
    until(fifo, |census| {
        task.is_finished() || (census.is_settled() && !fifo.has_unread().unwrap_or(true))
    })
    .await
    .expect("the census")
}
