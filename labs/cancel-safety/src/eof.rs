//! End of stream, the seed's way: a receive that answers `Ok("")` and a caller that spins.
//!
//! The seed guide's `receive_message` reads a line and returns it trimmed. `read_line` says
//! "end of stream" by returning `Ok(0)`, and that count is exactly what such a function
//! throws away: at end of stream it returns `Ok("")`, at once, every time it is called, and a
//! blank line returns the same `Ok("")`. A caller that skips empty messages and stops only on
//! an error (the natural loop around it) never stops: once the peer has gone, it calls
//! `receive_message` as fast as the CPU allows, forever.
//!
//! The fix is in the type: `Lines::next_line` answers `Ok(None)` at end of stream and
//! `Ok(Some(""))` for a blank line, so the caller cannot confuse them.

use std::io;

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

use crate::contract::Input;

/// A line, trimmed, in the seed's shape: `Ok("")` at end of stream, as for a blank line.
pub async fn receive_message<R: AsyncBufRead + Unpin>(reader: &mut R) -> io::Result<String> {
    let mut line = String::new();
    // The byte count (0 at end of stream) is dropped here; nothing else says the peer left.
    reader.read_line(&mut line).await?;
    Ok(line.trim().to_string())
}

/// How a receive loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drained {
    /// The messages it handed on.
    pub messages: Vec<String>,
    /// How many times it called its receive.
    pub calls: u64,
    /// Whether it stopped by itself; `false` means it was still going when the cap stopped it.
    pub stopped: bool,
}

/// The loop the seed's `receive_message` invites: skip empty messages, stop on an error.
/// `max_calls` is the only thing that ends it once the stream has ended.
pub async fn drain_seed_style<R: Input>(reader: R, max_calls: u64) -> io::Result<Drained> {
    let mut reader = tokio::io::BufReader::new(reader);
    let mut drained = Drained {
        messages: Vec::new(),
        calls: 0,
        stopped: false,
    };
    while drained.calls < max_calls {
        drained.calls += 1;
        let message = receive_message(&mut reader).await?;
        if message.is_empty() {
            continue; // "nothing to do": a blank line, or a peer that is gone for good
        }
        drained.messages.push(message);
    }
    Ok(drained)
}

/// The same loop on `next_line`: stops at `Ok(None)`, and keeps blank lines as messages.
pub async fn drain_until_end<R: Input>(reader: R, max_calls: u64) -> io::Result<Drained> {
    let mut lines = tokio::io::BufReader::new(reader).lines();
    let mut drained = Drained {
        messages: Vec::new(),
        calls: 0,
        stopped: false,
    };
    while drained.calls < max_calls {
        drained.calls += 1;
        match lines.next_line().await? {
            Some(message) => drained.messages.push(message.trim().to_string()),
            None => {
                drained.stopped = true;
                break;
            }
        }
    }
    Ok(drained)
}
