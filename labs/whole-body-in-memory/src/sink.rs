//! A writer that checks what it is given: the download's other end in tests and the probe.
//!
//! [`CheckingSink`] feeds every byte written to it to a [`Checker`] (so it knows whether the
//! whole body arrived, in order) and keeps none of them. Before it takes a write it runs an
//! observer, where a [`crate::heap::PeakHeap`] samples the heap. It also counts flushes: bytes
//! a writer has accepted are not on disk until it is flushed, and a download that forgets to
//! flush a `BufWriter` loses the end of the file.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::AsyncWrite;

use crate::body::Checker;

/// A writer that checks every byte against the body's pattern and stores nothing.
pub struct CheckingSink<'a> {
    checker: Checker,
    flushed_at: Option<u64>,
    observer: Box<dyn Fn() + Send + 'a>,
}

impl<'a> CheckingSink<'a> {
    /// A sink that runs `observer` before each write.
    pub fn new(observer: impl Fn() + Send + 'a) -> CheckingSink<'a> {
        CheckingSink {
            checker: Checker::default(),
            flushed_at: None,
            observer: Box::new(observer),
        }
    }

    /// What arrived so far.
    pub fn checker(&self) -> Checker {
        self.checker
    }

    /// Whether the whole body of `len` bytes arrived in order and was flushed after its last
    /// byte.
    pub fn holds_body_of(&self, len: u64) -> bool {
        self.checker.is_body_of(len) && self.flushed_at == Some(len)
    }
}

impl AsyncWrite for CheckingSink<'_> {
    fn poll_write(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        (this.observer)();
        this.checker.feed(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        this.flushed_at = Some(this.checker.received);
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.poll_flush(cx)
    }
}
