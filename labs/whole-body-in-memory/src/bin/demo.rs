//! Watch one variant download a large body: `cargo run -p whole-body-in-memory --bin demo --
//! <variant> --mib 256`.
//!
//! It starts the lab's loopback server, downloads a body of the size asked into a file in a
//! temporary directory (removed on the way out, whatever happens), and prints what the
//! download held: the peak heap, from a counting allocator, and the process's peak resident
//! memory, from the kernel. Run `anti` and then `fixed` at the same size and compare. The size is
//! bounded (1 GiB at most), so the demo cannot take the machine's memory with it.

use std::alloc::System;

use anyhow::Context;
use cap::Cap;
use clap::Parser;
use whole_body_in_memory::{Variant, to_file};

/// Every allocation is counted; the download samples the count where the body passes.
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
    let len = args.mib << 20;
    let held = runtime.block_on(to_file::download(
        &*args.variant.build(),
        len,
        &dir.path().join("download.bin"),
        || ALLOCATOR.allocated(),
    ))?;
    evidence::say!(
        "{}: saved {len} bytes to a file; the download held {:.1} MiB of heap at its peak, \
         and the process's peak resident memory was {}",
        args.variant,
        held.peak_heap as f64 / f64::from(1 << 20),
        peak_resident().unwrap_or_else(|| "unknown".to_string()),
    )?;
    Ok(())
}

/// `VmHWM` from `/proc/self/status`: the most resident memory the process has had.
fn peak_resident() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line["VmHWM:".len()..].trim().to_string())
}
