//! A writer that samples the heap before each write it passes on.
//!
//! The probe writes its downloads to a real file, and still has to sample the heap where the
//! body passes ([`crate::heap`]); [`Observed`] wraps the file's writer and runs an observer
//! before forwarding each write, and nothing else.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::AsyncWrite;

/// `inner`, with `observer` run before every write.
pub struct Observed<W, F> {
    inner: W,
    observer: F,
}

impl<W, F: Fn()> Observed<W, F> {
    /// Wraps `inner`.
    pub fn new(inner: W, observer: F) -> Observed<W, F> {
        Observed { inner, observer }
    }
}

impl<W: AsyncWrite + Unpin, F: Fn() + Unpin> AsyncWrite for Observed<W, F> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        (this.observer)();
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
