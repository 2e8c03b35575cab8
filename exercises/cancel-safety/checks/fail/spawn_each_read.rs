//! Wrong: each iteration spawns a task to read the next line and races its `JoinHandle`
//! against the tick. Dropping a `JoinHandle` does not stop the task, so nothing is torn; but
//! the detached task's line is read and then thrown away with its result, and the next
//! iteration's task reads the line after it. Whole commands vanish. Caught by `lines.rs`.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::sync::Mutex;

use crate::support::{Served, ticker};

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let reader = Arc::new(Mutex::new(BufReader::new(reader)));
    let mut ticks = ticker(tick);
    let mut served = Served::default();
    loop {
        let reader = Arc::clone(&reader);
        let read = tokio::spawn(async move {
            let mut line = String::new();
            let n = reader.lock().await.read_line(&mut line).await?;
            Ok::<_, io::Error>((n, line))
        });
        tokio::select! {
            joined = read => {
                let (n, line) = joined.map_err(io::Error::other)??;
                if n == 0 {
                    break;
                }
                served.line(line);
            }
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
