//! The anti-pattern.
//!
//! scaffold: replace with the mistake, written the way people write it, with a comment on
//! the line where the cost comes from.

use std::future::Future;
use std::pin::Pin;

use crate::contract::Subject;

/// The anti-pattern.
#[derive(Debug, Default)]
pub struct Anti;

impl Subject for Anti {
    fn handle(&self, request: u64) -> Pin<Box<dyn Future<Output = u64> + Send + '_>> {
        Box::pin(async move { request })
    }
}
