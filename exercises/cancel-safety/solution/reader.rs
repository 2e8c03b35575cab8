//! The reference fix: `Lines::next_line`, which keeps a partial line in the `Lines` rather
//! than in the future, so a tick that wins the race loses nothing.

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
    let mut lines = BufReader::new(reader).lines();
    let mut ticks = ticker(tick);
    let mut served = Served::default();
    loop {
        tokio::select! {
            // Cancel safe: dropping this future leaves the partial line in `lines`.
            line = lines.next_line() => match line? {
                Some(line) => served.line(line),
                None => break, // the peer has gone
            },
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
