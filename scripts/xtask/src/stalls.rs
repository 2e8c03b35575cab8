//! `cargo xtask stalls`: the stall detector measured on every lab, for its chapter.
//!
//! Two questions, two instruments:
//!
//! - **Does it find blocking, and only blocking?** Every lab's demo takes `--stall-report`,
//!   which installs the detector on each runtime the demo builds. The survey runs every
//!   variant the catalogue lists under `[console]`, on both runtime flavours where the demo
//!   has `--flavor`, and compares what the detector flagged with the entry's `flagged` list,
//!   the same list the tokio-console lint is held to: the two tools share their rule.
//! - **What does it cost?** The detector's own criterion bench (`spawn-yield`: tasks that do
//!   nothing but yield, the worst case for a per-poll hook), with and without it.
//!
//! Both land in `book/src/generated/stall-detector/`, stamped. Every demo run is bounded in
//! time and killed if it overstays; a variant a flavour cannot run is listed as such.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use catalogue::Entry;
use evidence::Mode;
use evidence::fragment;
use evidence::stamp::Stamp;
use serde_json::Value;

use crate::bench;
use crate::workspace::{self, Workspace, human};

/// Where the chapter's fragments go.
pub const GENERATED: &str = "book/src/generated/stall-detector";
/// The run whose printed report the chapter shows: the blocking lab's anti-pattern.
const EXAMPLE: &str = "blocking-in-async-anti-multi-thread";
/// No demo run may take longer than this.
const RUN_LIMIT: Duration = Duration::from_secs(40);
/// Flavour names, as the demos' `--flavor` takes them.
const FLAVOURS: [&str; 2] = ["multi-thread", "current-thread"];

/// One variant on one flavour, and what the detector said.
struct Row {
    lab: String,
    variant: String,
    flavour: String,
    expected: bool,
    /// Blocking the detector cannot see (the entry's `stall-unseen`).
    unseen: bool,
    outcome: Outcome,
}

impl Row {
    /// Whether the detector said what the catalogue says it can.
    fn disagrees(&self) -> bool {
        match &self.outcome {
            Outcome::Ran { flagged } => flagged.is_some() != (self.expected && !self.unseen),
            Outcome::CannotRun(_) => false,
        }
    }
}

enum Outcome {
    /// The demo refused this flavour (for example `block_in_place` on a current-thread runtime).
    CannotRun(String),
    /// The detector's verdict: flagged or not, and the location it flagged.
    Ran { flagged: Option<Flag> },
}

struct Flag {
    location: String,
    slow: u64,
    polls: u64,
    max_ns: u64,
    class: String,
}

/// The test command's check: the survey on debug builds of the demos of every lab whose entry
/// says some variant blocks (there the detector must fire, and stay silent on the rest),
/// writing nothing; fails on any verdict the catalogue does not expect.
pub fn check(workspace: &Workspace) -> Result<()> {
    let catalogue = workspace.catalogue()?;
    let scratch = workspace.target_dir.join("stall-check");
    std::fs::create_dir_all(&scratch)?;
    let built = demos_built_by_cargo_test(workspace)?;
    let mut rows = Vec::new();
    for entry in catalogue.entries() {
        if entry
            .console
            .as_ref()
            .is_some_and(|c| !c.flagged.is_empty())
        {
            // Its default flavour only: the check proves the detector's verdict on each
            // variant, and the book's survey covers the other flavour (half the runs).
            rows.extend(survey_lab(
                workspace,
                entry,
                &scratch,
                Demo::Built(built.get(&entry.id)),
                Flavours::Default,
            )?);
        }
    }
    let wrong: Vec<String> = rows
        .iter()
        .filter(|r| r.disagrees())
        .map(|r| format!("{} {} ({})", r.lab, r.variant, r.flavour))
        .collect();
    let unseen = rows.iter().filter(|r| r.unseen).count();
    println!(
        "{} runs; the detector agreed with the catalogue on all but {} ({unseen} unseen by \
         design, listed under `stall-unseen`)",
        rows.len(),
        wrong.len()
    );
    if !wrong.is_empty() {
        bail!(
            "the stall detector disagrees with the catalogue on: {}",
            wrong.join(", ")
        );
    }
    Ok(())
}

