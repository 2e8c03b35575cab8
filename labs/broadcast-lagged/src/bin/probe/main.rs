//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab broadcast-lagged --out <dir> --criterion <dir>
//! --mode quick|full` (the lab kit's [`evidence::ProbeArgs`]). The runs are under paused
//! time, so they are exact and take a few milliseconds; the memory is counted by the global
//! allocator below. It writes:
//!
//! - `received.md`: what the slow subscriber of each variant got, skipped, and when it stopped;
//! - `memory.md`: the heap a `broadcast` ring holds against its capacity and its subscribers,
//!   and what one queue per subscriber holds instead;
//! - `headline.md`, `limit.md`: the `deliver` bench;
//! - `claims.md`: the guides' claims, each judged by its own experiment.

mod bench;
mod claims;
mod memory;
mod received;

use std::alloc::System;

use cap::Cap;
use clap::Parser;
use evidence::{Probe, ProbeArgs};

/// Every allocation goes through this counter; `allocated()` is the heap in use, in bytes.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// The heap in use now, in bytes.
fn heap() -> usize {
    ALLOCATOR.allocated()
}

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let probe = Probe::start(&args.probe)?;
    probe.progress("the subscribers under paused time, and the ring's memory ...");
    probe.write("received.md", &received::table())?;
    probe.write("memory.md", &memory::table())?;
    let deliver = probe.group("deliver");
    probe.write("headline.md", &bench::headline(&deliver))?;
    probe.write("limit.md", &bench::limit(&deliver))?;
    probe.write_claims(claims::judge)?;
    probe.progress(format!(
        "wrote received.md, memory.md, headline.md, limit.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
