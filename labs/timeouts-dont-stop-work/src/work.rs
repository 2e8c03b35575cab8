//! The expensive step, simulated: a job of so many steps of CPU work, and a tally of every
//! copy of it that ran.
//!
//! A thumbnail is CPU work: once started it never waits for anything, it only computes. The
//! lab models it as a [`Job`] of `steps` equal steps. [`Work`] hands out copies of a job
//! ([`Copy`]): a copy is one attempt at the thumbnail, stepped by whoever runs it, inline in
//! async code or on a blocking thread. `Work` counts what every copy did (how many started,
//! how many were alive at once, how many ran to the end, how many stopped part-way), so a test
//! can tell a timeout that stopped the work from one that only stopped *waiting* for it.
//!
//! What a step costs depends on the clock the work was built for ([`Cost`]):
//!
//! - [`Cost::Spin`]: the real clock. A step spins its thread for the step's time: real CPU
//!   work, for the demo and the bench.
//! - [`Cost::Paused`]: Tokio's paused clock, for the tests and the probe, where every run is
//!   exact and the same on every machine. A step taken on the runtime's own thread moves the
//!   clock forward by the step's time *itself*, without yielding: to the runtime that is what
//!   CPU work on a worker is, time passing while nothing else runs. A step taken on any other
//!   thread (a blocking thread) waits for [`crate::drive`], which moves the clock by one step,
//!   lets the handler see what that made due, and then lets every such copy end its step at
//!   once: the blocking threads run in lock-step with the runtime's clock. A paused clock never moves by itself while a
//!   `spawn_blocking` task runs (Tokio holds auto-advance back), so without the driver a
//!   timeout around blocking work could never fire in a paused test.

use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Context, Waker};
use std::thread::{self, ThreadId};
use std::time::Duration;

use tokio::sync::Notify;

/// One request's expensive step: which image, and how much work it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    /// The job's id; the thumbnail's checksum depends on it.
    pub id: u64,
    /// Steps of CPU work it takes, each as long as the [`Cost`] says.
    pub steps: u32,
}

/// The result of a job that ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thumbnail {
    /// The job it is for.
    pub job: u64,
    /// A value computed from every step, so that no step can be skipped unnoticed.
    pub checksum: u64,
}

impl Job {
    /// The thumbnail a complete run of this job computes, worked out without any cost.
    pub fn expected(self) -> Thumbnail {
        Thumbnail {
            job: self.id,
            checksum: (0..self.steps).fold(seed(self.id), mix),
        }
    }
}

fn seed(id: u64) -> u64 {
    id.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0xcbf2_9ce4_8422_2325
}

fn mix(sum: u64, step: u32) -> u64 {
    (sum ^ u64::from(step))
        .wrapping_mul(0x0100_0000_01b3)
        .rotate_left(5)
}

/// What one step of a job costs, and on which clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// The real clock: each step spins its thread for this long.
    Spin(Duration),
    /// Tokio's paused clock: each step moves it by this much (see the module doc). Needs a
    /// current-thread runtime with paused time, and the `Work` built on its thread.
    Paused(Duration),
}

impl Cost {
    /// How long one step takes.
    pub fn step(self) -> Duration {
        match self {
            Cost::Spin(step) | Cost::Paused(step) => step,
        }
    }
}

/// What the copies of a job did, at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Copies made (each attempt makes one).
    pub started: u32,
    /// Copies still alive: made, neither finished nor dropped.
    pub live: u32,
    /// The most copies alive at the same time.
    pub peak_live: u32,
    /// Copies that ran every step.
    pub completed: u32,
    /// Copies dropped before their last step: stopped by a flag, a token, a dropped future.
    pub stopped: u32,
    /// Steps taken, by every copy together.
    pub steps: u64,
}