/// Which build of a lab's demo the survey runs.
#[derive(Debug, Clone, Copy)]
enum Demo<'a> {
    /// Built here with `--release`: the book's numbers.
    Release,
    /// The debug build that `cargo test` made already (the test command's check), found by
    /// [`demos_built_by_cargo_test`]; built here in debug if it is not there.
    Built(Option<&'a PathBuf>),
}

/// Every lab's debug `demo` executable as `cargo test` builds it, by lab.
///
/// `cargo build -p <lab>` would resolve each lab's dependency features on their own, unlike
/// `cargo test` at the root, and so compile Tokio and the rest again for nearly every lab:
/// about a minute of the test command. The test step has built every demo already (a lab's
/// integration tests run it), so we use those builds. Cargo names them only by the shared
/// name `target/debug/demo`, which each lab's build overwrites in turn; the real files are
/// `target/debug/deps/demo-<hash>`, and each has a dep-info file beside it (`.d`, the format
/// cargo writes for build systems) whose first line lists the sources it was built from. So
/// after a `cargo test --no-run` (which brings them all up to date, and costs nothing after the
/// test step) a lab's demo is the newest `demo-<hash>` built from `labs/<lab>/src/bin/demo.rs`
/// and no older than any of its sources. A lab with none is built on its own, as before.
fn demos_built_by_cargo_test(workspace: &Workspace) -> Result<BTreeMap<String, PathBuf>> {
    let mut up_to_date = workspace::cargo();
    up_to_date
        .current_dir(&workspace.root)
        .args(["test", "--no-run", "--quiet"]);
    workspace::run(&mut up_to_date)?;
    let deps = workspace.target_dir.join("debug").join("deps");
    let labs = workspace.root.join("labs");
    let mut demos: BTreeMap<String, (std::time::SystemTime, PathBuf)> = BTreeMap::new();
    for item in std::fs::read_dir(&deps).with_context(|| format!("listing {}", deps.display()))? {
        let dep_info = item?.path();
        let is_demo = dep_info
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("demo-") && n.ends_with(".d"));
        if !is_demo {
            continue;
        }
        let Some((binary, sources)) = read_dep_info(&dep_info, &workspace.root) else {
            continue;
        };
        let Some(lab) = sources.iter().find_map(|source| {
            let rest = source.strip_prefix(&labs).ok()?;
            let mut parts = rest.components();
            let lab = parts.next()?.as_os_str().to_string_lossy().into_owned();
            (parts.as_path() == Path::new("src/bin/demo.rs")).then_some(lab)
        }) else {
            continue;
        };
        let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let Some(built) = modified(&binary) else {
            continue;
        };
        let stale = sources
            .iter()
            .any(|source| modified(source).is_none_or(|changed| changed > built));
        let newer = demos.get(&lab).is_none_or(|(other, _)| built > *other);
        if !stale && newer {
            demos.insert(lab, (built, binary));
        }
    }
    Ok(demos
        .into_iter()
        .map(|(lab, (_, exe))| (lab, exe))
        .collect())
}

/// The binary a dep-info file describes (its own path without `.d`) and the sources of its
/// first rule (`<file>.d: source source ...`), made absolute against `root`; `None` when it
/// cannot be read. Paths with spaces (escaped as `\ `) are not supported: a lab's have none.
fn read_dep_info(path: &Path, root: &Path) -> Option<(PathBuf, Vec<PathBuf>)> {
    let text = std::fs::read_to_string(path).ok()?;
    let (_, sources) = text.lines().next()?.split_once(": ")?;
    Some((
        path.with_extension(""),
        sources.split_whitespace().map(|s| root.join(s)).collect(),
    ))
}

/// Which runtime flavours each variant runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavours {
    /// Both, where the demo takes `--flavor`: the book's survey.
    Both,
    /// Only the one the demo runs on by default (the entry's `[console] flavour`).
    Default,
}

