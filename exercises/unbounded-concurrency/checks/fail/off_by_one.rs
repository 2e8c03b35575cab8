//! scaffold: replace with a plausible wrong fix, and say which test rejects it.

/// Handles one request.
pub async fn handle(request: u64) -> u64 {
    request + 1
}
