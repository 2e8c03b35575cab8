//! When no guard lives across an `.await`: which mutex?
//!
//! The fixes in this lab that keep a lock ([`crate::fixed`], [`crate::revalidate`]) hold it
//! only for a copy or an addition, never across an `.await`. For such critical sections the
//! usual advice is to prefer `std::sync::Mutex` to `tokio::sync::Mutex`, because it is
//! cheaper. The benches `uncontended` and `contended` check that claim with the two functions
//! below, which do the same tiny critical section under each mutex, and the two loops around
//! them that the benches time.
//!
//! Why would Tokio's be slower? Its `lock()` is a future built on a semaphore: acquiring it
//! goes through that semaphore's bookkeeping and Tokio's cooperative budget even when no one
//! else wants the lock, and a contended lock parks the *task* and wakes it through the
//! scheduler. A std mutex is an atomic compare-and-swap when free, and spins briefly and then
//! parks the *thread* when taken. That last part is why a std guard must never be held across
//! an `.await`, and also why it is fine when it is not: the holder never suspends, so no one
//! waits for longer than a few instructions.

use std::sync::Arc;

use tokio::runtime::{Builder, Runtime};
/// Tokio's mutex, re-exported so that the benches need no Tokio dependency of their own.
pub use tokio::sync::Mutex as TokioMutex;

/// Adds one to `counter` under a `std::sync::Mutex`; the guard dies at the end of the line.
pub fn add_std(counter: &std::sync::Mutex<u64>) {
    // `unwrap`: a lock is poisoned only if a holder panicked, and no holder here panics.
    *counter.lock().unwrap() += 1;
}

/// Adds one to `counter` under a `tokio::sync::Mutex`; the guard dies at the end of the line.
pub async fn add_tokio(counter: &tokio::sync::Mutex<u64>) {
    *counter.lock().await += 1;
}

/// `adds` adds in a row under a `std::sync::Mutex`, as one task.
pub async fn add_std_many(counter: &std::sync::Mutex<u64>, adds: u64) {
    for _ in 0..adds {
        add_std(std::hint::black_box(counter));
    }
}

/// `adds` adds in a row under a `tokio::sync::Mutex`, as one task.
pub async fn add_tokio_many(counter: &tokio::sync::Mutex<u64>, adds: u64) {
    for _ in 0..adds {
        add_tokio(std::hint::black_box(counter)).await;
    }
}

/// Spawns `tasks` tasks that each make `adds` adds under one shared `std::sync::Mutex`, and
/// waits for all of them. Must be called inside a Tokio runtime.
pub async fn race_std(counter: &Arc<std::sync::Mutex<u64>>, tasks: u64, adds: u64) {
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let counter = Arc::clone(counter);
            tokio::spawn(async move { add_std_many(&counter, adds).await })
        })
        .collect();
    for handle in handles {
        handle.await.expect("an adding task panicked");
    }
}

/// Spawns `tasks` tasks that each make `adds` adds under one shared `tokio::sync::Mutex`, and
/// waits for all of them. Must be called inside a Tokio runtime.
pub async fn race_tokio(counter: &Arc<tokio::sync::Mutex<u64>>, tasks: u64, adds: u64) {
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let counter = Arc::clone(counter);
            tokio::spawn(async move { add_tokio_many(&counter, adds).await })
        })
        .collect();
    for handle in handles {
        handle.await.expect("an adding task panicked");
    }
}

/// A multi-thread runtime with one worker per available core, where racing tasks really run
/// at the same time.
pub fn multi_thread_runtime() -> Runtime {
    Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the OS refused to start a Tokio runtime")
}
