//! The async work behind every call: small on purpose.
//!
//! A lookup hops through the scheduler once (a spawned task, a yield, a join) the way real
//! async work does, so each variant's runtime really has to schedule and wake something. The
//! result is a pure function of the key, so tests can check every answer.

/// Looks `key` up on the current runtime. Must be awaited inside a Tokio runtime.
pub async fn lookup(key: u64) -> u64 {
    let task = tokio::spawn(async move {
        // One trip back through the run queue, as a task waiting on I/O would make.
        tokio::task::yield_now().await;
        checksum(key)
    });
    task.await.expect("the lookup task never panics")
}

/// The answer [`lookup`] must give for `key`.
pub fn checksum(key: u64) -> u64 {
    // A multiplicative hash: cheap, but not something the optimiser can fold away.
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17)
}