/// Runs the bench and the survey, and writes both fragments.
pub fn run(workspace: &Workspace, mode: Mode) -> Result<()> {
    let started = Instant::now();
    let catalogue = workspace.catalogue()?;
    let stamp = Stamp::collect(&workspace.root, mode);
    let dir = workspace.root.join(GENERATED);

    println!("\n=== stall detector: overhead bench");
    let mut bench = workspace::cargo();
    bench
        .args(["bench", "-p", "stall-detector", "--bench", "overhead", "--"])
        .args(bench::criterion_args(mode))
        .env(evidence::stamp::MODE_ENV, mode.as_str());
    workspace::run(&mut bench)?;
    let overhead = overhead_table(&workspace.criterion_dir())?;
    fragment::write_fragment(&dir, "overhead.md", &stamp, &overhead)?;

    println!("\n=== stall detector: every lab's demo");
    let scratch = workspace.target_dir.join("stall-survey");
    std::fs::create_dir_all(&scratch)?;
    let mut rows = Vec::new();
    for entry in catalogue.entries() {
        rows.extend(survey_lab(
            workspace,
            entry,
            &scratch,
            Demo::Release,
            Flavours::Both,
        )?);
    }
    fragment::write_fragment(&dir, "survey.md", &stamp, &survey_table(&rows))?;
    // The chapter's walk-through shows the report of one run as the detector prints it.
    let example = scratch.join(format!("{EXAMPLE}.txt"));
    let printed = std::fs::read_to_string(&example)
        .with_context(|| format!("no printed report at {}", example.display()))?;
    let body = format!(
        "```text\n$ demo anti --flavor multi-thread --stall-report report.json\n$ cat report.txt\n{}```\n",
        printed
    );
    fragment::write_fragment(&dir, "example.md", &stamp, &body)?;
    fragment::write_fragment(&dir, "summary.md", &stamp, &summary(&rows))?;
    fragment::write_stamp(&dir, &stamp)?;
    println!(
        "--- stall detector: measured in {}",
        human(started.elapsed())
    );
    let misses: Vec<String> = rows
        .iter()
        .filter(|r| r.disagrees())
        .map(|r| format!("{} {} ({})", r.lab, r.variant, r.flavour))
        .collect();
    if !misses.is_empty() {
        println!(
            "the detector disagrees with the catalogue on: {}",
            misses.join(", ")
        );
    }
    Ok(())
}

/// Builds `entry`'s demo and runs each `[console]` variant on each flavour it takes.
fn survey_lab(
    workspace: &Workspace,
    entry: &Entry,
    scratch: &Path,
    demo: Demo<'_>,
    flavours: Flavours,
) -> Result<Vec<Row>> {
    let Some(console) = &entry.console else {
        return Ok(Vec::new());
    };
    let lab = &entry.id;
    let built = match demo {
        Demo::Built(Some(path)) => path.clone(),
        Demo::Release | Demo::Built(None) => {
            let release = matches!(demo, Demo::Release);
            let mut build = workspace::cargo();
            build.args(["build", "-p", lab, "--bin", "demo"]);
            if release {
                build.arg("--release");
            }
            workspace::run(&mut build)?;
            let profile = if release { "release" } else { "debug" };
            workspace.target_dir.join(profile).join("demo")
        }
    };
    // Every lab's demo has the same file name: keep a copy under the lab's own name.
    let exe = scratch.join(format!("{lab}-demo"));
    std::fs::copy(&built, &exe).with_context(|| format!("copying {lab}'s demo"))?;
    let help = Command::new(&exe).arg("--help").output()?;
    let takes_flavour = String::from_utf8_lossy(&help.stdout).contains("--flavor");
    let flavours: Vec<Option<&str>> = if takes_flavour && flavours == Flavours::Both {
        FLAVOURS.iter().copied().map(Some).collect()
    } else {
        vec![None]
    };
    let mut rows = Vec::new();
    for variant in &console.variants {
        for flavour in &flavours {
            let report = scratch.join(format!(
                "{lab}-{variant}-{}.json",
                flavour.unwrap_or("default")
            ));
            let _ = std::fs::remove_file(&report);
            let mut command = Command::new(&exe);
            command.arg(variant);
            if let Some(flavour) = flavour {
                command.args(["--flavor", flavour]);
            }
            command
                .args(&console.fixture_args)
                .arg("--stall-report")
                .arg(&report)
                // A panic hook that captures a backtrace holds its worker for a long poll of
                // its own (80 ms and more): a lab whose tasks panic on purpose would be
                // flagged for it, which is not what the survey asks.
                .env_remove("RUST_BACKTRACE");
            // One at a time: two demos at once on two cores flagged fixes now and then (a
            // poll preempted before the watchdog's first look is not excused).
            let outcome = run_demo(command, &report)?;
            rows.push(Row {
                lab: lab.clone(),
                variant: variant.clone(),
                flavour: flavour.unwrap_or(console.flavour.as_str()).to_owned(),
                expected: console.flagged.contains(variant),
                unseen: console.stall_unseen.contains(variant),
                outcome,
            });
        }
    }
    Ok(rows)
}

