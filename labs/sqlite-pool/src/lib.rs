//! # An SQLite pool used like a server's
//!
//! A desktop app keeps its emails in SQLite through sqlx. The guide it follows sets the pool
//! up the way one sets up a pool for Postgres: many connections, pragmas run once after
//! connecting, a semaphore in front "to prevent pool exhaustion". Each piece is a habit from
//! database servers that means something else for a library that writes one file.
//!
//! The mechanisms: SQLite has one write lock per database file, so writers take turns however
//! many connections there are; a writer that finds the lock taken sleeps and retries until its
//! busy timeout, so fifty connections contend instead of queueing. A pragma like
//! `synchronous` is a setting of the connection it runs on, so `PRAGMA ... ` executed through
//! the pool configures one connection out of several. And a sqlx pool already caps and queues
//! its connections: a semaphore in front of it is a second queue.
//!
//! The fix: the pragmas on `SqliteConnectOptions` (sqlx applies them to every connection it
//! opens), a pool of one connection for writes and a few read-only ones for reads, and slow
//! work (an HTTP call) done before the transaction begins.
//!
//! | variant | module | what it does |
//! | --- | --- | --- |
//! | `anti` | [`anti`] | 50 connections, SQLite's defaults |
//! | `pragma-through-pool` | [`pragma_through_pool`] | 4 connections, `PRAGMA synchronous` run once through the pool |
//! | `fixed` | [`fixed`] | options on the connect options; 1 writer, 4 readers |
//! | `guide-semaphore` | [`guide_semaphore`] | the fix behind a `Semaphore(4)` |
//!
//! Around them: [`contract`] is the store they all open, [`settings`] reads what each pooled
//! connection runs with, [`load`] is the mixed read/write load, [`held`] the transaction held
//! across a slow await, [`crash`] the writer the probe kills mid-batch, and [`limit`] the
//! floor: the same statements on one bare connection. [`guide`] holds the doctest showing that
//! the guide's pool methods do not exist in sqlx.

pub mod anti;
pub mod contract;
pub mod crash;
pub mod fixed;
pub mod guide;
pub mod guide_semaphore;
pub mod held;
pub mod limit;
pub mod load;
pub mod pragma_through_pool;
pub mod settings;
pub mod variants;

pub use contract::Store;
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use variants::Variant;
