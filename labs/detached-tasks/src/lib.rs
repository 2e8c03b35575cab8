//! # Tasks nobody watches
//!
//! A service runs a batch of background jobs (syncs, uploads, scoring) and keeps some state
//! in an actor. The code people write first spawns each job and lets the handle go:
//!
//! ```text
//! for job in jobs {
//!     tokio::spawn(async move {
//!         let value = job.run().await?;
//!         results.send(value)
//!     });
//! }
//! ```
//!
//! and it works on every run that goes well. The mechanism: the `JoinHandle` is the only
//! thing that carries a task's *end* back, and dropping it detaches the task rather than
//! stopping it. A job whose `?` fires returns its error into a task output nobody reads; a job
//! that panics unwinds its own task (Tokio catches the panic there: the runtime and the other
//! tasks carry on) into a `JoinError` nobody reads either. The report comes back shorter, with
//! no error in sight, and when the caller gives up on the batch every job goes on running,
//! unowned. Three neighbours share the mistake of an end nobody observes: an actor that
//! `.unwrap()`s a fallible call dies on the first bad request and fails every request after
//! it ([`actor`]); a panic inside `rayon::spawn` has no task to stop at, and rayon aborts the
//! whole process ([`offload`]); and `join!` as "failure isolation" isolates errors but not
//! panics, which unwind through the whole call ([`joined`]).
//!
//! The fix keeps every end observable: a `JoinSet` joins every task (errors, panics and all)
//! and aborts the rest when dropped; a `TaskTracker` waits for every task of a shutdown,
//! with each job reporting its own end; the actor replies with the error and loops on; the
//! rayon work catches its panic and sends it back as an error.
//!
//! Every supervisor is an `async fn(Vec<Job>, Arc<Ledger>) -> Report` ([`contract`]), so the
//! tests, the bench in `benches/detached-tasks.rs`, the demo and the probe run each the same
//! way:
//!
//! | variant | module | how each job's end comes back | loses errors | loses panics | panics | outlives its caller |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | `anti` | [`anti`] | a channel, the handle dropped | yes | yes | no | yes |
//! | `fixed` | [`fixed`] | a `JoinSet`, every task joined | no | no | no | no |
//! | `tracker` | [`tracker`] | a `TaskTracker`; each job catches its panic and sends | no | no | no | no |
//! | `awaited-handles` | [`awaited_handles`] | a `Vec<JoinHandle>`, each awaited | no | no | no | yes |
//! | `joined` | [`joined`] | one `join_all` in the caller's task | no | no | yes | no |
//!
//! [`variants`] names them ([`Variant`]); [`scenario`] runs one on a batch under paused time
//! and judges the report, or abandons it half-way; [`limit`] is the bench's floor, bare
//! tasks spawned and joined. [`actor`] and [`offload`] keep contracts of their own, because
//! their failures are of another kind: an actor's death, a process's abort.

pub mod actor;
pub mod anti;
pub mod awaited_handles;
pub mod contract;
pub mod fixed;
pub mod joined;
pub mod limit;
pub mod offload;
pub mod scenario;
pub mod tracker;
pub mod variants;

pub use contract::{Job, JobError, Kind, Ledger, Outcome, Report};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use scenario::{Abandoned, Supervised};
pub use variants::Variant;
