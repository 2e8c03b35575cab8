//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab unbounded-concurrency --out <dir> --criterion
//! <dir> --mode quick|full`. Everything but the CPU experiment runs on the paused clock, so it
//! is exact and the same on every machine. It writes:
//!
//! - `peak.md`, `plots/peak.svg`: the most requests the server had in flight, per variant, against
//!   the job's size;
//! - `footprint.md`: at the largest size, connections, heap at the peak and the job's time;
//! - `rate.md`: requests in the busiest second against the API's quota, per variant;
//! - `cpu.md`: CPU time of the client's thread and the server's, on the real clock;
//! - `headline.md`, `limit.md`, `overhead.md`: the bench's two groups;
//! - `claims.md`: the guides' claims, each judged by its own experiment.

mod bench;
mod claims;
mod cpu;
mod peak;
mod plot;
mod rate;

use std::alloc::System;

use cap::Cap;
use clap::Parser;
use evidence::{Probe, ProbeArgs};

/// Every allocation goes through this counter; the server's handler samples it at every
/// arrival, so a run's heap at its peak in flight is read when it happens.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

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
    probe.progress("peak in flight against the job's size, on the paused clock ...");
    let peaks = peak::measure()?;
    probe.write("peak.md", &peak::table(&peaks))?;
    probe.write("footprint.md", &peak::footprint(&peaks))?;
    // In a folder of their own: `cargo xtask report` owns the `.svg` files at the top of the
    // generated folder (one per bench group) and removes any it did not write.
    let by = format!("the {} probe", probe.lab());
    let svg = plot::peaks(&peaks, probe.lab(), &by, probe.stamp())?;
    evidence::fragment::write_file(&probe.out().join("plots"), "peak.svg", &svg)?;
    probe.progress("the busiest second against the quota ...");
    let rates = rate::measure()?;
    probe.write("rate.md", &rate::table(&rates))?;
    probe.progress("CPU time of client and server, on the real clock ...");
    let cpu = cpu::measure()?;
    probe.write("cpu.md", &cpu::table(&cpu))?;
    let fan_out = probe.group("fan-out");
    let redundant = probe.group("redundant-semaphore");
    probe.write("headline.md", &bench::headline(&fan_out))?;
    probe.write("limit.md", &bench::limit(&fan_out))?;
    probe.write("overhead.md", &bench::overhead(&redundant))?;
    let experiments = claims::Experiments::run(&peaks, &rates, &cpu, &redundant)?;
    probe.write_claims(|id| experiments.judge(id))?;
    probe.progress(format!(
        "wrote peak.md, plots/peak.svg, footprint.md, rate.md, cpu.md, headline.md, limit.md, \
         overhead.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
