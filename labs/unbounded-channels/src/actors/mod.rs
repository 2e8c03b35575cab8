//! The risk that bounded channels bring: two actors that send to each other.
//!
//! A dispatcher takes jobs from clients and hands each to a worker; in the first design the
//! worker reports each result back into the dispatcher's inbox, which forwards it to the
//! client. Both inboxes are bounded, as they should be. Now let the clients send faster than
//! the worker works: the dispatcher's inbox fills with jobs, the dispatcher waits for room in
//! the worker's inbox, and the worker waits for room in the dispatcher's inbox to report. Each
//! waits for the other to take a message out, and neither ever will: a deadlock, with no lock
//! in sight and nothing in any log.
//!
//! With unbounded inboxes the same design never deadlocks, which is how it got written; a
//! fix for unbounded channels that only swaps in bounded ones can therefore turn a slow leak
//! into a hang. The rule: **no cycle of bounded, awaited sends**. [`oneshot_reply`] keeps it
//! by sending the client's reply channel along with the job, so the worker answers the client
//! directly and no message ever flows back into the dispatcher's inbox. (Other ways out:
//! `try_send` on the back edge, or a dispatcher that awaits each reply before taking the next
//! job.)
//!
//! Both designs sit behind one [`Service`], and each actor publishes what it is doing in
//! [`Activities`], so a test can see not only that a request never finishes but why.

pub mod cycle;
pub mod oneshot_reply;

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

/// The two designs of the dispatcher and worker pair, named as the demo and the book name
/// them (through [`evidence::Variants`]: `actors-cycle`, `actors-oneshot-reply`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Design {
    /// The worker reports results into the dispatcher's bounded inbox: a cycle.
    #[value(name = "actors-cycle")]
    Cycle,
    /// Each job carries a oneshot reply channel; the worker answers the client directly.
    #[value(name = "actors-oneshot-reply")]
    OneshotReply,
}

/// The answer the worker computes for `job`.
pub fn answer(job: u64) -> u64 {
    job.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17)
}

/// The service went away before answering (it shut down, or the worker is gone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the service stopped before answering")
    }
}

impl std::error::Error for Stopped {}

/// What an actor is doing right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Activity {
    /// Waiting for a message in its inbox (or not started yet).
    Receiving = 0,
    /// Waiting for room in the worker's inbox.
    SendingToWorker = 1,
    /// Waiting for room in the dispatcher's inbox.
    SendingToDispatcher = 2,
    /// Its inbox closed and it stopped.
    Stopped = 3,
}

/// What each of the two actors is doing, published as they go.
#[derive(Debug, Default)]
pub struct Activities {
    dispatcher: AtomicU8,
    worker: AtomicU8,
}

impl Activities {
    /// The dispatcher's activity and the worker's.
    pub fn now(&self) -> (Activity, Activity) {
        (
            decode(self.dispatcher.load(Ordering::Relaxed)),
            decode(self.worker.load(Ordering::Relaxed)),
        )
    }

    pub(crate) fn dispatcher(&self, activity: Activity) {
        self.dispatcher.store(activity as u8, Ordering::Relaxed);
    }

    pub(crate) fn worker(&self, activity: Activity) {
        self.worker.store(activity as u8, Ordering::Relaxed);
    }
}

fn decode(value: u8) -> Activity {
    match value {
        1 => Activity::SendingToWorker,
        2 => Activity::SendingToDispatcher,
        3 => Activity::Stopped,
        _ => Activity::Receiving,
    }
}

/// A dispatcher and a worker, in one of the two designs. Clone it to share it with clients.
#[derive(Debug, Clone)]
pub struct Service {
    inner: Inner,
    activities: Arc<Activities>,
}

#[derive(Debug, Clone)]
enum Inner {
    Cycle(cycle::Handle),
    OneshotReply(oneshot_reply::Handle),
}

impl Service {
    /// Spawns both actors on the current runtime; each inbox holds `capacity` (> 0) messages.
    pub fn start(design: Design, capacity: usize) -> Service {
        let activities = Arc::new(Activities::default());
        let inner = match design {
            Design::Cycle => Inner::Cycle(cycle::start(capacity, Arc::clone(&activities))),
            Design::OneshotReply => {
                Inner::OneshotReply(oneshot_reply::start(capacity, Arc::clone(&activities)))
            }
        };
        Service { inner, activities }
    }

    /// Asks for the answer to `job` and waits for it.
    pub async fn request(&self, job: u64) -> Result<u64, Stopped> {
        match &self.inner {
            Inner::Cycle(handle) => handle.request(job).await,
            Inner::OneshotReply(handle) => handle.request(job).await,
        }
    }

    /// What the dispatcher and the worker are doing now.
    pub fn activities(&self) -> (Activity, Activity) {
        self.activities.now()
    }

    /// The actors' published activities, readable after every handle is gone.
    pub fn watch(&self) -> Arc<Activities> {
        Arc::clone(&self.activities)
    }
}
