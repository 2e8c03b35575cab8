//! What happens to a task a call starts and leaves behind.
//!
//! Each test starts a task that waits for a signal the test sends only after the call has
//! returned, then reports what became of it. Events arrive over a std channel, so the tests
//! wait on the events themselves, never on a clock. The observer that reports a dropped task
//! is moved into the task before it is spawned, so the report holds whether or not a worker
//! ever polled it.
//!
//! - shared runtime: the task finishes on its own, with no further call;
//! - runtime per call: the task is dropped with the runtime before it could finish;
//! - current-thread runtime per thread: the task is frozen until the thread calls again.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use runtime_per_call::{BackgroundTask, Variant};
use tokio::sync::oneshot;

#[derive(Debug, PartialEq, Eq)]
enum Event {
    Finished,
    Dropped,
}

/// Reports `Dropped` if the task is dropped before it finishes.
///
/// It must exist before the task is first polled: a runtime may be dropped before any worker
/// gets round to the task, and an observer created inside the future would then never exist
/// to report anything. So it is built outside and moved in.
struct DropReporter(Option<Sender<Event>>);

impl DropReporter {
    /// Reports `Finished` instead of `Dropped`.
    fn finished(mut self) {
        if let Some(events) = self.0.take() {
            let _ = events.send(Event::Finished);
        }
    }
}

impl Drop for DropReporter {
    fn drop(&mut self) {
        if let Some(events) = self.0.take() {
            let _ = events.send(Event::Dropped);
        }
    }
}

/// A task that finishes once `go` fires, and the handles to drive and observe it.
fn waiting_task() -> (BackgroundTask, oneshot::Sender<()>, Receiver<Event>) {
    let (go_tx, go_rx) = oneshot::channel();
    let (events_tx, events) = mpsc::channel();
    let reporter = DropReporter(Some(events_tx));
    // `async move` takes the reporter when the future is created, not when it is first
    // polled, so dropping a task that never ran still drops the reporter with it.
    let task = Box::pin(async move {
        if go_rx.await.is_ok() {
            reporter.finished();
        }
    });
    (task, go_tx, events)
}

#[test]
fn on_a_shared_runtime_the_task_finishes_without_another_call() {
    let bridge = Variant::Fixed.bridge();
    let (task, go, events) = waiting_task();
    bridge.start_background(task).unwrap();
    go.send(()).unwrap();
    assert_eq!(events.recv().unwrap(), Event::Finished);
}

#[test]
fn with_a_runtime_per_call_the_task_is_dropped_before_it_can_finish() {
    let bridge = Variant::Anti.bridge();
    let (task, go, events) = waiting_task();
    bridge.start_background(task).unwrap();
    // The runtime, and the task with it, is already gone: nobody is left to hear the signal.
    assert!(go.send(()).is_err());
    assert_eq!(events.recv().unwrap(), Event::Dropped);
}

#[test]
fn on_a_per_thread_current_thread_runtime_the_task_waits_for_the_next_call() {
    let bridge = Variant::ThreadLocal.bridge();
    let (task, go, events) = waiting_task();
    bridge.start_background(task).unwrap();
    go.send(()).unwrap();
    // Only this thread can drive its runtime, and it is busy here: the signal has arrived,
    // yet the task cannot have run.
    assert_eq!(events.try_recv(), Err(TryRecvError::Empty));
    // The next call drives the runtime while it lasts, and the queued task runs with it.
    bridge.call(1).unwrap();
    assert_eq!(events.try_recv(), Ok(Event::Finished));
}
