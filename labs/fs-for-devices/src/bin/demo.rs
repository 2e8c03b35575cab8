//! Watch one variant read silent ports: `cargo run -p fs-for-devices --bin demo -- anti`.
//!
//! `--ports` FIFOs, each read line by line by a task of its own through the variant, on a
//! two-worker runtime whose blocking pool may grow to `--pool` threads. While every port is
//! silent the demo counts, from `/proc` and Tokio's metrics, where the readers wait, and asks
//! for one file operation (`tokio::fs::metadata`) to see whether it gets a thread. Then it
//! writes `--messages` lines to every port, hangs them up, and stops when every reader has
//! read to the end. With the defaults `anti` holds every pool thread in `read(2)` and the file
//! operation waits for the first message; the fixes wait on the reactor with no thread, and
//! the file operation is served at once.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Parser;
use fs_for_devices::{
    Census, Fifo, Variant, busy_blocking_threads, census, lines, queued_blocking_jobs,
};
use tokio::runtime::Runtime;

/// Read silent ports one variant's way and say what they held.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which variant reads the ports.
    #[arg(value_enum)]
    variant: Variant,
    /// Ports, each a FIFO with its own reader (1 to 256).
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u16).range(1..=256))]
    ports: u16,
    /// The blocking pool's cap, `max_blocking_threads` (1 to 512).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=512))]
    pool: u16,
    /// Messages written to every port once the census is taken (1 to 1000).
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..=1000))]
    messages: u16,
    /// `--hold` and `--console-port`, for tokio-console (with `--features console`).
    #[command(flatten)]
    console: demo_console::ConsoleArgs,
}

/// How long the demo lets the file operation wait before it says it is stuck.
const FILE_OP_PATIENCE: Duration = Duration::from_millis(200);

/// The most the demo waits for the readers to start waiting (they take microseconds).
const START_BOUND: Duration = Duration::from_secs(10);

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    args.console.serve()?;
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder
        .worker_threads(2)
        .max_blocking_threads(usize::from(args.pool))
        .enable_all();
    // `--stall-report` watches it with the stall detector; a no-op otherwise.
    let runtime = demo_console::watch(&mut builder).build()?;
    read_ports(&runtime, &args)?;
    args.console.hold();
    Ok(())
}

/// Runs the ports on `runtime`. The demo's own bookkeeping (the census of `/proc`, the
/// writes) runs on the main thread, outside the runtime: inside a task it would be slow polls
/// of the demo's own, which the long-poll lint would rightly flag.
fn read_ports(runtime: &Runtime, args: &Args) -> anyhow::Result<()> {
    let variant = args.variant;
    let handle = runtime.handle();
    let mut fifos = (0..args.ports)
        .map(|_| Fifo::new())
        .collect::<Result<Vec<_>, _>>()?;
    let paths: Vec<PathBuf> = fifos.iter().map(|f| f.path().to_owned()).collect();
    let readers = runtime.block_on(async move {
        // Every port opened before any reader starts: `anti` opens on the blocking pool too,
        // and once silent ports hold every thread of it, not even an `open` is served.
        let mut ports = Vec::new();
        for path in &paths {
            ports.push(variant.open(path).await?);
        }
        let readers: Vec<_> = ports
            .into_iter()
            .map(|port| {
                tokio::spawn(async move {
                    let mut lines = lines(port);
                    let mut read = 0_u32;
                    while lines.next_line().await?.is_some() {
                        read += 1;
                    }
                    anyhow::Ok(read)
                })
            })
            .collect();
        anyhow::Ok(readers)
    })?;
    // Every reader waits somewhere: in `read(2)`, on the reactor, or in the pool's queue.
    let start = Instant::now();
    let waiting = loop {
        let total = total_census(&fifos)?;
        let queued = queued_blocking_jobs(handle);
        if total.in_read + total.on_reactor + queued >= fifos.len() || start.elapsed() > START_BOUND
        {
            break total;
        }
        std::thread::yield_now();
    };
    evidence::say!(
        "{variant}: {} silent ports: {} readers on a thread in read(2), {} on the reactor; \
         blocking pool (cap {}): {} threads busy, {} jobs queued",
        fifos.len(),
        waiting.in_read,
        waiting.on_reactor,
        args.pool,
        busy_blocking_threads(handle),
        queued_blocking_jobs(handle),
    )?;
    let dir = tempfile::tempdir()?;
    let asked = Instant::now();
    let mut file_op = handle.spawn(tokio::fs::metadata(dir.path().to_owned()));
    let served = runtime.block_on(async {
        tokio::time::timeout(FILE_OP_PATIENCE, &mut file_op)
            .await
            .is_ok()
    });
    if served {
        evidence::say!(
            "{variant}: a file operation was served in {:.2} ms while every port was silent",
            asked.elapsed().as_secs_f64() * 1e3
        )?;
    } else {
        evidence::say!(
            "{variant}: a file operation still waits for a blocking thread after {} ms",
            FILE_OP_PATIENCE.as_millis()
        )?;
    }
    // A writer thread per port would be more threads than the demo is about: the lines are
    // short and the pipe's buffer holds them all, so these writes never block.
    for fifo in &fifos {
        for n in 0..args.messages {
            fifo.write(format!("message {n}\n").as_bytes())?;
        }
    }
    if !served {
        runtime.block_on(file_op)??;
        evidence::say!(
            "{variant}: the file operation was served {:.2} ms after it was asked, once messages \
             freed a thread",
            asked.elapsed().as_secs_f64() * 1e3
        )?;
    }
    for fifo in &mut fifos {
        fifo.hang_up();
    }
    let read = runtime.block_on(async {
        let mut read = 0;
        for reader in readers {
            read += reader.await??;
        }
        anyhow::Ok(read)
    })?;
    evidence::say!(
        "{variant}: {read} of {} messages read; blocking threads the pool started: {}",
        u32::from(args.messages) * u32::from(args.ports),
        handle.metrics().num_blocking_threads(),
    )?;
    Ok(())
}

/// The census of every port, added up.
fn total_census(fifos: &[Fifo]) -> std::io::Result<Census> {
    let mut total = Census::default();
    for fifo in fifos {
        let one = census(fifo)?;
        total.open += one.open;
        total.in_read += one.in_read;
        total.on_reactor += one.on_reactor;
    }
    Ok(total)
}
