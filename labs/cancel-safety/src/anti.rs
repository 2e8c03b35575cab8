//! The anti-pattern: `read_line` as a branch of the `select!` loop, into a fresh `String`.
//!
//! This is the loop as people write it first, and as the seed guide's `message_loop` has it:
//! one branch reads the next command, the other ticks. It is correct whenever each command
//! arrives in one piece, which is every test run on a loopback socket and most of the traffic
//! in production. A command that arrives in two pieces (a TCP segment boundary, a slow
//! serial line, a peer that writes a header and then a body) is torn whenever the tick falls
//! between the pieces: `read_line` has already moved the first piece out of the `BufReader`
//! into its `String`, the tick wins the race, `select!` drops the `read_line` future and the
//! `String` with it, and the next iteration starts reading in the middle of the command.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::contract::{Input, Report, ticker, without_line_ending};

/// Serves `reader` with `read_line` racing the tick: loses the start of any line that is
/// still incomplete when a tick fires.
pub async fn serve<R: Input>(reader: R, tick: Duration) -> io::Result<Report> {
    let mut reader = BufReader::new(reader);
    let mut ticks = ticker(tick);
    let mut report = Report::default();
    loop {
        let mut line = String::new();
        tokio::select! {
            // The cost: when the tick wins, this future is dropped, and the bytes it has
            // already taken out of `reader` are dropped with it.
            // scan: expect(cancel-safety)
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    break; // end of stream
                }
                report.lines.push(without_line_ending(line));
            }
            _ = ticks.tick() => report.ticks += 1,
        }
    }
    Ok(report)
}
