//! Right: keep `read_line`, but never drop it half-way. One future reads one line; it is
//! pinned outside the loop and raced through `&mut`, so losing to the tick leaves it, partial
//! line and all, for the next iteration. When it completes, `Pin::set` starts the next one.

use std::io;
use std::pin::pin;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};

use crate::support::{Served, ticker};

/// Reads one line and gives the reader back.
async fn one_line<R: AsyncRead + Unpin>(
    mut reader: BufReader<R>,
) -> (BufReader<R>, io::Result<String>) {
    let mut line = String::new();
    let read = reader.read_line(&mut line).await.map(|_| line);
    (reader, read)
}

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let mut ticks = ticker(tick);
    let mut served = Served::default();
    let mut reading = pin!(one_line(BufReader::new(reader)));
    loop {
        tokio::select! {
            (reader, line) = &mut reading => {
                let line = line?;
                if line.is_empty() {
                    break; // 0 bytes: the end of the stream
                }
                served.line(line);
                reading.set(one_line(reader));
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
