//! Starting a child that cannot outlive the runner, and cannot eat the machine's memory.
//!
//! Two things must be set up *inside* the child, between `fork` and `exec`: a parent-death
//! signal (Linux's `PR_SET_PDEATHSIG`: "send me SIGKILL when my parent dies", so even a
//! SIGKILLed runner, which can run no handler, takes its test binaries down with it), and a
//! memory limit (`setrlimit`, which only ever applies to the calling process). The standard way
//! in, `CommandExt::pre_exec`, is `unsafe`, and the workspace forbids `unsafe`.
//!
//! So the runner starts every child through itself: `workshop __launch ... -- <program> <args>`.
//! That small process makes the two safe calls on itself (nix's `set_pdeathsig` and
//! `setrlimit`) and then `exec`s the real program, which keeps its pid, its process group, its
//! pipes and both settings (a parent-death signal survives `exec`; only `fork` clears it). The
//! price is one extra `exec` per child, a millisecond next to building and running tests.
//!
//! The parent-death signal fires when the *thread* that spawned the child ends, not the
//! process. So a thread that starts a child waits for it (or kills it) before it ends: the
//! main thread for cargo, and verify's test workers for the test binaries they run.

use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{Context, Result};
use nix::sys::signal::Signal;

/// The hidden subcommand the runner starts its children through.
pub const SUBCOMMAND: &str = "__launch";

/// What a launched child is held to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The signal the child gets if the runner dies first.
    pub on_parent_death: Signal,
    /// Bytes of memory the child may map, or `None` for no limit (cargo and the compiler).
    pub memory: Option<u64>,
}

/// A [`Command`] that runs `program` through the launcher, held to `limits`. Add arguments,
/// environment, directory and pipes to it as to any `Command`.
pub fn command(program: &Path, limits: Limits) -> Result<Command> {
    let runner = std::env::current_exe()
        .context("cannot find the workshop binary to launch a child with")?;
    let mut command = Command::new(runner);
    command
        .arg(SUBCOMMAND)
        .arg(std::process::id().to_string())
        .arg(limits.on_parent_death.as_str())
        .arg(
            limits
                .memory
                .map_or_else(|| "none".to_string(), |m| m.to_string()),
        )
        .arg("--")
        .arg(program);
    Ok(command)
}

/// The child's side: `__launch <parent pid> <signal> <memory bytes|none> -- <program> <args>`.
///
/// Called from `main` before anything else, with the arguments after the subcommand. It only
/// returns if the program could not be started.
pub fn launch(args: &[OsString]) -> ExitCode {
    match limit_and_exec(args) {
        Ok(never) => match never {},
        Err(err) => {
            eprintln!("workshop launcher: {err:#}");
            // 127, as a shell says for a command it could not run.
            ExitCode::from(127)
        }
    }
}

fn limit_and_exec(args: &[OsString]) -> Result<std::convert::Infallible> {
    let text = |i: usize| -> Result<&str> {
        args.get(i)
            .and_then(|a| a.to_str())
            .with_context(|| format!("launcher argument {i} is missing"))
    };
    let parent: i32 = text(0)?.parse().context("parent pid")?;
    let signal: Signal = text(1)?.parse().context("parent-death signal")?;
    let memory = match text(2)? {
        "none" => None,
        bytes => Some(bytes.parse::<u64>().context("memory limit")?),
    };
    anyhow::ensure!(text(3)? == "--", "launcher arguments end with --");
    let program = args.get(4).context("no program to launch")?;

    die_with_parent(parent, signal)?;
    if let Some(bytes) = memory {
        limit_memory(bytes)?;
    }
    let err = Command::new(program).args(&args[5..]).exec();
    Err(err).with_context(|| format!("cannot run {}", Path::new(program).display()))
}

#[cfg(target_os = "linux")]
fn die_with_parent(parent: i32, signal: Signal) -> Result<()> {
    nix::sys::prctl::set_pdeathsig(signal).context("cannot set the parent-death signal")?;
    // The runner may have died between spawning us and the line above; then nobody would ever
    // send the signal, so give up now rather than run unsupervised.
    anyhow::ensure!(
        nix::unistd::getppid().as_raw() == parent,
        "the workshop runner has already exited"
    );
    Ok(())
}

/// Elsewhere there is no parent-death signal; the runner's signal handling still covers every
/// way it can end except SIGKILL.
#[cfg(not(target_os = "linux"))]
fn die_with_parent(_parent: i32, _signal: Signal) -> Result<()> {
    Ok(())
}

/// Caps the memory the process may map.
///
/// `RLIMIT_DATA` rather than `RLIMIT_AS`: the address space counts what is reserved but never
/// used (glibc reserves 64 MiB for each malloc arena, and every Tokio worker thread gets one),
/// so a cap on it low enough to matter trips healthy multi-threaded tests. `RLIMIT_DATA` counts
/// the private writable memory actually mapped (the heap, large allocations, thread stacks),
/// which is what an allocation loop grows. An allocation past it fails, and Rust's allocation
/// failure handler prints "memory allocation of N bytes failed" and aborts.
fn limit_memory(bytes: u64) -> Result<()> {
    use nix::sys::resource::{Resource, setrlimit};
    setrlimit(Resource::RLIMIT_DATA, bytes, bytes).context("cannot set the memory limit")
}
