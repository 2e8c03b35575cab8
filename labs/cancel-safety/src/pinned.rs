//! A fix that keeps `read_line`: the read future lives across iterations instead of being
//! rebuilt (and dropped) by each one.
//!
//! Cancel safety is a property of *dropping* a future, not of the method that made it. Here
//! the future that reads one line is created once, pinned outside the loop, and `select!`
//! polls it through `&mut`: when the tick wins, the future is merely not finished yet, and the
//! next iteration polls the same future, with the same partial line inside it. Only when it
//! completes is it replaced, with `Pin::set`, by the read of the next line.
//!
//! The future owns the reader (and hands it back with the line) so that it can outlive the
//! loop's borrows; that is the price of the pattern, and why a cancel-safe method is simpler
//! where one exists. It is the right tool for the reads that have none (`read_exact`, a
//! request/response exchange, anything written as an `async fn`).

use std::io;
use std::pin::pin;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::contract::{Input, Report, ticker, without_line_ending};

/// Serves `reader` with one `read_line` future at a time, kept until it completes.
pub async fn serve<R: Input>(reader: R, tick: Duration) -> io::Result<Report> {
    let mut ticks = ticker(tick);
    let mut report = Report::default();
    let mut next = pin!(read_one(BufReader::new(reader)));
    loop {
        tokio::select! {
            // `&mut next`: select! polls the future without taking it, so losing the race
            // leaves it, and its partial line, for the next iteration.
            (reader, read) = &mut next => {
                let Some(line) = read? else { break };
                report.lines.push(line);
                // Completed futures must not be polled again: start the next line's read.
                next.set(read_one(reader));
            }
            _ = ticks.tick() => report.ticks += 1,
        }
    }
    Ok(report)
}

/// Reads one line (`None` at end of stream) and hands the reader back for the next one.
async fn read_one<R: Input>(
    mut reader: BufReader<R>,
) -> (BufReader<R>, io::Result<Option<String>>) {
    let mut line = String::new();
    let read = match reader.read_line(&mut line).await {
        Ok(0) => Ok(None),
        Ok(_) => Ok(Some(without_line_ending(line))),
        Err(err) => Err(err),
    };
    (reader, read)
}
