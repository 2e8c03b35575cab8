//! Wrong: `biased;` with the read first, so the read "always wins". It wins only when it is
//! ready; while it waits for the rest of a command, the tick is the only branch ready, and it
//! drops the half-read line as before. Caught by `lines.rs`.

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
    loop {
        let mut line = String::new();
        tokio::select! {
            biased;
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    break;
                }
                served.line(line);
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
