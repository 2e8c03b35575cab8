//! The probe's experiments on real FIFOs, each returning what it counted. Counts come from the
//! census (`/proc`) and Tokio's runtime metrics; the few durations (a shutdown, a file
//! operation's wait) are the wall clock's, which is the probe's business and never a test's.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use fs_for_devices::{
    Census, Fifo, Variant, busy_blocking_threads, census, lines, queued_blocking_jobs, settled,
    until,
};
use tokio::runtime::{Builder, Handle, Runtime};
use tokio::task::JoinHandle;

/// The two runtime flavours an agent runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    CurrentThread,
    MultiThread,
}

impl Flavour {
    pub fn name(self) -> &'static str {
        match self {
            Flavour::CurrentThread => "current-thread",
            Flavour::MultiThread => "multi-thread",
        }
    }

    /// A runtime of this flavour; `cap` for the blocking pool, Tokio's default (512) if `None`.
    pub fn runtime(self, cap: Option<usize>) -> Result<Runtime> {
        let mut builder = match self {
            Flavour::CurrentThread => Builder::new_current_thread(),
            Flavour::MultiThread => {
                let mut builder = Builder::new_multi_thread();
                builder.worker_threads(2);
                builder
            }
        };
        if let Some(cap) = cap {
            builder.max_blocking_threads(cap);
        }
        // Small stacks: the default-cap experiment starts 512 threads that only sit in `read`.
        Ok(builder.thread_stack_size(256 * 1024).enable_all().build()?)
    }
}

/// A reader task on a port: reads lines until the end, counting them.
fn spawn_reader(port: fs_for_devices::Port) -> JoinHandle<std::io::Result<usize>> {
    tokio::spawn(async move {
        let mut lines = lines(port);
        let mut read = 0;
        while lines.next_line().await?.is_some() {
            read += 1;
        }
        Ok(read)
    })
}

/// Where `ports` idle readers wait, each on a FIFO of its own, after one message each.
#[derive(Debug, Clone, Copy)]
pub struct Idle {
    pub in_read: usize,
    pub on_reactor: usize,
    pub pool_busy: usize,
}

pub fn idle(variant: Variant, flavour: Flavour, ports: usize) -> Result<Idle> {
    flavour.runtime(Some(ports + 8))?.block_on(async {
        let mut fifos = (0..ports)
            .map(|_| Fifo::new())
            .collect::<Result<Vec<_>, _>>()?;
        let mut readers = Vec::new();
        for fifo in &fifos {
            readers.push(spawn_reader(variant.open(fifo.path()).await?));
            fifo.write(b"hello\n")?;
        }
        let mut total = Census::default();
        for fifo in &fifos {
            // Settled after the message: each reader read it and waits for the next.
            until(fifo, |c| c.is_settled()).await?;
            let one = settled(fifo).await?;
            total.in_read += one.in_read;
            total.on_reactor += one.on_reactor;
        }
        let pool_busy = busy_blocking_threads(&Handle::current());
        for fifo in &mut fifos {
            fifo.hang_up();
        }
        for reader in readers {
            reader.await??;
        }
        Ok(Idle {
            in_read: total.in_read,
            on_reactor: total.on_reactor,
            pool_busy,
        })
    })
}

/// A file operation asked while `cap` ports are silent, on a pool capped at `cap`.
#[derive(Debug, Clone, Copy)]
pub struct FileOp {
    /// Served before any message was written.
    pub served_while_silent: bool,
    /// Jobs in the pool's queue once the operation was asked (and, if it waited, while).
    pub queued: usize,
}

/// How long the probe lets a file operation wait before it counts it as queued for good.
const PATIENCE: Duration = Duration::from_millis(100);

pub fn file_op(variant: Variant, cap: usize) -> Result<FileOp> {
    Flavour::MultiThread.runtime(Some(cap))?.block_on(async {
        let mut fifos = (0..cap)
            .map(|_| Fifo::new())
            .collect::<Result<Vec<_>, _>>()?;
        let mut readers = Vec::new();
        for fifo in &fifos {
            readers.push(spawn_reader(variant.open(fifo.path()).await?));
            settled(fifo).await?;
        }
        let dir = tempfile::tempdir()?;
        let mut op = tokio::spawn(tokio::fs::metadata(dir.path().to_owned()));
        let served = tokio::time::timeout(PATIENCE, &mut op).await.is_ok();
        let queued = queued_blocking_jobs(&Handle::current());
        for fifo in &fifos {
            fifo.write(b"wake\n")?;
        }
        if !served {
            op.await??;
        }
        for fifo in &mut fifos {
            fifo.hang_up();
        }
        for reader in readers {
            reader.await??;
        }
        Ok(FileOp {
            served_while_silent: served,
            queued,
        })
    })
}

/// What one cancelled read left behind.
#[derive(Debug, Clone)]
pub struct Cancelled {
    /// Threads in `read(2)` on the port after the read future was dropped, the port kept.
    pub in_read_after_cancel: usize,
    /// The line the next read on the same port got, after one was written.
    pub kept_port_got: Option<String>,
    /// After the port itself was dropped: threads still in `read(2)` on its descriptor.
    pub in_read_after_drop: usize,
    /// Of two lines written after the drop, the one a new port read first.
    pub new_port_got: Option<String>,
}

