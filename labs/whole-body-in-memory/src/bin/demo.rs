//! Watch one variant download a large body: `cargo run -p whole-body-in-memory --bin demo --
//! <variant> --mib 256`.
//!
//! It starts the lab's loopback server, downloads a body of the size asked into a file in a
//! temporary directory (removed on the way out, whatever happens), and prints what the
//! download held: the peak heap, from a counting allocator, and the peak resident memory,
//! from the kernel. Run `anti` and then `fixed` at the same size and compare. The size is
//! bounded (1 GiB at most), so the demo cannot take the machine's memory with it.

use std::alloc::System;

use anyhow::Context;
use cap::Cap;
use clap::Parser;
use tokio::io::BufWriter;
use whole_body_in_memory::server::{self, body_url};
use whole_body_in_memory::Variant;

/// Every allocation is counted; `max_allocated()` is the peak.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// Download one body with one variant and say what it held.
#[derive(Debug, Parser)]
#[command(name = "demo")]
struct Args {
    /// Which variant downloads.
    #[arg(value_enum)]
    variant: Variant,
    /// Size of the body, in MiB (at most 1024).
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=1024))]
    mib: u64,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let dir = tempfile::tempdir().context("a temporary directory for the download")?;
    let path = dir.path().join("download.bin");
    let len = args.mib << 20;
    let baseline = ALLOCATOR.allocated();
    let written = runtime.block_on(async {
        let server = server::start().await?;
        let client = reqwest::Client::new();
        let file = tokio::fs::File::create(&path).await?;
        // A buffer in front of the file: `tokio::fs` sends every write to the blocking pool.
        let mut file = BufWriter::with_capacity(256 << 10, file);
        args.variant
            .build()
            .download(&client, &body_url(&server, len), &mut file)
            .await
    })?;
    let on_disk = std::fs::metadata(&path)?.len();
    let peak = ALLOCATOR.max_allocated().saturating_sub(baseline);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .map_or("unknown".to_string(), |l| l["VmHWM:".len()..].trim().to_string());
    evidence::say!(
        "{}: downloaded {written} bytes ({on_disk} on disk); peak heap {:.1} MiB, peak resident {hwm}",
        args.variant,
        peak as f64 / f64::from(1 << 20),
    )?;
    Ok(())
}