#[derive(Debug, Default)]
struct State {
    tally: Tally,
    /// Copies made but not yet stepped: the driver waits for them to show where they run.
    unplaced: u32,
    /// Live copies stepping off the runtime's thread (paused cost only).
    offloaded: u32,
    /// Steps paid for on the clock by the driver so far.
    paid: u64,
    /// Steps ended: a copy that arrived when `paid` was `n` ends its step once this passes `n`,
    /// so a copy that arrives after the clock moved waits for the next step's time.
    ended: u64,
    /// Offloaded copies waiting in a step that the clock has not paid for yet.
    unpaid: u32,
}

#[derive(Debug)]
struct Shared {
    cost: Cost,
    /// The thread whose steps move the paused clock themselves (the runtime's).
    runtime_thread: ThreadId,
    state: Mutex<State>,
    /// Wakes offloaded copies when the turn moves, and `wait_until_idle` when a copy ends.
    changed: Condvar,
    /// Wakes the driver when a copy is placed, arrives for a turn or ends.
    arrived: Notify,
}

/// The expensive step's engine and its witness; cheap to clone (an `Arc`).
#[derive(Debug, Clone)]
pub struct Work {
    shared: Arc<Shared>,
}

impl Work {
    /// Work whose steps cost `cost`. For [`Cost::Paused`], build it on the runtime's thread.
    pub fn new(cost: Cost) -> Work {
        Work {
            shared: Arc::new(Shared {
                cost,
                runtime_thread: thread::current().id(),
                state: Mutex::new(State::default()),
                changed: Condvar::new(),
                arrived: Notify::new(),
            }),
        }
    }

    /// What one step costs.
    pub fn cost(&self) -> Cost {
        self.shared.cost
    }

    /// A new copy of `job`, not yet started: one attempt at its thumbnail.
    pub fn copy(&self, job: Job) -> Copy {
        let mut state = self.state();
        state.tally.started += 1;
        state.tally.live += 1;
        state.tally.peak_live = state.tally.peak_live.max(state.tally.live);
        state.unplaced += 1;
        drop(state);
        Copy {
            work: self.clone(),
            job,
            done: 0,
            checksum: seed(job.id),
            placed: false,
            offloaded: false,
        }
    }

    /// What every copy did so far.
    pub fn tally(&self) -> Tally {
        self.state().tally
    }

    /// Blocks the calling thread until no copy is alive (the bench's reset between
    /// iterations; never call it on a runtime thread while copies need that thread).
    pub fn wait_until_idle(&self) {
        let mut state = self.state();
        while state.tally.live > 0 {
            state = self
                .shared
                .changed
                .wait(state)
                .expect("no copy panics holding the lock");
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.shared
            .state
            .lock()
            .expect("no copy panics holding the lock")
    }

    /// Resolves once every live copy off the runtime's thread waits in a step not yet paid
    /// for (and at least one does), with no copy still unplaced: the moment the driver may
    /// move the clock.
    pub(crate) async fn ready_to_pay(&self) {
        loop {
            // Registered before the check, so an arrival between the two is not lost.
            let arrived = self.shared.arrived.notified();
            {
                let state = self.state();
                if state.unplaced == 0 && state.offloaded > 0 && state.unpaid == state.offloaded {
                    return;
                }
            }
            arrived.await;
        }
    }

    /// The first half of a turn of the lock-step: the waiting copies' step time passes, on
    /// the clock. The timers it makes due fire, and the handler sees them, before the step
    /// ends.
    pub(crate) async fn pay_step(&self) {
        {
            let mut state = self.state();
            state.paid += 1;
            state.unpaid = 0;
        }
        tokio::time::advance(self.shared.cost.step()).await;
    }

    /// The second half: every copy whose step was paid for ends it (and looks at its stop
    /// signal, if it has one, before the next); returns once each is back in its next step,
    /// or gone.
    pub(crate) async fn end_step(&self) {
        {
            let mut state = self.state();
            state.ended = state.paid;
        }
        self.shared.changed.notify_all();
        loop {
            let arrived = self.shared.arrived.notified();
            {
                let state = self.state();
                if state.unpaid == state.offloaded {
                    return;
                }
            }
            arrived.await;
        }
    }

    /// Copies alive off the runtime's thread (paused cost only).
    pub(crate) fn offloaded(&self) -> u32 {
        self.state().offloaded
    }

    fn signal(&self) {
        // `notify_one` keeps a permit when the driver is not waiting yet.
        self.shared.arrived.notify_one();
        self.shared.changed.notify_all();
    }
}

/// One attempt at a job's thumbnail. Step it until [`Copy::is_done`], then
/// [`Copy::finish`]; or drop it part-way, which stops the work and counts it as stopped.
#[derive(Debug)]
pub struct Copy {
    work: Work,
    job: Job,
    done: u32,
    checksum: u64,
    placed: bool,
    offloaded: bool,
}

impl Copy {
    /// The job this is a copy of.
    pub fn job(&self) -> Job {
        self.job
    }