/// Runs one demo to its end (or kills it at [`RUN_LIMIT`]) and reads its stall report.
fn run_demo(mut command: Command, report: &PathBuf) -> Result<Outcome> {
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting a demo")?;
    let deadline = Instant::now() + RUN_LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() > deadline {
            child.kill()?;
            child.wait()?;
            break None;
        }
        #[expect(
            clippy::disallowed_methods,
            reason = "a command waiting for its child process, not async code"
        )]
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        use std::io::Read;
        pipe.read_to_string(&mut stderr)?;
    }
    let text = match std::fs::read_to_string(report) {
        Ok(text) => text,
        Err(_) if status.is_some_and(|s| !s.success()) => {
            let why = stderr
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("it failed");
            return Ok(Outcome::CannotRun(
                why.trim_start_matches("error: ").to_owned(),
            ));
        }
        Err(err) => bail!(
            "the demo left no stall report at {}: {err}\n{stderr}",
            report.display()
        ),
    };
    let reports: Vec<Value> = serde_json::from_str(&text).context("reading a stall report")?;
    let flagged = reports
        .iter()
        .flat_map(|r| r["locations"].as_array().cloned().unwrap_or_default())
        .filter(|l| l["verdict"] == "fires")
        .max_by_key(|l| l["slow"].as_u64().unwrap_or(0))
        .map(|l| Flag {
            location: short_location(l["location"].as_str().unwrap_or("?")),
            slow: l["slow"].as_u64().unwrap_or(0),
            polls: l["polls"].as_u64().unwrap_or(0),
            max_ns: l["max_ns"].as_u64().unwrap_or(0),
            class: dominant_class(&l["classes"]),
        });
    Ok(Outcome::Ran { flagged })
}

/// `labs/x/src/load.rs:145:13` → `load.rs:145`: the table has little room.
fn short_location(location: &str) -> String {
    let file = location.rsplit('/').next().unwrap_or(location);
    let mut parts = file.split(':');
    match (parts.next(), parts.next()) {
        (Some(name), Some(line)) => format!("{name}:{line}"),
        _ => file.to_owned(),
    }
}

fn dominant_class(classes: &Value) -> String {
    let names = [
        ("cpu_bound", "cpu-bound"),
        ("blocked", "blocked"),
        ("mixed", "mixed"),
    ];
    names
        .iter()
        .map(|(key, name)| (classes[key].as_u64().unwrap_or(0), *name))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map_or_else(|| "unknown".into(), |(_, name)| name.to_owned())
}

