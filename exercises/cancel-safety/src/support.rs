//! What the exercise gives you; you should not need to change this file.
//!
//! - [`Served`] is what `serve` returns: the lines it handed on and when each tick ran.
//! - [`ticker`] is the timer `serve` ticks (its first tick one period after the start).
//! - [`Peer`] is the other end of the stream, for the tests: it writes bytes in pieces, with
//!   pauses between them, into a `tokio::io::duplex` pipe and then closes it. [`Peer::serve`]
//!   runs your `serve` against it. The tests run on a paused clock, where time moves only
//!   when every task waits, straight to the next timer: a pause costs no real time, and a
//!   tick that falls between two pieces of a line does so on every run.
//! - [`Watched`] is the stream your `serve` reads. It behaves like the pipe, and panics when
//!   the stream is read far more often after its end than any reader needs: a loop that
//!   keeps reading an ended stream would otherwise spin for ever.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWriteExt, DuplexStream, ReadBuf};
use tokio::time::{Instant, Interval, MissedTickBehavior, interval_at};

/// What one call of `serve` handed on.
#[derive(Debug, Default)]
pub struct Served {
    /// Every line, in order, without its line ending.
    pub lines: Vec<String>,
    /// When each tick was handled.
    pub ticks: Vec<Instant>,
}

impl Served {
    /// Hands on one line; a trailing `\n` or `\r\n` is removed.
    pub fn line(&mut self, mut line: String) {
        if line.ends_with('\n') {
            line.pop();
            if line.ends_with('\r') {
                line.pop();
            }
        }
        self.lines.push(line);
    }

    /// Handles one tick (in a real service: send the metrics, the keep-alive).
    pub fn tick(&mut self) {
        self.ticks.push(Instant::now());
    }
}

/// The timer `serve` must tick: every `period`, the first one `period` from now.
pub fn ticker(period: Duration) -> Interval {
    let mut ticks = interval_at(Instant::now() + period, period);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    ticks
}

/// Reads after the end of the stream before [`Watched`] calls it a spin.
const READS_AFTER_END: u32 = 100;

/// The stream `serve` reads: the pipe, watched for reads past its end.
#[derive(Debug)]
pub struct Watched {
    pipe: DuplexStream,
    reads_after_end: u32,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.pipe).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() == before {
            self.reads_after_end += 1;
            assert!(
                self.reads_after_end < READS_AFTER_END,
                "the stream has ended, and it has been read {READS_AFTER_END} times since: \
                 `serve` keeps reading an ended stream instead of returning (a read of 0 bytes, \
                 or `Ok(None)` from `next_line`, means the peer has gone)"
            );
        }
        polled
    }
}

/// Pieces a peer writes, each followed by a pause, then the end of the stream.
#[derive(Debug, Clone, Default)]
pub struct Peer {
    pieces: Vec<(Vec<u8>, Duration)>,
}

impl Peer {
    /// A peer with nothing to say yet.
    pub fn new() -> Peer {
        Peer::default()
    }

    /// Writes `bytes` in one piece.
    pub fn write(mut self, bytes: impl AsRef<[u8]>) -> Peer {
        self.pieces.push((bytes.as_ref().to_vec(), Duration::ZERO));
        self
    }

    /// Waits `pause` after the last piece.
    pub fn pause(mut self, pause: Duration) -> Peer {
        match self.pieces.last_mut() {
            Some((_, after)) => *after += pause,
            None => self.pieces.push((Vec::new(), pause)),
        }
        self
    }

    /// Runs `serve` against this peer with a tick every `tick`; returns what it served and
    /// when it started.
    pub async fn serve(self, tick: Duration) -> (Served, Instant) {
        let (mut ours, theirs) = tokio::io::duplex(64 * 1024);
        let writer = tokio::spawn(async move {
            for (bytes, pause) in self.pieces {
                ours.write_all(&bytes).await.expect("the pipe is open");
                tokio::time::sleep(pause).await;
            }
            // Dropping our end is the end of the stream.
        });
        let start = Instant::now();
        let watched = Watched {
            pipe: theirs,
            reads_after_end: 0,
        };
        let served = crate::serve(watched, tick)
            .await
            .expect("serve returns Ok once the stream ends");
        writer.await.expect("the peer does not panic");
        (served, start)
    }
}
