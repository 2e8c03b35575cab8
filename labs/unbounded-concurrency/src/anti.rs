//! The anti-pattern: a task per input, all spawned at once.
//!
//! It reads as good async code: every fetch is independent, so spawn each one and await the
//! handles. But `tokio::spawn` starts the task *now*. The loop spawns all `N` before the first
//! handle is awaited, so all `N` requests are in flight together: `N` connections (an idle one
//! from the pool serves one request at a time, so each request in flight takes a connection of
//! its own), `N` tasks with their buffers in memory, and `N` requests landing on the server in
//! the same instant. Nothing here grows with the job's *work*; all of it grows with its *size*.
//! The `Bounds` the job was given are never read.

use crate::contract::{Answers, Bounds, Fetcher};

/// Spawns one task per id and awaits them all.
pub async fn fetch_all(fetcher: &Fetcher, ids: Vec<u64>, _bounds: Bounds) -> Answers {
    // The cost is on this line: every request starts here, N of them, before any finishes.
    let handles: Vec<_> = ids
        .into_iter()
        .map(|id| tokio::spawn(fetcher.fetch(id)))
        .collect();
    let mut answers = Vec::with_capacity(handles.len());
    for handle in handles {
        answers.push(handle.await??);
    }
    Ok(answers)
}
