//! Wrong: `AsyncFd`, the right tool, over a descriptor opened without `O_NONBLOCK`. The reactor
//! reports the port readable and the first read returns the message; but `try_io` clears the
//! readiness only when a read says `EWOULDBLOCK`, and a blocking descriptor never says it: the
//! next read, with the port silent again, waits in `read(2)` on a worker. Caught by `idle`
//! (ports that have read one message and wait for the next).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use tokio::io::unix::AsyncFd;
use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader, Lines, ReadBuf};

/// The descriptor under the reactor.
#[derive(Debug)]
struct Fd(AsyncFd<File>);

impl AsyncRead for Fd {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            let mut guard = ready!(self.0.poll_read_ready(cx))?;
            let unfilled = buf.initialize_unfilled();
            if let Ok(n) = guard.try_io(|fd| fd.get_ref().read(unfilled)) {
                buf.advance(n?);
                return Poll::Ready(Ok(()));
            }
        }
    }
}

/// A port the host writes messages to, one per line.
#[derive(Debug)]
pub struct SerialPort {
    lines: Lines<BufReader<Fd>>,
}

impl SerialPort {
    /// Opens the port at `path`.
    pub async fn open(path: &Path) -> io::Result<SerialPort> {
        #[expect(deprecated, reason = "the workspace forbids the `unsafe fn register`")]
        let fd = AsyncFd::new(File::open(path)?)?;
        Ok(SerialPort {
            lines: BufReader::new(Fd(fd)).lines(),
        })
    }

    /// The next message, without its newline; `None` once the host has hung up.
    pub async fn next_message(&mut self) -> io::Result<Option<String>> {
        self.lines.next_line().await
    }
}