    /// Whether every step has been taken.
    pub fn is_done(&self) -> bool {
        self.done == self.job.steps
    }

    /// Takes the next step: the step's CPU time passes on the calling thread, without a
    /// single `.await`. Does nothing once the copy is done.
    pub fn step(&mut self) {
        if self.is_done() {
            return;
        }
        let shared = &self.work.shared;
        let on_runtime_thread = thread::current().id() == shared.runtime_thread;
        if !self.placed {
            self.placed = true;
            let mut state = self.work.state();
            state.unplaced -= 1;
            self.offloaded = matches!(shared.cost, Cost::Paused(_)) && !on_runtime_thread;
            if self.offloaded {
                state.offloaded += 1;
            }
            drop(state);
            self.work.signal();
        }
        match shared.cost {
            Cost::Spin(step) => spin(step),
            Cost::Paused(step) if !self.offloaded => move_paused_clock(step),
            // The driver moves the clock by this step, then lets every offloaded copy end it.
            Cost::Paused(_) => {
                let mut state = self.work.state();
                state.unpaid += 1;
                let arrived_at = state.paid;
                self.work.shared.arrived.notify_one();
                while state.ended <= arrived_at {
                    state = shared
                        .changed
                        .wait(state)
                        .expect("no copy panics holding the lock");
                }
            }
        }
        self.checksum = mix(self.checksum, self.done);
        self.done += 1;
        self.work.state().tally.steps += 1;
    }

    /// Every remaining step, back to back, and the thumbnail: what a call that cannot be
    /// interrupted does.
    pub fn run(mut self) -> Thumbnail {
        while !self.is_done() {
            self.step();
        }
        self.finish()
    }

    /// The thumbnail. Panics if a step is left: a copy that stopped has no result.
    pub fn finish(mut self) -> Thumbnail {
        assert!(
            self.is_done(),
            "finish() on a copy with {} steps left",
            self.job.steps - self.done
        );
        let thumbnail = Thumbnail {
            job: self.job.id,
            checksum: self.checksum,
        };
        self.end(true);
        thumbnail
    }

    fn end(&mut self, completed: bool) {
        let mut state = self.work.state();
        if completed {
            state.tally.completed += 1;
        } else {
            state.tally.stopped += 1;
        }
        state.tally.live -= 1;
        if !self.placed {
            state.unplaced -= 1;
        }
        if self.offloaded {
            state.offloaded -= 1;
        }
        drop(state);
        // Marked, so that `Drop` does not count it a second time.
        self.placed = true;
        self.offloaded = false;
        self.done = u32::MAX;
        self.work.signal();
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        if self.done != u32::MAX {
            self.end(false);
        }
    }
}

/// Spins the calling thread for `step` of real time: CPU work that never sleeps.
fn spin(step: Duration) {
    let until = std::time::Instant::now() + step;
    while std::time::Instant::now() < until {
        std::hint::spin_loop();
    }
}

/// Moves Tokio's paused clock forward by `step`, synchronously.
///
/// `tokio::time::advance` moves the clock and then yields; polled once and dropped, it has
/// moved the clock and nothing else, so the step stays one uninterrupted stretch of work, as
/// CPU work is. The timers it makes due fire the next time the runtime turns its driver.
fn move_paused_clock(step: Duration) {
    let advance = pin!(tokio::time::advance(step));
    let _ = advance.poll(&mut Context::from_waker(Waker::noop()));
}
