//! Right: a task of its own reads whole lines with plain `read_line` (nothing races it, so
//! nothing cancels it) and sends them over a bounded channel; the loop races
//! `Receiver::recv`, which is cancel safe, against the tick.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::sync::mpsc;

use crate::support::{Served, ticker};

/// Serves `reader` until the end of the stream.
pub async fn serve<R>(reader: R, tick: Duration) -> io::Result<Served>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    let (tx, mut rx) = mpsc::channel::<io::Result<String>>(16);
    tokio::spawn(async move {
        let mut reader = BufReader::new(reader);
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) => break,
                Ok(_) => {
                    if tx.send(Ok(line)).await.is_err() {
                        break;
                    }
                }
                Err(err) => {
                    let _ = tx.send(Err(err)).await;
                    break;
                }
            }
        }
    });
    let mut ticks = ticker(tick);
    let mut served = Served::default();
    loop {
        tokio::select! {
            line = rx.recv() => match line {
                Some(line) => served.line(line?),
                None => break,
            },
            _ = ticks.tick() => served.tick(),
        }
    }
    Ok(served)
}
