//! The scanner's evidence: the self-check on the labs, the labelled corpus, the speed.
//!
//! A maintainer's tool, not part of the installed scanner (cargo does not install examples).
//! `cargo xtask scan` runs it; each subcommand can also be run alone:
//!
//! ```text
//! cargo run -p async-scan --example evidence -- labs [--write]
//! cargo run -p async-scan --example evidence -- fetch --dir <target>/scan-corpus
//! cargo run -p async-scan --example evidence -- corpus --dir <target>/scan-corpus [--write]
//! cargo run --release -p async-scan --example evidence -- bench --dir <target>/scan-corpus [--write]
//! ```
//!
//! Without `--write`, `labs` and `corpus` also fail when a committed book fragment differs
//! from what they would write, naming the command that refreshes it.

mod corpus;
mod labs;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let write = args.iter().any(|a| a == "--write");
    let dir = args
        .iter()
        .position(|a| a == "--dir")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let root = catalogue::workspace_root().unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(2)
    });
    let result = match args.first().map(String::as_str) {
        Some("labs") => run_labs(&root, write),
        Some("fetch") => run_fetch(&root, dir),
        Some("corpus") => run_corpus(&root, dir, write),
        Some("bench") => run_bench(&root, dir, write),
        _ => Err(vec![
            "usage: evidence labs|fetch|corpus|bench [--dir DIR] [--write]".to_string(),
        ]),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            for problem in problems {
                eprintln!("error: {problem}");
            }
            ExitCode::FAILURE
        }
    }
}

fn corpus_dir(root: &Path) -> PathBuf {
    root.join("detect/scanner/corpus")
}

fn default_fetch_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("scan-corpus")
}

/// Writes `text` to `path`, or (without `--write`) reports it as stale if it differs.
fn emit(
    root: &Path,
    path: &Path,
    text: &str,
    write: bool,
    command: &str,
    problems: &mut Vec<String>,
) {
    let shown = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    if write {
        std::fs::create_dir_all(path.parent().expect("a fragment has a folder"))
            .expect("the book's generated folder can be created");
        std::fs::write(path, text).expect("the fragment can be written");
        println!("wrote {shown}");
    } else if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        problems.push(format!("{shown} is stale; run `{command}`"));
    }
}

fn run_labs(root: &Path, write: bool) -> Result<(), Vec<String>> {
    let checks = labs::check_all(root);
    let mut problems: Vec<String> = checks.iter().flat_map(|c| c.problems.clone()).collect();
    for check in &checks {
        println!(
            "{:<24} markers met {} of {}, rules {:?}",
            check.id, check.met, check.markers, check.rules
        );
        emit(
            root,
            &labs::fragment_path(root, &check.id),
            &labs::chapter_fragment(check),
            write,
            "cargo xtask scan --book",
            &mut problems,
        );
    }
    emit(
        root,
        &root.join("book/src/generated/scanner/labs.md"),
        &labs::summary_fragment(&checks),
        write,
        "cargo xtask scan --book",
        &mut problems,
    );
    if problems.is_empty() {
        println!("self-check: every marker is flagged and every fix is clean");
        Ok(())
    } else {
        Err(problems)
    }
}

fn run_fetch(root: &Path, dir: Option<PathBuf>) -> Result<(), Vec<String>> {
    let (corpus, _) = corpus::load(&corpus_dir(root));
    let dir = dir.unwrap_or_else(|| default_fetch_dir(root));
    let dirs = corpus::fetch(&corpus, &dir).map_err(|e| vec![e])?;
    println!("{} pinned crate versions in {}", dirs.len(), dir.display());
    Ok(())
}

fn fetched(
    root: &Path,
    dir: Option<PathBuf>,
) -> Result<(corpus::Corpus, corpus::Labels, PathBuf), Vec<String>> {
    let (corpus, labels) = corpus::load(&corpus_dir(root));
    let dir = dir.unwrap_or_else(|| default_fetch_dir(root));
    let missing: Vec<String> = corpus::wanted(&corpus)
        .into_iter()
        .map(|(name, version)| format!("{name}-{version}"))
        .filter(|d| !dir.join(d).join("Cargo.toml").is_file())
        .collect();
    if !missing.is_empty() {
        return Err(vec![format!(
            "the corpus is not fetched ({} missing in {}, first {}); run `cargo xtask scan --corpus`",
            missing.len(),
            dir.display(),
            missing[0]
        )]);
    }
    Ok((corpus, labels, dir))
}

fn run_corpus(root: &Path, dir: Option<PathBuf>, write: bool) -> Result<(), Vec<String>> {
    let (corpus, labels, dir) = fetched(root, dir)?;
    let outcome = corpus::check(&corpus, &labels, &dir);
    let mut problems = outcome.problems.clone();
    print!("{}", corpus::precision_fragment(&outcome));
    for (pair, before, after) in &outcome.pairs {
        println!("pair {pair}: {before} findings before, {after} after");
    }
    let generated = root.join("book/src/generated/scanner");
    let command = "cargo xtask scan --corpus --book";
    emit(
        root,
        &generated.join("precision.md"),
        &corpus::precision_fragment(&outcome),
        write,
        command,
        &mut problems,
    );
    emit(
        root,
        &generated.join("corpus.md"),
        &corpus::corpus_fragment(&corpus, &outcome),
        write,
        command,
        &mut problems,
    );
    emit(
        root,
        &generated.join("pairs.md"),
        &corpus::pairs_fragment(&corpus, &outcome),
        write,
        command,
        &mut problems,
    );
    if problems.is_empty() {
        println!(
            "corpus: every finding labelled, every pair caught ({} lines in {:.2} s)",
            outcome.lines, outcome.seconds
        );
        Ok(())
    } else {
        Err(problems)
    }
}

fn run_bench(root: &Path, dir: Option<PathBuf>, write: bool) -> Result<(), Vec<String>> {
    let (corpus, _, dir) = fetched(root, dir)?;
    let config = async_scan::Config::all_rules();
    // Warm the page cache once, then take the best of five: the figure is the scanner's
    // speed, not the disk's.
    let mut best = f64::INFINITY;
    let mut lines = 0;
    for _ in 0..6 {
        let start = std::time::Instant::now();
        lines = 0;
        for pinned in &corpus.crates {
            let report = async_scan::scan(&dir.join(pinned.dir_name()), &config)
                .map_err(|e| vec![e.to_string()])?;
            lines += report.lines;
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let per_second = lines as f64 / best;
    println!("{lines} lines in {best:.3} s: {per_second:.0} lines/s ({profile} build, one thread)");
    if write {
        let text = format!(
            "<!-- Generated by `cargo xtask scan --corpus --bench`; do not edit. -->\n\n\
             | corpus | lines | best of 5 scans | lines per second | build |\n\
             | --- | ---: | ---: | ---: | --- |\n\
             | {} crates | {lines} | {best:.3} s | {per_second:.0} | {profile}, one thread, every rule on |\n",
            corpus.crates.len()
        );
        let mut problems = Vec::new();
        emit(
            root,
            &root.join("book/src/generated/scanner/speed.md"),
            &text,
            true,
            "",
            &mut problems,
        );
    }
    Ok(())
}
