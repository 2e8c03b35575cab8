//! The service's loop: read newline-delimited commands from `reader`, and tick a timer for
//! the metrics in the same loop. Fix it so that no command is ever lost or torn, whatever
//! pieces it arrives in and whenever the tick fires, while the ticks stay on time.
//!
//! Run `cargo workshop` to see what fails. Stuck? `cargo workshop hint cancel-safety`.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};

use crate::support::{Served, ticker};

/// Serves `reader` until the end of the stream: every line goes to `served.line`, and every
/// `tick` the timer branch calls `served.tick()`.
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
            // scan: expect(cancel-safety)
            read = reader.read_line(&mut line) => {
                if read? == 0 {
                    break; // the peer has gone
                }
                served.line(line);
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
