//! The lab's probe: how much memory each download holds against the size of the body.
//!
//! `cargo xtask book` runs it after the bench as
//! `probe --lab whole-body-in-memory --out <dir> --criterion <dir> --mode quick|full`. It
//! downloads bodies from 1 MiB up (to 128 MiB in quick mode, 512 MiB in full) with every
//! variant and the `limit`, each into a real file, and writes:
//!
//! - `memory.md` and `plots/memory.svg`: the peak heap of each download against the body's
//!   size ([`table`], [`plot`]), and the peak resident memory of the largest;
//! - `limit.md` and `time.md`: criterion's `download` group in words: `fixed` against the
//!   raw-socket floor, every variant's time against `fixed` ([`bench`]);
//! - `claims.md`: a verdict on each claim of the catalogue entry ([`claims`]), from those
//!   numbers and from criterion's `download` and `file` groups.
//!
//! The heap is read from a counting global allocator, which counts the whole process, and a
//! process's peak resident memory never comes down, so every download runs in a fresh child
//! process: this binary, started as `probe --child <download> <MiB>`, bounded in time.

mod bench;
mod claims;
mod plot;
mod table;

use std::alloc::System;
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use cap::Cap;
use clap::Parser;
use evidence::{Mode, Probe, ProbeArgs};
use serde::{Deserialize, Serialize};
use wait_timeout::ChildExt;
use whole_body_in_memory::limit::RawTcp;
use whole_body_in_memory::{Download, Variant, Variants, to_file};

/// Every allocation is counted; the download samples the count where the body passes.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

/// Body sizes in MiB, quick mode: enough to tell a line from a flat one.
const QUICK_SIZES: [u64; 4] = [1, 16, 64, 128];
/// Body sizes in MiB, full mode: up to the 512 MiB the issue asks for.
const FULL_SIZES: [u64; 5] = [1, 16, 64, 128, 512];
/// A child that takes longer is stuck: 512 MiB over loopback takes a second or two.
const CHILD_TIME_LIMIT: Duration = Duration::from_secs(60);
/// The flag that starts the child mode; the parent always passes it first.
const CHILD_FLAG: &str = "--child";

/// Measure what criterion does not, and write the chapter's fragments.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct Args {
    #[command(flatten)]
    probe: ProbeArgs,
}

/// Internal: one download in this process, printed as JSON on stdout.
#[derive(Debug, Parser)]
#[command(name = "probe")]
struct ChildArgs {
    /// Marks the child mode.
    #[arg(long, required = true)]
    child: bool,
    /// A variant's name, or `limit`.
    download: String,
    /// The body's size in MiB.
    #[arg(value_parser = clap::value_parser!(u64).range(1..=1024))]
    mib: u64,
}

/// One download's measurement.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Run {
    /// A variant's name, or `limit`.
    pub download: String,
    /// What the download held.
    pub held: to_file::Held,
    /// The process's peak resident memory (`VmHWM`), in bytes.
    pub resident_peak: u64,
    /// Its resident memory just before the download (`VmRSS`), in bytes.
    pub resident_before: u64,
}

fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|first| first == CHILD_FLAG)
    {
        return evidence::cli::main(run_child);
    }
    evidence::cli::main(run)
}

fn run(args: Args) -> anyhow::Result<()> {
    let probe = Probe::start(&args.probe)?;
    let sizes: &[u64] = match probe.mode {
        Mode::Full => &FULL_SIZES,
        _ => &QUICK_SIZES,
    };
    let mut runs = Vec::new();
    for &mib in sizes {
        for name in downloads() {
            probe.progress(format_args!("{name} downloading {mib} MiB"));
            runs.push(in_child(&name, mib)?);
        }
    }
    probe.write("memory.md", &table::render(&runs))?;
    let plots = probe.out().join("plots");
    let by = format!("cargo xtask book {}", probe.lab());
    let svg = plot::memory(&runs, probe.lab(), &by, probe.stamp())?;
    evidence::fragment::write_file(&plots, "memory.svg", &svg)
        .with_context(|| format!("cannot write {}", plots.join("memory.svg").display()))?;

    let download = probe.group("download");
    probe.write("limit.md", &bench::limit_fragment(&download))?;
    probe.write("time.md", &bench::time_fragment(&download))?;
    let facts = claims::Facts {
        runs: &runs,
        file: probe.group("file"),
    };
    probe.write_claims(|id| facts.judge(id))?;
    probe.progress(format_args!(
        "wrote memory.md, plots/memory.svg, limit.md, time.md and claims.md to {}",
        probe.out().display()
    ));
    Ok(())
}

/// The names of every download measured: the variants, then the floor.
fn downloads() -> Vec<String> {
    let mut names: Vec<String> = Variant::all().iter().map(|v| v.name()).collect();
    names.push("limit".to_string());
    names
}

/// Runs one download in a fresh copy of this process.
fn in_child(name: &str, mib: u64) -> anyhow::Result<Run> {
    let what = format!("{name} downloading {mib} MiB");
    let mut child = Command::new(std::env::current_exe()?)
        .args([CHILD_FLAG, name, &mib.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start the probe's child process")?;
    let Some(status) = child.wait_timeout(CHILD_TIME_LIMIT)? else {
        child.kill()?;
        child.wait()?;
        bail!("{what} did not finish within {CHILD_TIME_LIMIT:?}");
    };
    // One short JSON line, far below a pipe's buffer: the child never blocked on stdout.
    let output = child.wait_with_output()?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    serde_json::from_slice(&output.stdout).with_context(|| format!("{what} printed no result"))
}

fn run_child(args: ChildArgs) -> anyhow::Result<()> {
    let download: Box<dyn Download> = if args.download == "limit" {
        Box::new(RawTcp::default())
    } else {
        Variant::named(&args.download)
            .map_err(anyhow::Error::msg)?
            .build()
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let dir = tempfile::tempdir().context("a temporary directory for the download")?;
    let resident_before = status_bytes("VmRSS:")?;
    let held = runtime.block_on(to_file::download(
        &*download,
        args.mib << 20,
        &dir.path().join("download.bin"),
        || ALLOCATOR.allocated(),
    ))?;
    let run = Run {
        download: args.download,
        held,
        resident_peak: status_bytes("VmHWM:")?,
        resident_before,
    };
    evidence::say!("{}", serde_json::to_string(&run)?)?;
    Ok(())
}

/// A `kB` field of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .with_context(|| format!("/proc/self/status has no {field}"))?;
    let kib: u64 = line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()?;
    Ok(kib * 1024)
}
