//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab client-per-request --out <dir> --criterion <dir>
//! --mode quick|full`. It writes:
//!
//! - `connections.md`: every variant runs the sync job sixteen times (1 024 GETs) through one
//!   client, at 1, 8 and 64 in flight, against a fresh loopback server: connections the server
//!   accepted, the client's sockets left in `TIME_WAIT`, this process's open sockets after;
//! - `headline.md`, `limit.md`: the `sync-job` bench, anti against fixed, fixed against the
//!   hand-written HTTP/1.1 floor;
//! - `claims.md`: the guide's claims, each judged by its own experiment.

mod bench;
mod claims;
mod connections;

use clap::Parser;
use evidence::{Probe, ProbeArgs};

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
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    probe.progress("connections per variant and concurrency ...");
    let rows = runtime.block_on(connections::measure())?;
    probe.write("connections.md", &connections::table(&rows))?;
    let sync_job = probe.group("sync-job");
    probe.write("headline.md", &bench::headline(&sync_job))?;
    probe.write("limit.md", &bench::limit(&sync_job))?;
    let judged = runtime.block_on(claims::Experiments::run(&rows))?;
    probe.write_claims(|id| judged.judge(id))?;
    probe.progress(format!(
        "wrote connections.md, headline.md, limit.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
