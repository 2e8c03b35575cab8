//! `console-capture`: what tokio-console shows for each lab, written into the book.
//!
//! ```text
//! cargo run --release -p console-capture -- [LAB...]          # capture, write console.md
//! cargo run --release -p console-capture -- watch LAB VARIANT # the demo, live in tokio-console
//! ```
//!
//! (`README.md` next to this crate's manifest lists every option.)
//!
//! For each lab whose catalogue entry has a `[console]` section (or each lab named), this
//! builds the lab's demo with its `console` feature, runs every listed variant under
//! console-subscriber on a free loopback port, records the gRPC stream that tokio-console would
//! read ([`record`]), and hands the recordings to `console-snapshot`, which replays them with
//! tokio-console's rules and the long-poll lint and renders `book/src/generated/<lab>/console.md`,
//! stamped like every other generated fragment.
//!
//! Nothing here reimplements the runtime: every number comes from console-subscriber inside
//! the demo. What is ours is the reading (the same as tokio-console's, checked against its
//! source) and the long-poll lint.

mod convert;
mod demo;
mod port;
mod record;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use catalogue::Catalogue;
use clap::{Parser, Subcommand};
use console_snapshot::render;
use evidence::{Mode, Stamp};

/// Capture tokio-console snapshots of the labs' demos for the book.
#[derive(Debug, Parser)]
#[command(name = "console-capture", args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Labs to capture (default: every lab with a `[console]` section in its catalogue entry).
    labs: Vec<String>,
    /// Variants to run, overriding the catalogue (only with exactly one lab).
    #[arg(long, value_delimiter = ',')]
    variants: Vec<String>,
    /// Where the generated fragments go: `<out>/<lab>/console.md`.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also save each recording as `<dir>/<lab>/<variant>.json` (the tests' fixtures).
    #[arg(long)]
    record: Option<PathBuf>,
    /// The measurement mode written into the stamp (`cargo xtask book` passes its own).
    #[arg(long, default_value = "quick")]
    mode: Mode,
    /// Seconds one variant may take, from starting its demo to having stopped it.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(5..=600))]
    timeout: u64,
    /// Serve on this loopback port instead of a free one.
    #[arg(long)]
    port: Option<u16>,
    /// With --record: thin each saved recording to at most this many plain blocking tasks,
    /// resources per creation site and async operations per resource (a fixture's size). The
    /// book's fragment is always rendered from the whole recording.
    #[arg(long, requires = "record")]
    thin: Option<usize>,
    /// An extra argument for every demo, after the standard ones (repeat for more):
    /// `--demo-arg=--millis=200` runs a shorter workload, as the recorded fixtures do.
    #[arg(long = "demo-arg", allow_hyphen_values = true)]
    demo_args: Vec<String>,
    /// Run no demo: render the recordings saved in `<dir>/<lab>/<variant>.json` (by --record)
    /// and print the markdown, without a stamp and without writing anything.
    #[arg(long, conflicts_with_all = ["record", "out", "port"])]
    replay: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run one variant's demo and open the real tokio-console on it.
    Watch {
        /// The lab.
        lab: String,
        /// The variant its demo should run.
        variant: String,
        /// Serve on this loopback port instead of a free one.
        #[arg(long)]
        port: Option<u16>,
        /// Seconds the demo stays alive after its workload.
        #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=600))]
        hold: u64,
    },
}

/// Why the capture stopped: bad input (exit 2) or a failure while capturing (exit 1).
enum Failure {
    Usage(anyhow::Error),
    Capture(anyhow::Error),
}

fn main() -> ExitCode {
    let args = Args::parse();
    // A small runtime for a client: one thread is plenty, and leaves the cores to the demo.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("console-capture: error: cannot start a runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        tokio::select! {
            outcome = run(args) => Some(outcome),
            // Ctrl-C drops `run`, and with it any running demo, whose Drop kills its group.
            _ = tokio::signal::ctrl_c() => None,
        }
    });
    match outcome {
        Some(Ok(())) => ExitCode::SUCCESS,
        Some(Err(Failure::Usage(err))) => {
            eprintln!("console-capture: error: {err:#}");
            ExitCode::from(2)
        }
        Some(Err(Failure::Capture(err))) => {
            eprintln!("console-capture: error: {err:#}");
            ExitCode::FAILURE
        }
        None => {
            eprintln!("\ninterrupted; the demo was stopped");
            ExitCode::from(130)
        }
    }
}

