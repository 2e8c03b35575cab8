//! Futures that Tokio polls without a hook: the one given to `block_on`, and a `LocalSet`.
//!
//! Tokio's task hooks run around the polls of *tasks*. The future passed to `block_on` is not
//! a task, and neither are the tasks of a `LocalSet`, which the set polls in its own loop from
//! inside whatever future drives it (`run_until`, `LocalSet::block_on`). Code that blocks there
//! is invisible to the hooks. [`StallDetector::watch`](crate::StallDetector::watch) wraps such a
//! future so that each of its polls is recorded like a task's, under the location of the
//! `watch` call: wrap the `run_until` future and every local task's poll happens inside one of
//! its polls, so a local task that blocks makes that poll long and the watchdog sees it.
//!
//! Wrap only futures that are not themselves polled inside a task (those are seen already),
//! or the two records overlap on the worker's slot.

use std::future::Future;
use std::panic::Location;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use crate::recorder::Recorder;

pin_project_lite::pin_project! {
    /// A future whose polls the stall detector records; see [`crate::StallDetector::watch`].
    pub struct Watched<F> {
        #[pin]
        future: F,
        recorder: Option<Arc<Recorder>>,
        site: &'static Location<'static>,
    }
}

impl<F> Watched<F> {
    pub(crate) fn new(
        future: F,
        recorder: Option<Arc<Recorder>>,
        site: &'static Location<'static>,
    ) -> Self {
        Watched {
            future,
            recorder,
            site,
        }
    }
}

impl<F: Future> Future for Watched<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let Some(recorder) = this.recorder else {
            return this.future.poll(cx);
        };
        recorder.before(this.site);
        // Closed even if the future panics, so this thread's record stays balanced.
        struct Close<'a>(&'a Recorder);
        impl Drop for Close<'_> {
            fn drop(&mut self) {
                self.0.after();
            }
        }
        let _close = Close(recorder);
        this.future.poll(cx)
    }
}
