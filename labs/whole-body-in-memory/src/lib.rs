//! # A whole body in memory
//!
//! A job downloads attachments and saves them to disk. The obvious code asks for the body and
//! writes it: `response.bytes().await`, then `fs::write`. It works in every test, because
//! test files are small. In production an attachment is 2 GiB, and the process allocates
//! 2 GiB before it writes the first byte; four downloads at once, and the kernel's
//! out-of-memory killer ends the job.
//!
//! The mechanism: `bytes()` (like `text()` and `json()`) reads the body *to its end* into one
//! buffer, because its caller asked for all of it at once. The same happens, less visibly,
//! when code streams the body chunk by chunk and pushes every chunk onto a `Vec` before
//! writing: the streaming is real, the memory is the same.
//!
//! The fix: write each chunk as it arrives (`response.chunk()` in a loop, or the body as an
//! `AsyncRead` into `tokio::io::copy`). Memory is then one chunk and hyper's buffers,
//! whatever the size, and a slow disk slows the socket instead of growing the heap.
//!
//! | variant | module | what it does |
//! | --- | --- | --- |
//! | `anti` | [`anti`] | `bytes()`, then write |
//! | `collected` | [`collected`] | `bytes_stream()` pushed onto a `Vec`, then written |
//! | `fixed` | [`fixed`] | `chunk()` in a loop, each written as it arrives |
//! | `stream-copy` | [`stream_copy`] | the body as an `AsyncRead`, `tokio::io::copy` |
//!
//! Around them: [`server`] serves bodies of any size without holding them (the workspace's
//! loopback HTTP/1.1 server), [`body`] is the pattern every body follows and the checker that
//! verifies it in constant memory, [`sink`] the checking writer, [`heap`] the peak-heap
//! sampler (and [`observed`] the wrapper that samples in front of a file), and [`limit`] the
//! floor: the body read off a raw TCP socket. [`to_file`] is one download into a real file
//! with the heap it held, for the probe and the demo.

pub mod anti;
pub mod body;
pub mod collected;
pub mod contract;
pub mod fixed;
pub mod heap;
pub mod limit;
pub mod observed;
pub mod server;
pub mod sink;
pub mod stream_copy;
pub mod to_file;
pub mod variants;

pub use contract::{Download, Sink, client};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use variants::Variant;
