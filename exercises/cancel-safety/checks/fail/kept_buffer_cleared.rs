//! Wrong: the `String` lives outside the loop and is cleared at the top of each iteration.
//! Clearing it throws away what a cancelled read might have left, and a cancelled `read_line`
//! leaves nothing there anyway: it takes the `String`'s bytes into the future when it starts
//! and puts them back only when the line is complete. Caught by `lines.rs`.

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
        line.clear();
        tokio::select! {
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    break;
                }
                served.line(line.clone());
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
