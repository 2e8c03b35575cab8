//! The floor under every variant: the same bytes read by `next_line` with no timer at all.
//!
//! A loop that races a tick against the read pays, per line, for building the `select!`, polling
//! the timer and re-arming it; without the tick there is only the read. No variant can deliver
//! lines faster than this, so the bench's `limit` row is what the fix's overhead is measured
//! against. It is not a fix: without the timer branch, the metrics and keep-alives stop
//! whenever the peer is quiet.

use std::io;

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::contract::{Input, Report};

/// Reads every line of `reader` and nothing else.
pub async fn read_all<R: Input>(reader: R) -> io::Result<Report> {
    let mut lines = BufReader::new(reader).lines();
    let mut report = Report::default();
    while let Some(line) = lines.next_line().await? {
        report.lines.push(line);
    }
    Ok(report)
}
