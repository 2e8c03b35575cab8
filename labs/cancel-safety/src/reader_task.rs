//! A fix that moves the read out of the `select!`: a task of its own reads whole lines and
//! sends them over a bounded channel; the loop selects on the channel.
//!
//! Nothing ever cancels the reader task's `read_line`, so it can stay the plain, cancel-unsafe
//! method: it always runs to the end of its line. The loop's branch is now
//! `mpsc::Receiver::recv`, which Tokio lists as cancel safe (a message is either taken or left
//! in the channel). The channel is bounded so that a slow loop slows the reader, and with it
//! the peer, instead of buffering the stream in memory (see the `unbounded-channels` lab). The
//! price is a task, a channel hop per line, and an owner for errors that now happen elsewhere.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::mpsc;

use crate::contract::{Input, Report, ticker, without_line_ending};

/// Lines the reader task may read ahead of the loop.
const CAPACITY: usize = 64;

/// Serves `reader` from a reader task over a bounded channel: no line is torn.
pub async fn serve<R: Input>(reader: R, tick: Duration) -> io::Result<Report> {
    let (lines_tx, mut lines) = mpsc::channel(CAPACITY);
    let reader_task = tokio::spawn(read_lines(BufReader::new(reader), lines_tx));
    let mut ticks = ticker(tick);
    let mut report = Report::default();
    loop {
        tokio::select! {
            line = lines.recv() => match line {
                Some(line) => report.lines.push(line?),
                None => break, // the reader task ended: end of stream, or after an error
            },
            _ = ticks.tick() => report.ticks += 1,
        }
    }
    // The task has ended (its sender is gone); a panic in it is this call's panic.
    reader_task.await.map_err(io::Error::other)?;
    Ok(report)
}

/// Reads whole lines until end of stream, an error, or a loop that stopped listening.
async fn read_lines<R: Input>(mut reader: BufReader<R>, lines: mpsc::Sender<io::Result<String>>) {
    loop {
        let mut line = String::new();
        // Never raced against anything, so never cancelled half-way.
        let read = match reader.read_line(&mut line).await {
            Ok(0) => return,
            Ok(_) => Ok(without_line_ending(line)),
            Err(err) => Err(err),
        };
        let failed = read.is_err();
        if lines.send(read).await.is_err() || failed {
            return;
        }
    }
}
