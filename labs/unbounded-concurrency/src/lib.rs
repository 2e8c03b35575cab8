//! # One task per input, and a concurrency cap called a rate limit
//!
//! scaffold: replace this story, as the other labs tell theirs: the situation, the code people
//! write first, what goes wrong and why (the mechanism), and the fix.
//!
//! Every variant implements [`Subject`], so the tests, the bench in `benches/unbounded-concurrency.rs`, the
//! demo and the probe run the same code against each of them:
//!
//! | variant | module | what it does |
//! | --- | --- | --- |
//! | `anti` | [`anti`] | the anti-pattern |
//! | `fixed` | [`fixed`] | the reference fix |

pub mod anti;
pub mod contract;
pub mod fixed;
pub mod variants;

pub use contract::Subject;
pub use variants::Variant;
