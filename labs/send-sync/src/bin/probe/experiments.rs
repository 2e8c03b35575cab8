//! The run-time half: what a second caller meets in each shareable converter, the Tokio
//! mutex called from a runtime worker, and the thread-local runtime used after its thread.

use std::sync::Arc;

use send_sync::Converter;
use send_sync::exclusion::{Exclusion, panic_message, second_caller};
use send_sync::ffi;
use send_sync::fixed::Fixed;
use send_sync::runtime_per_thread;
use send_sync::tokio_mutex::TokioMutex;
use send_sync::unguarded::Unguarded;

/// Everything this module measured.
#[derive(Debug)]
pub struct Found {
    /// Each `Sync` converter's name and what a second caller met.
    pub exclusion: Vec<(&'static str, Exclusion)>,
    /// The Tokio mutex's `convert` from a runtime worker: its answer or its panic.
    pub tokio_mutex_on_worker: Result<String, String>,
    /// The std mutex's, the same way.
    pub std_mutex_on_worker: Result<String, String>,
    /// The thread-local runtime used after its thread exited: the panic, if any.
    pub after_thread_exit: Option<String>,
}

fn judge<C: Converter + Sync>() -> Exclusion {
    let session = ffi::open();
    let converter = C::open(session.clone());
    second_caller(&converter, &session, |c, input| c.convert(input))
}

fn on_worker<C: Converter + Send + Sync + 'static>() -> anyhow::Result<Result<String, String>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .build()?;
    let converter = Arc::new(C::open(ffi::open()));
    // `spawn` inside `block_on`: it needs the runtime's context, and the task must run on a
    // worker thread, not on this one.
    let joined = runtime
        .block_on(async move { tokio::spawn(async move { converter.convert("task") }).await });
    Ok(joined.map_err(|err| match err.try_into_panic() {
        Ok(panic) => panic_message(panic.as_ref()),
        Err(err) => err.to_string(),
    }))
}

/// Runs every experiment (well under a second: each is decided by an event).
pub fn measure() -> anyhow::Result<Found> {
    // Two experiments panic on purpose, and the panic is what they measure (its message is
    // kept from the payload): keep the default hook's report of it out of the run's log.
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let found = run_all();
    std::panic::set_hook(report);
    found
}

fn run_all() -> anyhow::Result<Found> {
    Ok(Found {
        exclusion: vec![
            ("fixed", judge::<Fixed>()),
            ("tokio-mutex", judge::<TokioMutex>()),
            ("unguarded", judge::<Unguarded>()),
        ],
        tokio_mutex_on_worker: on_worker::<TokioMutex>()?,
        std_mutex_on_worker: on_worker::<Fixed>()?,
        after_thread_exit: runtime_per_thread::use_after_thread_exit(),
    })
}

/// One outcome in a few words.
pub fn describe(outcome: &Exclusion) -> String {
    match outcome {
        Exclusion::Waited(first, second) => {
            format!("waited outside the library (answers `{first}`, `{second}`)")
        }
        Exclusion::Overlapped => "entered the library while the first call was inside".into(),
        Exclusion::ReturnedWhileHeld(answer) => format!("returned `{answer}` without entering"),
        Exclusion::FirstNeverEntered => "the first call never reached the library".into(),
        Exclusion::Panicked(message) => format!("panicked: {message}"),
    }
}

/// The table of the exclusion checks.
pub fn render(found: &Found) -> String {
    let mut out = String::from(
        "One call parked inside the library, a second caller started on another thread \
         (`send_sync::exclusion`), this run:\n\n| converter | the second caller |\n| --- | --- |\n",
    );
    for (name, outcome) in &found.exclusion {
        out.push_str(&format!("| `{name}` | {} |\n", describe(outcome)));
    }
    out
}
