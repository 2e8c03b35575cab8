//! The lab's probe: what criterion does not measure, for the chapter.
//!
//! `cargo xtask book` runs it as `probe --lab detached-tasks --out <dir> --criterion <dir>
//! --mode quick|full` (the lab kit's [`evidence::ProbeArgs`]). The supervisors and the actor
//! run under paused time, so their tables are exact, the same on every machine, and take
//! milliseconds; the rayon experiment runs this same executable again as a child process
//! (`probe --rayon-child <offload>`), because its anti-pattern aborts the process. It writes:
//!
//! - `outcomes.md`: every supervisor on the usual batch: what its report holds, and what its
//!   jobs did when the caller gave up half-way;
//! - `actor.md`: the same requests to both actors, and each answer;
//! - `offload.md`: how each child process of the rayon experiment ended;
//! - `headline.md`, `limit.md`: the bench's `supervise` group;
//! - `claims.md`: the guides' claims, each judged by its own experiment.

mod bench;
mod claims;
mod tables;

use clap::Parser;
use detached_tasks::offload::{self, Offload};
use evidence::{Probe, ProbeArgs, Variants};

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
}

fn main() -> std::process::ExitCode {
    // The rayon experiment's child: this executable again, told so by its first argument.
    let mut argv = std::env::args().skip(1);
    if argv.next().as_deref() == Some(tables::CHILD_FLAG) {
        let offload = argv.next().and_then(|name| Offload::named(&name).ok());
        let Some(offload) = offload else {
            eprintln!("{} needs an offload variant", tables::CHILD_FLAG);
            return std::process::ExitCode::FAILURE;
        };
        offload::child(offload, |line| {
            let _ = evidence::say!("{line}");
        });
        return std::process::ExitCode::SUCCESS;
    }
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let probe = Probe::start(&args.probe)?;
    // Every panic the experiments provoke is counted here instead of printed (the rayon
    // children, separate processes, print theirs to their own stderr, which is read).
    claims::count_panics();
    probe.progress("every supervisor on the usual batch, the actors, under paused time ...");
    let runs = tables::supervisors();
    probe.write("outcomes.md", &tables::outcomes(&runs))?;
    let conversation = tables::conversation();
    probe.write("actor.md", &tables::actor(&conversation))?;
    probe.progress("the rayon experiment, in child processes ...");
    let children = tables::children()?;
    probe.write("offload.md", &tables::offload(&children))?;
    let supervise = probe.group("supervise");
    probe.write("headline.md", &bench::headline(&supervise))?;
    probe.write("limit.md", &bench::limit(&supervise))?;
    probe.write_claims(|id| claims::judge(id, &runs, &children))?;
    probe.progress(format!(
        "wrote outcomes.md, actor.md, offload.md, headline.md, limit.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}
