//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it after the bench as
//! `probe --lab cancel-safety --out <dir> --criterion <dir> --mode quick|full`. It writes:
//!
//! - `splits.md`: the command cut at every byte, a tick between the pieces, against
//!   every variant: how many splits tore it and how many bytes were lost (paused clock, exact);
//! - `lost.md`: fourteen seconds of traffic, every command in two pieces, replayed on a paused
//!   clock at four tick rates: lines torn and bytes lost per second of traffic (`lost.rs`);
//! - `eof.md`: the seed's `receive_message` loop after the peer has gone, in real time: how
//!   fast it spins, against `next_line`'s loop, which stops (`eof.rs`);
//! - `limit.md`: `fixed` and `reader-task` against the bench's `limit` row, with a reading;
//! - `cost.md`: `fixed` against `anti`, and `reader-task` against `fixed`, per load;
//! - `claims.md`: a verdict on each claim of the catalogue entry, from the results above.
//!
//! Everything but the spin runs on paused clocks, so the probe takes well under a second.

mod claims;
mod eof;
mod lost;

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
    probe.progress("every split of one command, and 14 s of split traffic, on paused clocks");
    let splits = lost::splits()?;
    let rates = lost::rates()?;
    probe.progress("the seed's receive loop after end of stream, in real time");
    let spin = eof::measure()?;
    probe.write("splits.md", &lost::render_splits(&splits))?;
    probe.write("lost.md", &lost::render_rates(&rates))?;
    probe.write("eof.md", &eof::render(&spin))?;
    let throughput = probe.group("throughput");
    probe.write("limit.md", &claims::render_limit(throughput.as_ref().ok()))?;
    probe.write("cost.md", &claims::render_cost(throughput.as_ref().ok()))?;
    claims::write(&probe, &splits, &rates)?;
    probe.progress(format!(
        "wrote splits.md, lost.md, eof.md, limit.md, cost.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
