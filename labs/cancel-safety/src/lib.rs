//! # A read torn by `select!`
//!
//! A service reads newline-delimited commands from a stream (a socket, a serial port, a
//! pipe) and, in the same loop, ticks a timer for its metrics or keep-alives. The loop people
//! write first races the two with `tokio::select!`, reading each line with
//! `reader.read_line(&mut line)`:
//!
//! ```text
//! loop {
//!     let mut line = String::new();
//!     tokio::select! {
//!         read = reader.read_line(&mut line) => { /* handle the command */ }
//!         _ = ticks.tick() => { /* send metrics */ }
//!     }
//! }
//! ```
//!
//! It works as long as every command arrives in one piece. When one arrives in two (a segment
//! boundary, a slow link, a peer that flushes half a message) and the tick fires between the
//! pieces, the command is torn: `{"cmd":"he` is lost and `llo"}` arrives as the next command.
//!
//! **The mechanism.** When one branch of `select!` completes, the others are not paused;
//! they are *dropped*. A future is a state machine, and dropping it drops its state. The
//! `read_line` future's state includes the bytes it has already taken out of the `BufReader`
//! (it keeps them in its own buffer until it sees the newline), so those bytes go with it.
//! Nothing returns an error and nothing is logged: the next iteration simply starts reading in
//! the middle of a line. A future is *cancel safe* when dropping it before it completes and
//! making it again loses nothing; `read_line` is not, and Tokio's documentation says so.
//!
//! **The fix** is to keep the partial line somewhere that outlives the future: in the reader
//! (`Lines::next_line`, `FramedRead` with `LinesCodec`), in one future kept across iterations,
//! or in a task of its own that is never raced at all.
//!
//! Every variant serves the same contract ([`contract`]), so the tests, the bench in
//! `benches/cancel-safety.rs`, the demo and the probe run the same code against each:
//!
//! | variant | module | the read in the loop | tears lines |
//! | --- | --- | --- | --- |
//! | `anti` | [`anti`] | `read_line` into a fresh `String` | yes |
//! | `fixed` | [`fixed`] | `Lines::next_line` | no |
//! | `kept-buffer` | [`kept_buffer`] | `read_line` into a `String` kept outside the loop | yes |
//! | `framed` | [`framed`] | `FramedRead` + `LinesCodec`, `StreamExt::next` | no |
//! | `pinned` | [`pinned`] | one pinned `read_line` future, polled through `&mut` | no |
//! | `reader-task` | [`reader_task`] | `mpsc::Receiver::recv`; `read_line` runs in a task | no |
//!
//! The other modules: [`traffic`] is the peer (lines written in pieces, with pauses) and runs
//! a variant against it on a paused clock; [`limit`] reads the same bytes with no timer at
//! all (the bench's floor); [`eof`] is the seed's other mistake, a receive that answers
//! `Ok("")` at end of stream and a caller that spins on it.

pub mod anti;
pub mod contract;
pub mod eof;
pub mod fixed;
pub mod framed;
pub mod kept_buffer;
pub mod limit;
pub mod pinned;
pub mod reader_task;
pub mod traffic;
pub mod variants;

pub use contract::{Input, Report};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use variants::Variant;