async fn run(args: Args) -> Result<(), Failure> {
    let catalogue = Catalogue::load_workspace().map_err(|e| Failure::Capture(e.into()))?;
    let root = catalogue.root().to_path_buf();
    if let Some(Command::Watch {
        lab,
        variant,
        port,
        hold,
    }) = &args.command
    {
        catalogue.get(lab).map_err(|e| Failure::Usage(e.into()))?;
        return watch::run(&root, lab, variant, *port, *hold)
            .await
            .map_err(Failure::Capture);
    }
    let plan = plan(&catalogue, &args).map_err(Failure::Usage)?;
    if plan.is_empty() {
        println!(
            "No catalogue entry has a [console] section, and no lab was named: nothing to capture."
        );
        return Ok(());
    }
    if let Some(dir) = &args.replay {
        for (lab, variants) in &plan {
            print!("{}", replay(dir, lab, variants).map_err(Failure::Capture)?);
        }
        return Ok(());
    }
    if let Some(port) = args.port {
        port::check(port).map_err(Failure::Usage)?;
    }
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join("book/src/generated"));
    let limits = record::Limits {
        connect: Duration::from_secs(20).min(Duration::from_secs(args.timeout)),
        total: Duration::from_secs(args.timeout),
    };

    let mut failed = Vec::new();
    let mut timings = Vec::new();
    for (lab, variants) in &plan {
        let started = Instant::now();
        match capture_lab(&root, lab, variants, &out, &args, limits).await {
            Ok(path) => {
                println!(
                    "wrote {}",
                    path.strip_prefix(&root).unwrap_or(&path).display()
                );
                timings.push((lab.clone(), started.elapsed()));
            }
            Err(err) => {
                eprintln!("console-capture: {lab}: {err:#}");
                failed.push(lab.clone());
            }
        }
    }
    for (lab, took) in &timings {
        println!(
            "  {lab:<28} {:.1} s (build and capture)",
            took.as_secs_f64()
        );
    }
    if !failed.is_empty() {
        return Err(Failure::Capture(anyhow::anyhow!(
            "no snapshot for {}",
            failed.join(", ")
        )));
    }
    Ok(())
}

/// Which variants of which labs to capture, in catalogue order.
fn plan(catalogue: &Catalogue, args: &Args) -> Result<Vec<(String, Vec<String>)>> {
    if !args.variants.is_empty() && args.labs.len() != 1 {
        bail!("--variants needs exactly one lab");
    }
    if args.labs.is_empty() {
        return Ok(catalogue
            .entries()
            .iter()
            .filter_map(|e| Some((e.id.clone(), e.console.as_ref()?.variants.clone())))
            .collect());
    }
    let mut plan = Vec::new();
    for lab in &args.labs {
        let entry = catalogue.get(lab)?;
        let variants = if !args.variants.is_empty() {
            args.variants.clone()
        } else {
            match &entry.console {
                Some(console) => console.variants.clone(),
                None => bail!(
                    "`{lab}` has no [console] section in anti-patterns/{lab}.toml, so it does not \
                     say which variants to capture; add one (`[console]` then `variants = \
                     [\"anti\", \"fixed\"]`) or pass --variants"
                ),
            }
        };
        plan.push((lab.clone(), variants));
    }
    Ok(plan)
}

