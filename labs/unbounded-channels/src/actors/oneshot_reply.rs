//! The design that cannot deadlock: each job carries its client's reply channel, and the
//! worker answers the client directly.
//!
//! ```text
//!   clients ──Job──▶ [dispatcher inbox] ──▶ dispatcher ──Work──▶ [worker inbox] ──▶ worker
//!      ▲                                                                               │
//!      └──────────────────────────── oneshot reply (never waits) ──────────────────────┘
//! ```
//!
//! Bounded, awaited sends now only ever point *downstream*: clients wait for the dispatcher,
//! the dispatcher for the worker, and the worker waits for nobody, since sending on a oneshot
//! channel never waits (it holds exactly one value). A chain of waits always ends at an actor
//! that can make progress, so every job completes, and the inboxes still bound memory and
//! pass backpressure up to the clients.
//!
//! The dispatcher stands for any actor that routes work (picks a worker, checks a quota).
//! If it needs to hear about completions, it can keep the oneshot's receiving end itself and
//! poll it alongside its inbox: a oneshot still never makes the worker wait.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use super::{Activities, Activity, Stopped, answer};

/// A job, with the channel its answer goes back on.
#[derive(Debug)]
struct Job {
    job: u64,
    reply: oneshot::Sender<u64>,
}

/// The clients' handle: a sender into the dispatcher's inbox.
#[derive(Debug, Clone)]
pub struct Handle {
    inbox: mpsc::Sender<Job>,
}

/// Spawns the dispatcher and the worker, both with inboxes of `capacity` messages.
pub fn start(capacity: usize, activities: Arc<Activities>) -> Handle {
    let (to_dispatcher, dispatcher_inbox) = mpsc::channel(capacity);
    let (to_worker, worker_inbox) = mpsc::channel(capacity);
    tokio::spawn(dispatcher(
        dispatcher_inbox,
        to_worker,
        Arc::clone(&activities),
    ));
    tokio::spawn(worker(worker_inbox, activities));
    Handle {
        inbox: to_dispatcher,
    }
}

impl Handle {
    /// Sends `job` to the dispatcher and waits for the worker's answer.
    pub async fn request(&self, job: u64) -> Result<u64, Stopped> {
        let (reply, answer) = oneshot::channel();
        self.inbox
            .send(Job { job, reply })
            .await
            .map_err(|_| Stopped)?;
        answer.await.map_err(|_| Stopped)
    }
}

async fn dispatcher(
    mut inbox: mpsc::Receiver<Job>,
    to_worker: mpsc::Sender<Job>,
    activities: Arc<Activities>,
) {
    while let Some(job) = inbox.recv().await {
        activities.dispatcher(Activity::SendingToWorker);
        // Waiting here is safe: the worker never waits on us.
        if to_worker.send(job).await.is_err() {
            break;
        }
        activities.dispatcher(Activity::Receiving);
    }
    activities.dispatcher(Activity::Stopped);
}

async fn worker(mut inbox: mpsc::Receiver<Job>, activities: Arc<Activities>) {
    while let Some(Job { job, reply }) = inbox.recv().await {
        // Never waits: the oneshot has room for its one value. An error only means the client
        // stopped waiting.
        let _ = reply.send(answer(job));
    }
    activities.worker(Activity::Stopped);
}
