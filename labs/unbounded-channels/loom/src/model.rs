//! The two designs of the lab's dispatcher and worker, as threads for loom to schedule.
//!
//! A client (the model's main thread) sends [`JOBS`] jobs to a dispatcher and waits for every
//! answer. The dispatcher hands each job to a worker. Both inboxes hold [`CAPACITY`] message.
//!
//! - [`cycle`]: the worker reports each answer back into the dispatcher's inbox, and the
//!   dispatcher passes it on to the client. Four jobs are one more than the cycle can hold
//!   (a message in each inbox and one in the worker's hands), so some schedules end with the
//!   dispatcher waiting for room in the worker's inbox while the worker waits for room in the
//!   dispatcher's: a deadlock.
//! - [`oneshot_reply`]: each job carries a [`Oneshot`] from the client, and the worker answers
//!   there directly. Every wait now points downstream, towards a thread that never waits on
//!   anyone, so no schedule can deadlock.
//!
//! Each thread handles a known number of messages and returns, so a model that completes has
//! delivered every answer, which the functions return for the caller to check.

use crate::channel::Bounded;
use crate::oneshot::Oneshot;
use crate::sync::thread;

/// Jobs the client sends: one more than the cycle can hold when both inboxes are full.
pub const JOBS: u64 = 4;
/// Messages each inbox holds.
pub const CAPACITY: usize = 1;

/// The answer the worker computes for `job`.
pub fn answer(job: u64) -> u64 {
    job * 10 + 1
}

/// What arrives in the dispatcher's inbox in the cycle design.
#[derive(Debug)]
enum ToDispatcher {
    /// A new job from the client, with the slot its answer goes to.
    Job(u64, Oneshot<u64>),
    /// The worker's report on a job.
    Done(u64, u64),
}

/// The design that deadlocks: the worker reports back into the dispatcher's bounded inbox.
/// Returns the answers in job order, if every schedule lets it finish.
pub fn cycle() -> Vec<u64> {
    cycle_with(JOBS)
}

/// [`cycle`] with `jobs` jobs instead of [`JOBS`].
pub fn cycle_with(jobs: u64) -> Vec<u64> {
    let to_dispatcher = Bounded::<ToDispatcher>::new(CAPACITY);
    let to_worker = Bounded::<u64>::new(CAPACITY);

    let dispatcher = {
        let (inbox, to_worker) = (to_dispatcher.clone(), to_worker.clone());
        thread::spawn(move || {
            let mut waiting: Vec<(u64, Oneshot<u64>)> = Vec::new();
            // Every job arrives once as a job and once as a report.
            for _ in 0..2 * jobs {
                match inbox.recv() {
                    ToDispatcher::Job(job, reply) => {
                        waiting.push((job, reply));
                        to_worker.send(job); // waits while the worker's inbox is full
                    }
                    ToDispatcher::Done(job, answer) => {
                        let at = waiting.iter().position(|(j, _)| *j == job);
                        let (_, reply) = waiting.swap_remove(at.expect("a job we sent"));
                        reply.put(answer);
                    }
                }
            }
        })
    };
    let worker = {
        let (inbox, to_dispatcher) = (to_worker, to_dispatcher.clone());
        thread::spawn(move || {
            for _ in 0..jobs {
                let job = inbox.recv();
                // Waits while the dispatcher's inbox is full: the edge that closes the cycle.
                to_dispatcher.send(ToDispatcher::Done(job, answer(job)));
            }
        })
    };

    let replies: Vec<Oneshot<u64>> = (0..jobs).map(|_| Oneshot::new()).collect();
    for (job, reply) in (0..jobs).zip(&replies) {
        to_dispatcher.send(ToDispatcher::Job(job, reply.clone()));
    }
    let answers = replies.iter().map(Oneshot::take).collect();
    dispatcher.join().expect("the dispatcher never panics");
    worker.join().expect("the worker never panics");
    answers
}

/// The design without a cycle: the worker answers each job's own slot, never the dispatcher.
/// Returns the answers in job order.
pub fn oneshot_reply() -> Vec<u64> {
    oneshot_reply_with(JOBS)
}

/// [`oneshot_reply`] with `jobs` jobs instead of [`JOBS`].
pub fn oneshot_reply_with(jobs: u64) -> Vec<u64> {
    let to_dispatcher = Bounded::<(u64, Oneshot<u64>)>::new(CAPACITY);
    let to_worker = Bounded::<(u64, Oneshot<u64>)>::new(CAPACITY);

    let dispatcher = {
        let (inbox, to_worker) = (to_dispatcher.clone(), to_worker.clone());
        thread::spawn(move || {
            for _ in 0..jobs {
                to_worker.send(inbox.recv()); // may wait, but the worker waits for nobody
            }
        })
    };
    let worker = thread::spawn(move || {
        for _ in 0..jobs {
            let (job, reply) = to_worker.recv();
            reply.put(answer(job)); // never waits
        }
    });

    let replies: Vec<Oneshot<u64>> = (0..jobs).map(|_| Oneshot::new()).collect();
    for (job, reply) in (0..jobs).zip(&replies) {
        to_dispatcher.send((job, reply.clone()));
    }
    let answers = replies.iter().map(Oneshot::take).collect();
    dispatcher.join().expect("the dispatcher never panics");
    worker.join().expect("the worker never panics");
    answers
}

/// The answers both designs must return when they finish.
pub fn expected() -> Vec<u64> {
    (0..JOBS).map(answer).collect()
}
