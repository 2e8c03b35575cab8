//! Correct: one dedicated thread owns a current-thread runtime and serves requests sent to it
//! over a channel, spawning each as a task of its own so that calls from many threads run at
//! once; each caller waits on its own reply channel.

use std::sync::OnceLock;

use tokio::runtime::{Builder, Handle};
use tokio::sync::{mpsc, oneshot};

use crate::support::{BridgeError, fetch};

type Request = (u64, oneshot::Sender<u64>);

fn requests() -> &'static mpsc::Sender<Request> {
    static REQUESTS: OnceLock<mpsc::Sender<Request>> = OnceLock::new();
    REQUESTS.get_or_init(|| {
        let (tx, mut rx) = mpsc::channel::<Request>(64);
        std::thread::spawn(move || {
            let runtime = Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                while let Some((key, reply)) = rx.recv().await {
                    tokio::spawn(async move {
                        let _ = reply.send(fetch(key).await);
                    });
                }
            });
        });
        tx
    })
}

/// Looks `key` up on the runtime thread.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if Handle::try_current().is_ok() {
        return Err(BridgeError::InsideRuntime);
    }
    let (reply, answer) = oneshot::channel();
    requests()
        .blocking_send((key, reply))
        .expect("runtime thread alive");
    Ok(answer.blocking_recv().expect("runtime thread alive"))
}
