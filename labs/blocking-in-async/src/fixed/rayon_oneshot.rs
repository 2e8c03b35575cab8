//! A rayon computation handed to rayon's pool with `rayon::spawn`, its answer awaited on a
//! oneshot channel.
//!
//! `rayon::spawn` queues the closure on rayon's pool and returns at once, so the worker is
//! free the moment the handler awaits the channel. The closure runs the parallel iterator
//! from inside the pool, where a rayon thread waiting for the other pieces helps compute them
//! instead of parking. Rayon's pool has one thread per core and never grows, which is what
//! sustained CPU work wants: jobs queue instead of piling up threads.
//!
//! One trap: a panic that escapes a `rayon::spawn` closure **aborts the process** (rayon's
//! default when no panic handler is configured). Awaiting the oneshot and treating a dropped
//! sender as "the job panicked", as is often suggested, never gets the chance. So [`on_rayon`]
//! catches the panic inside the closure and sends it back as a value, which turns it into an
//! error for this one request, as `spawn_blocking` does.

use std::panic::{self, AssertUnwindSafe};

use tokio::sync::oneshot;

use crate::contract::{HandlerError, Job};
use crate::work;

/// Runs the parallel computation on rayon's pool and awaits the answer.
pub async fn handle(job: Job) -> Result<u64, HandlerError> {
    on_rayon(move || work::crunch_parallel(&job)).await
}

/// Runs `f` on rayon's global pool and awaits its result without blocking the worker.
///
/// A panic in `f` comes back as [`HandlerError::Panicked`] instead of aborting the process.
pub async fn on_rayon<T, F>(f: F) -> Result<T, HandlerError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let (tx, rx) = oneshot::channel();
    rayon::spawn(move || {
        // AssertUnwindSafe: after a panic we drop everything `f` touched and only report the
        // panic, so no broken state can be observed.
        let result = panic::catch_unwind(AssertUnwindSafe(f));
        // The receiver is gone if the request was cancelled; nobody is left to tell.
        let _ = tx.send(result);
    });
    match rx.await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(payload)) => Err(HandlerError::from_panic(payload)),
        // The closure always sends before it ends, so a dropped sender means it never ran.
        Err(_) => Err(HandlerError::Cancelled),
    }
}
