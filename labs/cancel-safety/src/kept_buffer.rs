//! The first fix people try, which is not one: keep the `String` outside the loop.
//!
//! The reasoning is that the bytes were lost because the buffer was created afresh in every
//! iteration, so a buffer that outlives the iterations should keep them. It does not, because
//! the buffer is not where `read_line` keeps a partial line: the future takes the `String`'s
//! bytes out of it when it is created (`mem::take`), appends to its own copy, and puts the
//! result back only when the line is complete. Dropped half-way, it leaves the `String` empty.
//! Tokio's documentation says as much: "there are no guarantees regarding the contents of
//! `buf` when the call is cancelled". So this variant tears exactly the lines `anti` tears.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::contract::{Input, Report, ticker, without_line_ending};

/// Serves `reader` with `read_line` into one long-lived `String`: tears lines as `anti` does.
pub async fn serve<R: Input>(reader: R, tick: Duration) -> io::Result<Report> {
    let mut reader = BufReader::new(reader);
    let mut ticks = ticker(tick);
    let mut report = Report::default();
    // Outside the loop, in the hope that a partial line survives a cancelled read.
    let mut line = String::new();
    loop {
        tokio::select! {
            // scan: expect(cancel-safety)
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    break;
                }
                report.lines.push(without_line_ending(std::mem::take(&mut line)));
            }
            _ = ticks.tick() => report.ticks += 1,
        }
    }
    Ok(report)
}
