//! # `tokio::fs` on a pipe or a device
//!
//! A guest agent talks to its host through a virtio serial port: a character device under
//! `/dev/virtio-ports/`, one JSON message per line. The agent is async, so it opens the port
//! the async way:
//!
//! ```text
//! let port = tokio::fs::File::open("/dev/virtio-ports/org.example.agent").await?;
//! let mut lines = BufReader::new(port).lines();
//! loop {
//!     select! {
//!         line = lines.next_line() => handle(line?).await,
//!         _ = sleep(Duration::from_secs(30)) => send_metrics().await,
//!     }
//! }
//! ```
//!
//! It works, and it is not async I/O. `tokio::fs` exists for regular files, which the kernel
//! cannot report readiness for, so it runs each operation as a `spawn_blocking` job: a
//! `read(2)` on a thread of the blocking pool. On a disk file that `read` takes microseconds.
//! On a port it waits until the host writes, for seconds or for ever, and the thread waits
//! with it. Each idle port holds a blocking thread; the pool has a cap (512 by default), and
//! once the silent ports hold it all, every `spawn_blocking` and every file operation of the
//! process queues behind them. The `select!` above does not help: when the timer wins, the
//! dropped `next_line` future leaves its `read(2)` running, and nothing can interrupt it.
//!
//! A pipe or a device can report readiness, which a disk file cannot: opened with
//! `O_NONBLOCK`, a read with nothing to read returns `EWOULDBLOCK` at once, and `epoll` says
//! when bytes arrive. The fix reads it through Tokio's reactor, so an idle port is a parked
//! task and no thread: `tokio::net::unix::pipe::Receiver` for a FIFO, `AsyncFd` over the
//! non-blocking descriptor for a character device.
//!
//! Every variant opens a port ([`contract`]: a path in, an `AsyncRead` out), so the tests, the
//! bench in `benches/fs-for-devices.rs`, the demo and the probe run the same code against
//! each, on a real FIFO ([`fifo`]) made with `mkfifo` in a temporary directory:
//!
//! | variant | module | an idle port holds | a dropped port's read |
//! | --- | --- | --- | --- |
//! | `anti` | [`anti`] | a blocking-pool thread in `read(2)` | runs on, takes the next bytes |
//! | `fixed` | [`fixed`] | a waker on the reactor | is gone |
//! | `async-fd` | [`async_fd`] | a waker on the reactor | is gone |
//! | `dedicated-thread` | [`dedicated_thread`] | its own thread in `read(2)` | runs on, takes the next bytes |
//!
//! [`census`] counts, from `/proc`, where each reader waits; [`limit`] is the bench's floor,
//! a blocking `read(2)` with no runtime at all.

pub mod anti;
pub mod async_fd;
pub mod census;
pub mod contract;
pub mod dedicated_thread;
pub mod fifo;
pub mod fixed;
pub mod limit;
pub mod variants;

pub use census::{Census, busy_blocking_threads, census, queued_blocking_jobs, settled, until};
pub use contract::{Port, lines};
/// The trait that lists and names the variants: `Variant::all()`, `.name()`, `Variant::named`.
pub use evidence::Variants;
pub use fifo::Fifo;
pub use variants::{Faults, Variant};
