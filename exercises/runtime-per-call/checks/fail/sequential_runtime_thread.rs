//! Wrong: one thread owns the runtime and serves requests sent over a channel, but it
//! `block_on`s each request before taking the next, so calls from many threads are answered
//! one after another. Caught by `overlap.rs`. (`checks/pass/runtime_thread.rs` is the same
//! shape done right: the runtime thread spawns each request as a task.)

use std::sync::mpsc::{self, Sender};
use std::sync::{Mutex, OnceLock};

use tokio::runtime::{Builder, Handle};

use crate::support::{BridgeError, fetch};

type Request = (u64, Sender<u64>);

fn requests() -> &'static Mutex<Sender<Request>> {
    static REQUESTS: OnceLock<Mutex<Sender<Request>>> = OnceLock::new();
    REQUESTS.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Request>();
        std::thread::spawn(move || {
            let runtime = Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            for (key, reply) in rx {
                let _ = reply.send(runtime.block_on(fetch(key)));
            }
        });
        Mutex::new(tx)
    })
}

/// Looks `key` up on the runtime thread.
pub fn lookup(key: u64) -> Result<u64, BridgeError> {
    if Handle::try_current().is_ok() {
        return Err(BridgeError::InsideRuntime);
    }
    let (reply, answer) = mpsc::channel();
    requests()
        .lock()
        .expect("never poisoned")
        .send((key, reply))
        .expect("runtime thread alive");
    Ok(answer.recv().expect("runtime thread alive"))
}
