//! The one API every variant implements: serve a stream of newline-delimited commands while a
//! timer ticks beside it.
//!
//! Each variant module (`anti`, `kept_buffer`, `fixed`, `framed`, `pinned`, `reader_task`)
//! offers the same function,
//!
//! ```text
//! pub async fn serve<R: Input>(reader: R, tick: Duration) -> io::Result<Report>
//! ```
//!
//! which reads lines from `reader` until end of stream and, in the same loop, handles a tick
//! every `tick` (the metrics and keep-alive a real service sends). It returns what it
//! delivered: every line in the order it was read, without its line ending, and how many ticks
//! it handled. A line the writer did not finish with a newline before closing is delivered
//! too. The variants differ only in *how* they read; the timer is [`ticker`] for all of them,
//! so a difference between two reports is the read's doing.

use std::time::Duration;

use tokio::io::AsyncRead;
use tokio::time::{Instant, Interval, MissedTickBehavior, interval_at};

/// What a variant can read from: any byte stream that can move to another task (the
/// `reader-task` variant spawns one).
pub trait Input: AsyncRead + Unpin + Send + 'static {}

impl<T: AsyncRead + Unpin + Send + 'static> Input for T {}

/// What one `serve` delivered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Every line handed on, in order, without its `\n` (or `\r\n`).
    pub lines: Vec<String>,
    /// How many ticks the timer branch handled.
    pub ticks: u64,
}

impl Report {
    /// The bytes of the lines delivered, line endings not counted.
    pub fn bytes(&self) -> usize {
        self.lines.iter().map(String::len).sum()
    }
}

/// The longest line the `framed` variant accepts. `read_line` and `next_line` have no limit
/// at all: a peer that never sends a newline makes them buffer without end.
pub const MAX_LINE: usize = 64 * 1024;

/// The timer every variant ticks: first tick one period from now (an `interval`'s first tick
/// is immediate otherwise, which would race the very first read), then one per period.
pub fn ticker(period: Duration) -> Interval {
    let mut ticks = interval_at(Instant::now() + period, period);
    // A late tick is handled once and the schedule moves on: a keep-alive does not need
    // a burst of catch-up ticks, and a burst would only add cancellations.
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    ticks
}

/// A line as the contract delivers it: without its trailing `\n` or `\r\n`.
pub fn without_line_ending(mut line: String) -> String {
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    line
}
