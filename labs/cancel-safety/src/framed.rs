//! A fix from tokio-util: `FramedRead` with `LinesCodec`, read as a `Stream`.
//!
//! The same idea as `fixed`, one layer up: the codec's buffer belongs to the `FramedRead`,
//! and `StreamExt::next` only borrows the stream, so a dropped `next()` loses nothing (Tokio's
//! `select!` documentation lists `StreamExt::next` on any `Stream` as cancel safe). What it adds
//! is a bound: `LinesCodec::new_with_max_length` refuses a line longer than
//! [`MAX_LINE`](crate::contract::MAX_LINE) instead of buffering a peer's endless line, and the
//! same shape takes any other framing (length-delimited, JSON, a protocol's own codec).

use std::io;
use std::time::Duration;

use tokio_stream::StreamExt;
use tokio_util::codec::{FramedRead, LinesCodec, LinesCodecError};

use crate::contract::{Input, MAX_LINE, Report, ticker};

/// Serves `reader` through `FramedRead<_, LinesCodec>` racing the tick: no line is torn.
pub async fn serve<R: Input>(reader: R, tick: Duration) -> io::Result<Report> {
    let mut lines = FramedRead::new(reader, LinesCodec::new_with_max_length(MAX_LINE));
    let mut ticks = ticker(tick);
    let mut report = Report::default();
    loop {
        tokio::select! {
            line = lines.next() => match line {
                Some(line) => report.lines.push(line.map_err(into_io)?),
                None => break,
            },
            _ = ticks.tick() => report.ticks += 1,
        }
    }
    Ok(report)
}

/// The codec's error as the contract's: an I/O error stays one, an overlong line is bad data.
fn into_io(err: LinesCodecError) -> io::Error {
    match err {
        LinesCodecError::Io(err) => err,
        LinesCodecError::MaxLineLengthExceeded => io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a line longer than {MAX_LINE} bytes"),
        ),
    }
}
