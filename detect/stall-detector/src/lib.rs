//! Find the code that blocks your Tokio runtime, in your own running service.
//!
//! A Tokio worker runs one task at a time and switches only when that task's `poll` returns.
//! Code that blocks (`std::thread::sleep`, `std::fs`, a long computation, a `std` mutex held
//! across an `.await`) keeps `poll` from returning, and every task queued behind it waits:
//! latency climbs, timers fire late, and nothing in the logs says why. tokio-console shows busy
//! times but has no warning for it; tokio-metrics counts slow polls but cannot say whose.
//!
//! This crate watches every poll through Tokio's task hooks and keeps, for each **spawn
//! location** (the `tokio::spawn` call in your code), a histogram of poll times and the
//! longest polls. Three lines add it to a runtime:
//!
//! ```
//! let mut builder = tokio::runtime::Builder::new_multi_thread();
//! let stalls = stall_detector::install(&mut builder);
//! let runtime = builder.enable_all().build().unwrap();
//! # runtime.block_on(async { tokio::spawn(async {}).await.unwrap() });
//! println!("{}", stalls.report());
//! ```
//!
//! What it reports:
//!
//! - **per location**, the long-poll rule's verdict: the rule the tokio-console snapshot lint of
//!   this project uses too (the `long-poll` crate: 3 polls of 1 ms or more that are a quarter
//!   of the location's polls, or one poll of 100 ms), with the poll counts, p50, p99 and the
//!   longest poll behind it;
//! - **while it happens**: a watchdog thread looks at the workers every millisecond, and a poll
//!   still running past 100 ms is logged through `tracing` at once (a worker blocked forever
//!   never reaches the hook that runs after its poll);
//! - **why it was long**: for each long poll, whether the worker thread spent it on a core
//!   (CPU-bound: move it to `spawn_blocking` or chunk it) or asleep (blocked: use the async
//!   API), from the OS's own accounting of that thread;
//! - **excused polls**: a poll inside `block_in_place` hands its worker to another thread, so
//!   it blocks nobody; the detector sees the hand-off and excuses it, as the console lint does.
//!
//! [`StallDetector::report`] returns a [`Report`]: print it, serialise it (serde), or serve it.
//!
//! # Requirements and costs
//!
//! Tokio's task hooks exist only with `--cfg tokio_unstable` (for example `rustflags = ["--cfg",
//! "tokio_unstable"]` in `.cargo/config.toml`). Without it this crate still builds, and
//! [`install`] returns a detector whose report says plainly that it is inactive, and why.
//!
//! It takes over the builder's `on_before_task_poll`, `on_after_task_poll` and
//! `on_thread_park` hooks (a builder keeps one of each: call [`install`] after setting your
//! own, and yours are replaced). `block_on` futures and `LocalSet` tasks are not polled as
//! tasks: Tokio calls no hook around them, so wrap the future that drives them with
//! [`StallDetector::watch`] to have them watched too. The book's chapter
//! "Finding blocking in your own service" measures its overhead and its hit rate on every lab.

mod config;
pub mod cpu;
pub mod histogram;
#[cfg(tokio_unstable)]
mod recorder;
mod report;
pub mod watchdog;
#[cfg(tokio_unstable)]
mod watched;

use std::sync::Arc;

pub use config::Config;
pub use long_poll::{Judgement, Thresholds};
pub use report::{ClassCounts, LocationReport, LongPoll, Report, Tally};

#[cfg(tokio_unstable)]
use recorder::Recorder;
#[cfg(tokio_unstable)]
pub use watched::Watched;

/// The handle [`install`] returns: ask it for a [`Report`] at any time.
#[derive(Clone)]
pub struct StallDetector {
    #[cfg(tokio_unstable)]
    recorder: Option<Arc<Recorder>>,
    /// Why the detector is not running, when it is not.
    inactive: Option<Arc<str>>,
}

/// Installs the detector, with [`Config::default`], on a runtime that is yet to be built.
pub fn install(builder: &mut tokio::runtime::Builder) -> StallDetector {
    install_with(builder, Config::default())
}

/// Installs the detector on a runtime that is yet to be built.
#[cfg(tokio_unstable)]
pub fn install_with(builder: &mut tokio::runtime::Builder, config: Config) -> StallDetector {
    let recorder = match Recorder::start(config) {
        Ok(recorder) => recorder,
        Err(err) => {
            return StallDetector::inactive(&format!("cannot start its watchdog thread: {err}"));
        }
    };
    let before = Arc::clone(&recorder);
    let after = Arc::clone(&recorder);
    let park = Arc::clone(&recorder);
    builder
        .on_before_task_poll(move |meta| before.before_poll(meta))
        .on_after_task_poll(move |meta| after.after_poll(meta))
        .on_thread_park(move || park.before_park());
    StallDetector {
        recorder: Some(recorder),
        inactive: None,
    }
}

/// Without `--cfg tokio_unstable` there are no task hooks: the detector says so.
#[cfg(not(tokio_unstable))]
pub fn install_with(_builder: &mut tokio::runtime::Builder, _config: Config) -> StallDetector {
    let reason = "built without `--cfg tokio_unstable`, so Tokio has no task hooks to watch \
                  polls with; add `rustflags = [\"--cfg\", \"tokio_unstable\"]` to \
                  .cargo/config.toml";
    tracing::warn!(target: "stall_detector", "stall detector inactive: {reason}");
    StallDetector::inactive(reason)
}

impl StallDetector {
    /// A detector that watches nothing, for code that takes one whether or not a runtime has
    /// the real one installed.
    pub fn disabled() -> StallDetector {
        StallDetector::inactive("not installed on any runtime")
    }

    fn inactive(reason: &str) -> StallDetector {
        StallDetector {
            #[cfg(tokio_unstable)]
            recorder: None,
            inactive: Some(reason.into()),
        }
    }

    /// Whether the hooks are installed and the watchdog runs.
    pub fn is_active(&self) -> bool {
        self.inactive.is_none()
    }

    /// Wraps a future that Tokio polls without a task hook (the one given to `block_on`, or a
    /// `LocalSet`'s `run_until`), so that its polls are judged like a task's, under the
    /// location of this call. Wrap only futures that are not polled inside a task (those are
    /// seen already).
    #[cfg(tokio_unstable)]
    #[track_caller]
    pub fn watch<F: std::future::Future>(&self, future: F) -> Watched<F> {
        Watched::new(
            future,
            self.recorder.clone(),
            std::panic::Location::caller(),
        )
    }

    /// Without task hooks there is nothing to record: the future is returned as it is.
    #[cfg(not(tokio_unstable))]
    pub fn watch<F: std::future::Future>(&self, future: F) -> F {
        future
    }

    /// Everything seen so far: every location judged, the longest polls, the live stalls.
    pub fn report(&self) -> Report {
        #[cfg(tokio_unstable)]
        if let Some(recorder) = &self.recorder {
            return recorder.report();
        }
        Report::inactive(self.inactive.as_deref().unwrap_or("not installed"))
    }
}
