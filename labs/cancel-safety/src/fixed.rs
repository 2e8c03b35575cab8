//! The reference fix: `BufReader::lines()` and its cancel-safe `next_line`.
//!
//! `Lines` owns the partial line. `next_line` borrows the `Lines` and appends what it reads to
//! the `Lines`' own buffer, so dropping the future loses nothing: the next call continues the
//! same line where the last one stopped. Tokio documents it as cancel safe, and the
//! documentation of `read_line` names it as the first way out. The loop keeps its shape, one
//! branch per source; only the read changes, and `Ok(None)` says end of stream plainly.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::contract::{Input, Report, ticker};

/// Serves `reader` with `Lines::next_line` racing the tick: no line is ever torn.
pub async fn serve<R: Input>(reader: R, tick: Duration) -> io::Result<Report> {
    let mut lines = BufReader::new(reader).lines();
    let mut ticks = ticker(tick);
    let mut report = Report::default();
    loop {
        tokio::select! {
            // Cancel safe: a partial line stays in `lines`, not in this future.
            line = lines.next_line() => match line? {
                Some(line) => report.lines.push(line),
                None => break, // end of stream
            },
            _ = ticks.tick() => report.ticks += 1,
        }
    }
    Ok(report)
}
