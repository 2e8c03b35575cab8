//! The design that deadlocks: the worker reports results back into the dispatcher's inbox.
//!
//! ```text
//!   clients ──Job──▶ [dispatcher inbox] ──▶ dispatcher ──Work──▶ [worker inbox] ──▶ worker
//!                          ▲                                                        │
//!                          └──────────────────────────Done───────────────────────────┘
//! ```
//!
//! Every arrow into a `[...]` is a bounded, awaited send. Once the dispatcher's inbox is full
//! of jobs and the dispatcher is waiting to hand the worker another one, the worker's `Done`
//! has nowhere to go: each actor waits for the other to take a message out.
//!
//! The worker's handle on the dispatcher's inbox is a `WeakSender`, so that it alone does not
//! keep the dispatcher alive: when every client handle is gone, the inbox closes, the
//! dispatcher stops, and the worker after it.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use super::{Activities, Activity, Stopped, answer};

/// What arrives in the dispatcher's inbox: new jobs, and reports from the worker.
#[derive(Debug)]
enum Message {
    Job {
        job: u64,
        reply: oneshot::Sender<u64>,
    },
    Done {
        id: u64,
        answer: u64,
    },
}

/// What the dispatcher hands the worker.
#[derive(Debug)]
struct Work {
    id: u64,
    job: u64,
}

/// The clients' handle: a sender into the dispatcher's inbox.
#[derive(Debug, Clone)]
pub struct Handle {
    inbox: mpsc::Sender<Message>,
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
    tokio::spawn(worker(worker_inbox, to_dispatcher.downgrade(), activities));
    Handle {
        inbox: to_dispatcher,
    }
}

impl Handle {
    /// Sends `job` to the dispatcher and waits for the answer it forwards.
    pub async fn request(&self, job: u64) -> Result<u64, Stopped> {
        let (reply, answer) = oneshot::channel();
        self.inbox
            .send(Message::Job { job, reply })
            .await
            .map_err(|_| Stopped)?;
        answer.await.map_err(|_| Stopped)
    }
}

async fn dispatcher(
    mut inbox: mpsc::Receiver<Message>,
    to_worker: mpsc::Sender<Work>,
    activities: Arc<Activities>,
) {
    // Jobs handed to the worker, by id, with the client waiting for each.
    let mut waiting: HashMap<u64, oneshot::Sender<u64>> = HashMap::new();
    let mut next_id = 0;
    while let Some(message) = inbox.recv().await {
        match message {
            Message::Job { job, reply } => {
                let id = next_id;
                next_id += 1;
                waiting.insert(id, reply);
                activities.dispatcher(Activity::SendingToWorker);
                // While this waits, nobody empties our own inbox: half of the deadlock.
                if to_worker.send(Work { id, job }).await.is_err() {
                    break;
                }
                activities.dispatcher(Activity::Receiving);
            }
            Message::Done { id, answer } => {
                if let Some(client) = waiting.remove(&id) {
                    // The client may have given up; that is its business.
                    let _ = client.send(answer);
                }
            }
        }
    }
    activities.dispatcher(Activity::Stopped);
}

async fn worker(
    mut inbox: mpsc::Receiver<Work>,
    to_dispatcher: mpsc::WeakSender<Message>,
    activities: Arc<Activities>,
) {
    while let Some(Work { id, job }) = inbox.recv().await {
        let done = Message::Done {
            id,
            answer: answer(job),
        };
        let Some(to_dispatcher) = to_dispatcher.upgrade() else {
            break; // the dispatcher is gone
        };
        activities.worker(Activity::SendingToDispatcher);
        // While this waits, nobody empties our own inbox: the other half.
        if to_dispatcher.send(done).await.is_err() {
            break;
        }
        activities.worker(Activity::Receiving);
    }
    activities.worker(Activity::Stopped);
}
