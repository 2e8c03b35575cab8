// A `std::sync::MutexGuard` held across an `.await` makes the future not `Send`, so a spawn
// with `tokio::spawn`'s bounds (`F: Future + Send + 'static`) refuses it. Whether the await
// really suspends does not matter: the guard is alive at an await point. (The
// locks-across-await lab pins the same error with `tokio::spawn` itself.)
use std::future::Future;
use std::sync::{Arc, Mutex};

fn spawn<F: Future + Send + 'static>(_future: F) {}

fn main() {
    let calls = Arc::new(Mutex::new(0_u64));
    spawn(async move {
        let mut guard = calls.lock().unwrap();
        std::future::ready(()).await;
        *guard += 1;
    });
}
