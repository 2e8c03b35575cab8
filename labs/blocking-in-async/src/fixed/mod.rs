//! The fixes: each kind of blocking work moved to where blocking is allowed, or made to yield.
//!
//! A Tokio worker must get its thread back quickly and often. There are three ways to give it
//! back, and each fits a different kind of work:
//!
//! - **Do not block at all.** When an async version of the call exists, await it: a Tokio
//!   timer instead of a thread sleep ([`sleep`]), `tokio::fs` instead of `std::fs`
//!   ([`tokio_fs`]).
//! - **Block somewhere else.** Hand the work to a thread that is allowed to block and await
//!   the result: Tokio's blocking pool ([`spawn_blocking`], [`fs_spawn_blocking`]), rayon's
//!   pool ([`rayon_oneshot`]), or the current thread after handing its worker duties to a new
//!   one ([`block_in_place`]).
//! - **Block in small pieces.** Work that must stay on the runtime (it touches task-local
//!   state, or it is made of async calls that are usually ready) yields now and then:
//!   [`yield_now`] every few items, [`consume_budget`] when Tokio's budget runs out.

pub mod block_in_place;
pub mod consume_budget;
pub mod fs_spawn_blocking;
pub mod rayon_oneshot;
pub mod sleep;
pub mod spawn_blocking;
pub mod tokio_fs;
pub mod yield_now;