/// Renders saved recordings of one lab, for checking a change to the lint or the rendering
/// without running anything.
fn replay(dir: &Path, lab: &str, variants: &[String]) -> Result<String> {
    let mut snapshots = Vec::new();
    for variant in variants {
        let path = dir.join(lab).join(format!("{variant}.json"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let recording = console_snapshot::Recording::from_json(&text)
            .with_context(|| format!("{} is not a recording", path.display()))?;
        snapshots.push(console_snapshot::replay(&recording));
    }
    Ok(render::lab(&snapshots, &options(lab)))
}

fn options(lab: &str) -> render::Options {
    render::Options {
        regenerate: format!("cargo xtask console {lab}"),
        ..render::Options::default()
    }
}

/// Builds, records every variant, renders and writes one lab's fragment.
async fn capture_lab(
    root: &Path,
    lab: &str,
    variants: &[String],
    out: &Path,
    args: &Args,
    limits: record::Limits,
) -> Result<PathBuf> {
    println!(
        "\n=== {lab}: tokio-console snapshots of {}",
        variants.join(", ")
    );
    demo::check(root, lab).await?;
    let exe = demo::build(root, lab).await?;
    let mut snapshots = Vec::new();
    for variant in variants {
        let port = match args.port {
            Some(port) => port,
            None => port::free()?,
        };
        let started = Instant::now();
        let mut recording = record::variant(&exe, lab, variant, &args.demo_args, port, limits)
            .await
            .with_context(|| format!("capturing `{variant}`"))?;
        recording.compact();
        let snapshot = console_snapshot::replay(&recording);
        println!(
            "{lab} `{variant}`: {} updates, {} tasks, {} warnings, in {:.1} s",
            recording.updates.len(),
            snapshot.tasks.len(),
            snapshot
                .findings
                .iter()
                .map(|f| f.tasks.len())
                .sum::<usize>(),
            started.elapsed().as_secs_f64()
        );
        if let Some(dir) = &args.record {
            let mut saved = recording.clone();
            if let Some(limit) = args.thin {
                saved.thin(limit);
                // Thinning must not change a single verdict; refuse to save a fixture that lies.
                let thin = console_snapshot::replay(&saved);
                let rules = |s: &console_snapshot::Snapshot| {
                    s.findings
                        .iter()
                        .map(|f| (f.rule, f.tasks.len()))
                        .collect::<Vec<_>>()
                };
                let verdicts = |s: &console_snapshot::Snapshot| {
                    s.long_poll
                        .iter()
                        .map(|l| (l.location.clone(), l.verdict))
                        .collect::<Vec<_>>()
                };
                anyhow::ensure!(
                    rules(&thin) == rules(&snapshot) && verdicts(&thin) == verdicts(&snapshot),
                    "thinning `{variant}` changed its warnings; save it whole (leave out --thin)"
                );
            }
            let dir = dir.join(lab);
            std::fs::create_dir_all(&dir)?;
            let path = dir.join(format!("{variant}.json"));
            std::fs::write(&path, saved.to_json())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        snapshots.push(snapshot);
    }
    let stamp = Stamp::collect(root, args.mode);
    let options = render::Options {
        captured: Some(format!("on {}, at commit {}", stamp.date, stamp.commit)),
        ..options(lab)
    };
    let body = render::lab(&snapshots, &options);
    Ok(evidence::write_fragment(
        &out.join(lab),
        "console.md",
        &stamp,
        &body,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalogue of two labs, one with a `[console]` section.
    fn catalogue() -> Catalogue {
        // One directory per call: the tests run in parallel threads of one process.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!(
            "console-capture-plan-{}-{call}",
            std::process::id()
        ));
        let dir = root.join("anti-patterns");
        std::fs::create_dir_all(&dir).unwrap();
        let entry = |id: &str, order: u32, console: &str| {
            format!(
                "id = \"{id}\"\norder = {order}\ntitle = \"t\"\nproblem = \"p\"\ndetect = []\n\
                 [exercise]\nfile = \"src/x.rs\"\n{console}"
            )
        };
        std::fs::write(
            dir.join("a.toml"),
            entry("a", 1, "[console]\nvariants = [\"anti\", \"fixed\"]\n"),
        )
        .unwrap();
        std::fs::write(dir.join("b.toml"), entry("b", 2, "")).unwrap();
        let catalogue = Catalogue::load(&root).unwrap();
        // The catalogue is in memory now; leave nothing behind in /tmp.
        let _ = std::fs::remove_dir_all(&root);
        catalogue
    }

    fn plan_for(args: &[&str]) -> Result<Vec<(String, Vec<String>)>> {
        let args =
            Args::try_parse_from(std::iter::once("console-capture").chain(args.iter().copied()))
                .unwrap();
        plan(&catalogue(), &args)
    }

    #[test]
    fn without_labs_every_console_section_is_captured() {
        let plan = plan_for(&[]).unwrap();
        assert_eq!(
            plan,
            [(
                "a".to_string(),
                vec!["anti".to_string(), "fixed".to_string()]
            )]
        );
    }

    #[test]
    fn bad_names_are_reported_with_what_is_valid() {
        let err = plan_for(&["nope"]).unwrap_err().to_string();
        assert!(
            err.contains("unknown lab `nope`") && err.contains("a, b"),
            "{err}"
        );
        let err = plan_for(&["b"]).unwrap_err().to_string();
        assert!(
            err.contains("no [console] section") && err.contains("--variants"),
            "{err}"
        );
        assert_eq!(
            plan_for(&["b", "--variants", "x,y"]).unwrap()[0].1,
            ["x", "y"]
        );
        assert!(plan_for(&["a", "b", "--variants", "x"]).is_err());
    }
}
