//! # What may cross threads: `Send`, `Sync` and the guides' table
//!
//! A library exposes a `Converter` to a host language (Python, Node, Dart) through FFI. The
//! converter owns a session of a C library and a little state of its own, and the host may
//! call it from any thread. The guides write it first for one thread:
//!
//! ```text
//! pub struct Converter { state: Rc<RefCell<State>> }
//! ```
//!
//! and it works, until the host hands it to a second thread. Then it does not compile, which
//! is the good news: Rust decides what may cross threads with two marker traits, checked at
//! compile time. `T: Send` means a `T` may be *moved* to another thread; `T: Sync` means a
//! `&T` may be used from several threads at once (`T: Sync` exactly when `&T: Send`). `Rc`'s
//! count is a plain integer, so `Rc` is neither; `RefCell` and `Cell` mutate through `&self`
//! without synchronisation, so they are not `Sync`, but they are `Send` whenever their
//! content is: a value held by one thread at a time needs no synchronisation. The guides'
//! table gets that last part wrong, and it matters when reading the error: sharing a
//! `RefCell` fails with "cannot be *shared* between threads safely", not "sent".
//!
//! The fix puts the session and the state behind a `std::sync::Mutex`. The compiler accepts
//! any wrapper that is `Send + Sync`, though, and that is not the whole lesson: the C
//! library's own rule (calls on one session must not overlap) is invisible to the type
//! system when the handle is a plain pointer or number. An atomic counter beside a bare
//! session compiles and breaks it; Tokio's mutex serialises the calls but its synchronous
//! `blocking_lock` panics on the runtime threads that call it.
//!
//! Every converter implements [`Converter`] over the same fake library ([`ffi`]), so one test,
//! one bench and one demo serve them all:
//!
//! | variant | module | `Send` | `Sync` | what goes wrong |
//! | --- | --- | --- | --- | --- |
//! | `anti` | [`anti`] | no | no | cannot leave its thread |
//! | `refcell` | [`refcell`] | yes | no | can move, cannot be shared |
//! | `fixed` | [`fixed`] | yes | yes | nothing |
//! | `tokio-mutex` | [`tokio_mutex`] | yes | yes | panics when called on a runtime thread |
//! | `unguarded` | [`unguarded`] | yes | yes | lets two calls into the library at once |
//!
//! The `Send`/`Sync` columns are compile-time facts, asserted in `tests/auto_traits.rs`
//! (what compiles, and what does not, read at compile time) and `tests/std_cases.rs` (what
//! does not, pinned to rustc's exact message);
//! [`exclusion`] catches an overlapping call on every run. [`runtime_per_thread`] is seed
//! 001's thread-local runtime handed out as `&'static`, and why that is unsound.

pub mod anti;
pub mod contract;
pub mod exclusion;
pub mod ffi;
pub mod fixed;
pub mod refcell;
pub mod runtime_per_thread;
pub mod tokio_mutex;
pub mod unguarded;
pub mod variants;

pub use contract::Converter;
pub use variants::Variant;
