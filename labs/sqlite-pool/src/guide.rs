//! The guide's pool setup, checked against sqlx: the methods it calls do not exist.
//!
//! The guide configures its pool after connecting, with `with_`-prefixed methods on the pool.
//! sqlx has no such methods: a pool is configured on `SqlitePoolOptions` *before* it
//! connects. This doctest is the evidence, and it is pinned to the error a missing method
//! gives (E0599), so it fails if the code ever compiles, or fails to compile for any other
//! reason:
//!
//! ```compile_fail,E0599
//! # async fn guide() -> Result<(), sqlx::Error> {
//! let pool = sqlx::SqlitePool::connect("sqlite:store.db")
//!     .await?
//!     .with_max_connections(4);
//! # Ok(()) }
//! ```
//!
//! The same settings, as sqlx spells them (this one must compile):
//!
//! ```no_run
//! # async fn fixed() -> Result<(), sqlx::Error> {
//! use std::time::Duration;
//! use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
//!
//! let pool = SqlitePoolOptions::new()
//!     .max_connections(4)
//!     .min_connections(1)
//!     .acquire_timeout(Duration::from_secs(5))
//!     .connect_with(SqliteConnectOptions::new().filename("store.db"))
//!     .await?;
//! # let _ = pool; Ok(()) }
//! ```
