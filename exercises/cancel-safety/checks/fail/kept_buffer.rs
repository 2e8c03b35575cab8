//! Wrong: the `String` lives outside the loop and is emptied only after a complete line, the
//! fix that looks right. `read_line` is still the branch, and a cancelled `read_line` leaves
//! the `String` empty (Tokio: "no guarantees regarding the contents of `buf` when the call is
//! cancelled"), so the first piece is gone all the same. Caught by `lines.rs`.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};

use crate::support::{Served, ticker};

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut reader = BufReader::new(reader);
    let mut ticks = ticker(tick);
    let mut served = Served::default();
    let mut line = String::new();
    loop {
        tokio::select! {
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    break;
                }
                served.line(std::mem::take(&mut line));
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
