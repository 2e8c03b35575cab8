//! The child process of the rayon tests and the probe: `detached-rayon-child <offload>`
//! scores a batch with a zero row on rayon's pool, prints how the error path saw it, and goes on
//! serving for `SERVE_ON`. With `anti` it never gets to `still serving`: rayon aborts the
//! process (SIGABRT).

use clap::Parser;
use detached_tasks::offload::{self, Offload};

/// Score a batch with a bad row on rayon, and print how the error came back.
#[derive(Debug, Parser)]
#[command(name = "detached-rayon-child")]
struct Args {
    /// How the batch is handed to rayon.
    #[arg(value_enum)]
    offload: Offload,
}

fn main() -> std::process::ExitCode {
    evidence::cli::main(|args: Args| {
        offload::child(args.offload, |line| {
            // Printed at once: under `anti` the process may abort right after.
            let _ = evidence::say!("{line}");
        });
        Ok(())
    })
}
