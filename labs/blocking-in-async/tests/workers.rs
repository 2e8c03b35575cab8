//! What a multi-thread runtime does when its workers block, judged by event order.
//!
//! Each test blocks worker threads at a [`Gate`] that only the witness task opens, and logs
//! what happens in order: the witness's first turn, and the end of each blocked wait. If the
//! witness can run while the workers are blocked, it comes first and opens the gate; if it
//! cannot, the waits end on their time limit first. The time limit decides how long a failing
//! case takes, never which way a test goes.

use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use blocking_in_async::runtime::multi_thread;
use blocking_in_async::witness::Witness;

/// How long a blocked task waits for the witness when the test expects it never to come.
const NOT_COMING: Duration = Duration::from_millis(200);
/// How long it waits when the test expects it to come: only a safety net against hangs.
const COMING: Duration = Duration::from_secs(30);

/// What happened, in the order it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    /// The witness took its first turn (and opened the gate).
    WitnessRan,
    /// A blocked task stopped waiting: `true` if the gate had been opened.
    WaitEnded(bool),
}

/// A door that blocked threads wait at until the witness opens it, and the log of events.
#[derive(Default)]
struct Gate {
    open: Mutex<bool>,
    opened: Condvar,
    log: Mutex<Vec<Event>>,
}

impl Gate {
    fn open(&self) {
        self.log.lock().unwrap().push(Event::WitnessRan);
        *self.open.lock().unwrap() = true;
        self.opened.notify_all();
    }

    /// Blocks the calling thread until the gate opens or `limit` passes.
    fn wait(&self, limit: Duration) {
        let open = self.open.lock().unwrap();
        let (open, _) = self
            .opened
            .wait_timeout_while(open, limit, |open| !*open)
            .unwrap();
        // Logged while still holding the gate's lock, so the log's order is the real order.
        self.log.lock().unwrap().push(Event::WaitEnded(*open));
    }

    fn log(&self) -> Vec<Event> {
        self.log.lock().unwrap().clone()
    }
}

/// Blocks `blocked` workers of a two-worker runtime at the gate (through `block_in_place` if
/// asked), then starts a witness that opens it. Returns what happened, in order.
fn block_workers(blocked: usize, in_place: bool, limit: Duration) -> Vec<Event> {
    let runtime = multi_thread(2).unwrap();
    let gate = Arc::new(Gate::default());
    let (started, all_started) = mpsc::channel();
    let tasks: Vec<_> = (0..blocked)
        .map(|_| {
            let (gate, started) = (Arc::clone(&gate), started.clone());
            runtime.spawn(async move {
                started.send(()).unwrap();
                let wait = || gate.wait(limit);
                if in_place {
                    tokio::task::block_in_place(wait)
                } else {
                    wait()
                }
            })
        })
        .collect();
    // Each task said so before blocking, and a task that has started holds its worker until
    // it returns: after this, `blocked` workers are busy for sure.
    for _ in 0..blocked {
        all_started.recv().unwrap();
    }
    let opener = Arc::clone(&gate);
    let _witness = runtime.block_on(async move { Witness::spawn_then(1, move || opener.open()) });
    for task in tasks {
        runtime.block_on(task).unwrap();
    }
    gate.log()
}

#[test]
fn one_blocked_worker_leaves_the_other_to_run_the_witness() {
    use Event::*;
    assert_eq!(
        block_workers(1, false, COMING),
        [WitnessRan, WaitEnded(true)]
    );
}

#[test]
fn blocking_every_worker_freezes_the_whole_runtime() {
    // No worker is free and Tokio does not start another one: it cannot tell a blocked
    // worker from a busy one. The witness first runs once a wait has given up and freed its
    // worker (the other wait may or may not still be running by then).
    let log = block_workers(2, false, NOT_COMING);
    assert_eq!(log[0], Event::WaitEnded(false), "{log:?}");
}

#[test]
fn block_in_place_hands_each_blocked_workers_queue_to_a_new_thread() {
    // The same two blocked tasks, but each told the runtime first: their workers' queues moved
    // to fresh threads, and the witness ran there.
    use Event::*;
    assert_eq!(
        block_workers(2, true, COMING),
        [WitnessRan, WaitEnded(true), WaitEnded(true)]
    );
}

#[test]
fn on_a_current_thread_runtime_one_blocked_task_freezes_everything() {
    let runtime = blocking_in_async::Flavor::CurrentThread.runtime().unwrap();
    let gate = Arc::new(Gate::default());
    let blocked = Arc::clone(&gate);
    runtime.block_on(async move {
        let opener = Arc::clone(&blocked);
        tokio::spawn(async move {
            // The witness is queued before the task blocks, but the only thread is the one
            // blocking.
            let _witness = Witness::spawn_then(1, move || opener.open());
            blocked.wait(NOT_COMING);
            // Let the witness have its turn before it is dropped, to log it.
            tokio::task::yield_now().await;
        })
        .await
        .unwrap()
    });
    assert_eq!(gate.log(), [Event::WaitEnded(false), Event::WitnessRan]);
}

#[test]
fn a_task_spawned_and_awaited_runs_on_the_worker_that_spawned_it() {
    // Why spawning the blocking work does not help even on a multi-thread runtime: the new
    // task goes to the spawning worker's LIFO slot, which other workers cannot steal from,
    // and that worker runs it as soon as the spawner yields.
    let runtime = multi_thread(2).unwrap();
    for _ in 0..10 {
        let (spawner, spawned) = runtime.block_on(async {
            tokio::spawn(async {
                let spawner = std::thread::current().id();
                let spawned = tokio::spawn(async { std::thread::current().id() })
                    .await
                    .unwrap();
                (spawner, spawned)
            })
            .await
            .unwrap()
        });
        assert_eq!(spawner, spawned);
    }
}