fn survey_table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| variant | flavour | should | detector | where, slow/polls, longest, class |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    let mut lab = "";
    for row in rows {
        if row.lab != lab {
            lab = &row.lab;
            out.push_str(&format!("| **{lab}** | | | | |\n"));
        }
        let should = if row.expected { "flag" } else { "pass" };
        let (said, detail) = match &row.outcome {
            Outcome::CannotRun(why) => ("not run".to_owned(), why.replace('|', "\\|")),
            Outcome::Ran { flagged: None } => {
                let mark = match (row.expected, row.unseen) {
                    (true, true) => "✗ unseen",
                    (true, false) => "✗ missed",
                    (false, _) => "✓ silent",
                };
                (mark.to_owned(), String::new())
            }
            Outcome::Ran { flagged: Some(f) } => {
                let mark = if row.expected {
                    "✓ flagged"
                } else {
                    "✗ flagged"
                };
                let detail = format!(
                    "`{}`, {}/{}, {}, {}",
                    f.location,
                    evidence::number::count(f.slow),
                    evidence::number::count(f.polls),
                    evidence::number::duration(Duration::from_nanos(f.max_ns)),
                    f.class
                );
                (mark.to_owned(), detail)
            }
        };
        out.push_str(&format!(
            "| {} | {} | {should} | {said} | {detail} |\n",
            row.variant, row.flavour
        ));
    }
    out
}

/// True and false positive rates over every run.
fn summary(rows: &[Row]) -> String {
    let ran: Vec<(&Row, bool)> = rows
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Ran { flagged } => Some((r, flagged.is_some())),
            Outcome::CannotRun(_) => None,
        })
        .collect();
    let blocking = ran.iter().filter(|(r, _)| r.expected).count();
    let caught = ran.iter().filter(|(r, f)| r.expected && *f).count();
    let fixes = ran.len() - blocking;
    let false_alarms = ran.iter().filter(|(r, f)| !r.expected && *f).count();
    let skipped = rows.len() - ran.len();
    let rate = |n: usize, of: usize| {
        if of == 0 {
            "n/a".to_owned()
        } else {
            format!("{:.0}%", 100.0 * n as f64 / of as f64)
        }
    };
    format!(
        "| runs | blocking runs flagged (true positive rate) | other runs flagged (false positive rate) | not runnable |\n\
         | --- | --- | --- | --- |\n\
         | {} | {caught} of {blocking} ({}) | {false_alarms} of {fixes} ({}) | {skipped} |\n",
        ran.len(),
        rate(caught, blocking),
        rate(false_alarms, fixes),
    )
}

/// The overhead bench as a table: time per task, bare and with the detector, and the ratio.
fn overhead_table(criterion_dir: &Path) -> Result<String> {
    let groups = evidence::criterion::load_lab(criterion_dir, "stall-detector")?;
    let group = groups
        .iter()
        .find(|g| g.question() == "spawn-yield")
        .context("no spawn-yield group in the stall detector's bench output")?;
    let mut out = String::from(
        "| runtime | bare, per task | with the detector | ratio | added per poll |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    let mut verdicts = Vec::new();
    for flavour in FLAVOURS {
        let (Some(bare), Some(with)) = (group.get("bare", flavour), group.get("detector", flavour))
        else {
            bail!("the overhead bench lacks {flavour}");
        };
        let tasks = bare.elements.unwrap_or(1);
        let (b, w) = (bare.mean.per(tasks), with.mean.per(tasks));
        let ratio = w.point / b.point;
        verdicts.push(format!(
            "{flavour}: {} the 1.1× goal",
            if ratio <= 1.1 { "within" } else { "over" }
        ));
        let separated = if w.separated_from(&b) {
            ""
        } else {
            " (CIs overlap)"
        };
        // Each task is polled twice: once to its yield, once to its end.
        let per_poll = (w.point - b.point) / 2.0;
        out.push_str(&format!(
            "| {flavour} | {} | {} | {}{separated} | {} |\n",
            evidence::number::time(b.point),
            evidence::number::time(w.point),
            evidence::number::ratio(ratio),
            evidence::number::time(per_poll.max(0.0)),
        ));
    }
    out.push_str(&format!("\nThis run: {}.\n", verdicts.join("; ")));
    Ok(out)
}
