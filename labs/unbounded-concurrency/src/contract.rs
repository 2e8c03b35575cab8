//! The one API every variant implements.
//!
//! scaffold: replace with the lab's contract: the operation the anti-pattern and its fixes all
//! offer, so that one test, one bench and one demo serve them all.

use std::future::Future;
use std::pin::Pin;

/// What every variant does, behind one object-safe trait.
pub trait Subject: Send + Sync {
    /// Handles one request and returns its answer.
    fn handle(&self, request: u64) -> Pin<Box<dyn Future<Output = u64> + Send + '_>>;
}
