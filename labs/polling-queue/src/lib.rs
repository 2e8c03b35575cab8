//! # Workers that poll a shared queue
//!
//! A background-job service runs a pool of workers. The producer pushes jobs onto a shared
//! `Arc<Mutex<Vec<Job>>>`, and each worker loops: sleep 100 ms, lock the `Vec`, pop a job if
//! there is one, run it.
//!
//! ```text
//! loop {
//!     sleep(Duration::from_millis(100)).await;
//!     if let Some(job) = queue.lock().await.pop() {
//!         job.run().await;
//!     }
//! }
//! ```
//!
//! Nothing is broken, every job runs, and the pool pays three ways for not being told when
//! there is work. **Latency:** a job queued just after a worker looked waits for its next
//! tick, up to the whole interval, even when every worker is idle. **Order:** `Vec::pop`
//! takes the newest job, so a backlog runs last-in, first-out and the oldest job waits
//! longest. **Idle cost:** every worker wakes ten times a second to find the queue empty, a
//! timer, a poll and a lock each, for as long as the service runs. (It also starts one job
//! per tick per worker: ten jobs a second each, however short the jobs.)
//!
//! The fix is to *wait on the queue* instead of on a timer: a channel that workers await
//! (an MPMC channel, or Tokio's `mpsc` with its one receiver shared behind a mutex), or a
//! `VecDeque` with a `Notify` that the producer signals. The `Notify` has one trap: the
//! worker must register as a waiter *before* it checks the queue, or a job pushed between the
//! check and the wait is announced to nobody (a lost wake-up).
//!
//! Every variant builds the same two halves ([`contract::Built`]: a queue and the workers'
//! bodies); [`pool::Pool`] spawns them, counts every worker's polls, and the [`contract::Log`]
//! records when each job was queued, when it started, in which order and on which worker:
//!
//! | variant | module | the queue | late | LIFO | wakes while idle | loses a wake-up |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | `anti` | [`anti`] | `Mutex<Vec>`, a 100 ms sleep, `pop()` | yes | yes | yes | no |
//! | `fixed` | [`fixed`] | `VecDeque` + `Notify`, `notified()` enabled before the check | no | no | no | no |
//! | `mpmc` | [`mpmc`] | `async-channel`, a receiver per worker | no | no | no | no |
//! | `shared-receiver` | [`shared_receiver`] | `mpsc`, the receiver behind a Tokio `Mutex` | no | no | no | no |
//! | `fast-poll` | [`fast_poll`] | `VecDeque`, a 1 ms sleep, `pop_front()` | yes | no | yes | no |
//! | `late-notify` | [`late_notify`] | `VecDeque` + `Notify`, `notified()` after the check | no | no | no | yes |
//!
//! [`variants`] names them ([`Variant`]); [`limit`] is the bench's floor, one `mpsc` hand-off
//! to a task already waiting.

pub mod anti;
pub mod contract;
pub mod fast_poll;
pub mod fixed;
pub mod late_notify;
pub mod limit;
pub mod measure;
pub mod mpmc;
pub mod pool;
pub mod shared_receiver;
pub mod variants;

pub use contract::{Backlog, Built, Job, Log, POLL_INTERVAL, Queue, Record};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use pool::Pool;
pub use variants::Variant;
