//! scaffold: replace with the reference fix.

/// Handles one request.
pub async fn handle(request: u64) -> u64 {
    request
}