/// Polls a read until its reader waits, then drops it, as a losing `select!` branch is.
async fn cancel_read<R: tokio::io::AsyncBufRead + Unpin>(
    lines: &mut tokio::io::Lines<R>,
    fifo: &Fifo,
) -> Result<()> {
    tokio::select! {
        biased;
        line = lines.next_line() => anyhow::bail!("a line from a silent port: {line:?}"),
        census = settled(fifo) => { census?; Ok(()) }
    }
}

pub fn cancelled(variant: Variant) -> Result<Cancelled> {
    Flavour::CurrentThread.runtime(None)?.block_on(async {
        let fifo = Fifo::new()?;
        let mut kept = lines(variant.open(fifo.path()).await?);
        cancel_read(&mut kept, &fifo).await?;
        let in_read_after_cancel = census(&fifo)?.in_read;
        fifo.write(b"after the cancel\n")?;
        let kept_port_got = kept.next_line().await?;
        cancel_read(&mut kept, &fifo).await?;
        drop(kept);
        let left = census(&fifo)?;
        fifo.write(b"first\n")?;
        if left.open > 0 {
            // The read left behind takes the first line; wait until it has and is gone.
            until(&fifo, |c| c.open == 0).await?;
        }
        fifo.write(b"second\n")?;
        let new_port_got = lines(variant.open(fifo.path()).await?).next_line().await?;
        Ok(Cancelled {
            in_read_after_cancel,
            kept_port_got,
            in_read_after_drop: left.in_read,
            new_port_got,
        })
    })
}

/// 513 `anti` ports on a runtime with Tokio's default blocking pool.
#[derive(Debug, Clone, Copy)]
pub struct DefaultCap {
    pub ports: usize,
    pub threads: usize,
    pub in_read: usize,
    pub queued: usize,
    /// Whether a file operation asked then was served before any message.
    pub file_op_served: bool,
}

pub fn default_cap() -> Result<DefaultCap> {
    // One more than the documented default, so the last port's read must queue.
    let ports = 513;
    Flavour::MultiThread.runtime(None)?.block_on(async {
        // One FIFO for every reader: the census is per path, and 513 temporary directories
        // would only cost descriptors.
        let mut fifo = Fifo::new()?;
        // Every port opened before any reader starts: `tokio::fs::File::open` is a blocking
        // job too, and once 512 readers hold the pool the 513th port could not be opened.
        let mut opened = Vec::new();
        for _ in 0..ports {
            opened.push(Variant::Anti.open(fifo.path()).await?);
        }
        let readers: Vec<_> = opened.into_iter().map(spawn_reader).collect();
        let handle = Handle::current();
        // Every read is either in `read(2)` or queued for a thread.
        let census = until(&fifo, |c| {
            c.in_read + queued_blocking_jobs(&handle) >= ports
        })
        .await?;
        let threads = handle.metrics().num_blocking_threads();
        let dir = tempfile::tempdir()?;
        let mut op = tokio::spawn(tokio::fs::metadata(dir.path().to_owned()));
        let file_op_served = tokio::time::timeout(PATIENCE, &mut op).await.is_ok();
        let queued = queued_blocking_jobs(&handle);
        fifo.hang_up();
        for reader in readers {
            reader.await??;
        }
        if !file_op_served {
            op.await??;
        }
        Ok(DefaultCap {
            ports,
            threads,
            in_read: census.in_read,
            queued,
            file_op_served,
        })
    })
}

/// What dropping a runtime does while an `anti` port is silent.
#[derive(Debug, Clone, Copy)]
pub struct Shutdown {
    /// The drop had not returned this long after it began (the probe then wrote a line).
    pub waited: Duration,
    /// Whether it had returned by then.
    pub returned_before_data: bool,
    /// How long after the line was written the drop returned.
    pub returned_after_data: Duration,
}

pub fn shutdown(variant: Variant) -> Result<Shutdown> {
    let fifo = Fifo::new()?;
    let runtime = Flavour::MultiThread.runtime(None)?;
    runtime.block_on(async {
        let reader = spawn_reader(variant.open(fifo.path()).await?);
        settled(&fifo).await?;
        drop(reader);
        anyhow::Ok(())
    })?;
    let began = Instant::now();
    let dropper = std::thread::spawn(move || drop(runtime));
    let waited = PATIENCE;
    while began.elapsed() < waited && !dropper.is_finished() {
        std::thread::yield_now();
    }
    let returned_before_data = dropper.is_finished();
    let written = Instant::now();
    fifo.write(b"goodbye\n")?;
    dropper
        .join()
        .ok()
        .context("dropping the runtime panicked")?;
    Ok(Shutdown {
        waited: began.elapsed().min(waited),
        returned_before_data,
        returned_after_data: written.elapsed(),
    })
}
