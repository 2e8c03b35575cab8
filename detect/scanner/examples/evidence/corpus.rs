//! The corpus: published crates nobody here wrote, every finding on them labelled.
//!
//! `corpus.toml` pins the crates and the before/after pairs; `fetch` has cargo download each
//! pinned version and copies its sources into the target directory. `check` scans them with
//! every rule on (experimental ones too, so that their figure is measured), and fails when a
//! finding has no label in `labels.toml`, when a label matches no finding (stale), when a
//! rule's default disagrees with its measured precision, or when a pair is not caught.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use async_scan::rules::{PRECISION_BAR, RULES};
use async_scan::{Config, Finding};
use serde::Deserialize;

/// `corpus.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corpus {
    /// The crates precision is measured on.
    #[serde(rename = "crate")]
    pub crates: Vec<Pinned>,
    /// Real bugs: a version that shipped the pattern and the one that fixed it.
    #[serde(rename = "pair")]
    pub pairs: Vec<Pair>,
}

/// One pinned crate.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pinned {
    /// The package name on crates.io.
    pub name: String,
    /// The exact version.
    pub version: String,
    /// What kind of code it is.
    pub kind: String,
}

impl Pinned {
    /// `name-version`, the folder cargo unpacks it into.
    pub fn dir_name(&self) -> String {
        format!("{}-{}", self.name, self.version)
    }
}

/// A before/after pair.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// The rule that must catch the bug.
    pub rule: String,
    /// The package name.
    pub name: String,
    /// The version with the bug.
    pub before: String,
    /// The version with the fix.
    pub after: String,
    /// The files the fix changed: flagged before, clean after.
    pub files: Vec<String>,
    /// Where the fix is described.
    pub fix: String,
}

/// `labels.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// One per finding.
    #[serde(rename = "label", default)]
    pub labels: Vec<Label>,
}

/// A verdict on one finding.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// `name-version` of the corpus crate.
    #[serde(rename = "crate")]
    pub krate: String,
    /// The file, relative to the crate.
    pub file: String,
    /// The finding's line.
    pub line: usize,
    /// The rule.
    pub rule: String,
    /// `tp` or `fp`.
    pub verdict: Verdict,
    /// Why, in one line.
    pub reason: String,
}

/// True or false positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The finding is the pattern the chapter teaches.
    Tp,
    /// It is not (the code is fine, or the rule misread it).
    Fp,
}

/// Reads `corpus.toml` and `labels.toml` from `dir`.
pub fn load(dir: &Path) -> (Corpus, Labels) {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.join(name).display()))
    };
    let corpus = toml::from_str(&read("corpus.toml")).expect("corpus.toml is valid");
    let labels = toml::from_str(&read("labels.toml")).expect("labels.toml is valid");
    (corpus, labels)
}

/// Every `name-version` the corpus needs: the crates and both sides of each pair.
pub fn wanted(corpus: &Corpus) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = corpus
        .crates
        .iter()
        .map(|c| (c.name.clone(), c.version.clone()))
        .collect();
    for pair in &corpus.pairs {
        all.push((pair.name.clone(), pair.before.clone()));
        all.push((pair.name.clone(), pair.after.clone()));
    }
    all
}

/// Downloads every pinned version with cargo and copies its sources into `into`.
///
/// `cargo info <name>@<version>` downloads exactly that package from the registry and
/// unpacks it under `$CARGO_HOME/registry/src/`. We use it rather than a throwaway manifest
/// and `cargo fetch`, which would download each crate's whole dependency graph (for some of
/// these, hundreds of crates) only to read the one package.
pub fn fetch(corpus: &Corpus, into: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(into).map_err(|e| format!("cannot create {}: {e}", into.display()))?;
    let mut dirs = Vec::new();
    for (name, version) in wanted(corpus) {
        let target = into.join(format!("{name}-{version}"));
        if !target.join("Cargo.toml").is_file() {
            let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args(["info", &format!("{name}@{version}")])
                .stdout(std::process::Stdio::null())
                .status()
                .map_err(|e| format!("cannot run cargo: {e}"))?;
            if !status.success() {
                return Err(format!(
                    "cargo could not download {name} {version} from the registry (offline?)"
                ));
            }
            let unpacked = registry_src(&name, &version).ok_or_else(|| {
                format!("cargo downloaded {name} {version}, but its sources are not under $CARGO_HOME/registry/src")
            })?;
            copy_dir(&unpacked, &target)
                .map_err(|e| format!("cannot copy {}: {e}", unpacked.display()))?;
        }
        dirs.push(target);
    }
    Ok(dirs)
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        })
}

fn registry_src(name: &str, version: &str) -> Option<PathBuf> {
    let src = cargo_home().join("registry/src");
    std::fs::read_dir(src)
        .ok()?
        .flatten()
        .map(|index| index.path().join(format!("{name}-{version}")))
        .find(|dir| dir.join("Cargo.toml").is_file())
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), dest)?;
        }
    }
    Ok(())
}

/// Per rule: findings, true positives.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    /// Labelled true.
    pub tp: usize,
    /// Labelled false.
    pub fp: usize,
}

impl Tally {
    /// TP / (TP + FP), when there is any finding.
    pub fn precision(&self) -> Option<f64> {
        let all = self.tp + self.fp;
        (all > 0).then(|| self.tp as f64 / all as f64)
    }
}

/// One corpus crate's scan.
#[derive(Debug)]
pub struct CrateRow {
    /// `name-version`.
    pub name: String,
    /// Files read.
    pub files: usize,
    /// Lines read.
    pub lines: usize,
    /// Findings, every rule on.
    pub findings: usize,
    /// Files that did not parse (reported, skipped).
    pub unparsed: usize,
}

/// What one corpus check found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Per rule id.
    pub tallies: BTreeMap<&'static str, Tally>,
    /// Per crate: what was scanned and found.
    pub crates: Vec<CrateRow>,
    /// Per pair: (pair, flagged before, flagged after).
    pub pairs: Vec<(String, usize, usize)>,
    /// Everything wrong; empty when the check passes.
    pub problems: Vec<String>,
    /// Lines scanned and time taken by the scans of the corpus crates.
    pub lines: usize,
    /// Seconds spent scanning the corpus crates.
    pub seconds: f64,
}

impl Outcome {
    /// All rules together.
    pub fn overall(&self) -> Tally {
        self.tallies.values().fold(Tally::default(), |a, t| Tally {
            tp: a.tp + t.tp,
            fp: a.fp + t.fp,
        })
    }
}

/// Scans the fetched corpus in `dir` and holds it against the labels.
pub fn check(corpus: &Corpus, labels: &Labels, dir: &Path) -> Outcome {
    let mut outcome = Outcome::default();
    for rule in RULES {
        outcome.tallies.insert(rule.id, Tally::default());
    }
    let mut used = vec![false; labels.labels.len()];
    for pinned in &corpus.crates {
        let root = dir.join(pinned.dir_name());
        let start = std::time::Instant::now();
        let report = match async_scan::scan(&root, &Config::all_rules()) {
            Ok(report) => report,
            Err(err) => {
                outcome
                    .problems
                    .push(format!("{}: {err}", pinned.dir_name()));
                continue;
            }
        };
        outcome.seconds += start.elapsed().as_secs_f64();
        outcome.lines += report.lines;
        // A file that does not parse (a template, pre-2018 syntax) is part of the corpus as
        // published: counted and shown, not a failure of the check.
        outcome.crates.push(CrateRow {
            name: pinned.dir_name(),
            files: report.files,
            lines: report.lines,
            findings: report.findings.len(),
            unparsed: report.errors.len(),
        });
        for finding in &report.findings {
            match find_label(labels, &pinned.dir_name(), finding) {
                Some(index) => {
                    used[index] = true;
                    let tally = outcome.tallies.get_mut(finding.rule).expect("known rule");
                    match labels.labels[index].verdict {
                        Verdict::Tp => tally.tp += 1,
                        Verdict::Fp => tally.fp += 1,
                    }
                }
                None => outcome.problems.push(format!(
                    "unlabelled finding: add to labels.toml\n[[label]]\ncrate = \"{}\"\nfile = \"{}\"\nline = {}\nrule = \"{}\"\nverdict = \"tp|fp\"\nreason = \"\"  # {}",
                    pinned.dir_name(),
                    finding.file,
                    finding.line,
                    finding.rule,
                    finding.snippet
                )),
            }
        }
    }
    for (index, label) in labels.labels.iter().enumerate() {
        if !used[index] {
            outcome.problems.push(format!(
                "stale label (no such finding any more): {} {}:{} {}",
                label.krate, label.file, label.line, label.rule
            ));
        }
        if label.reason.trim().is_empty() {
            outcome.problems.push(format!(
                "label without a reason: {} {}:{} {}",
                label.krate, label.file, label.line, label.rule
            ));
        }
    }
    // A rule's default must follow its measured precision.
    for rule in RULES {
        if let Some(precision) = outcome.tallies[rule.id].precision() {
            let above = precision >= PRECISION_BAR;
            if above != rule.default_enabled {
                outcome.problems.push(format!(
                    "rule `{}` measures {:.0}% precision on the corpus but is {} by default; the bar is {:.0}%",
                    rule.id,
                    precision * 100.0,
                    if rule.default_enabled { "on" } else { "off" },
                    PRECISION_BAR * 100.0
                ));
            }
        }
    }
    for pair in &corpus.pairs {
        let flagged = |version: &str| -> Result<Vec<Finding>, String> {
            let root = dir.join(format!("{}-{version}", pair.name));
            let mut config = Config::all_rules();
            for rule in RULES {
                if rule.id != pair.rule {
                    config.disable(rule.id).expect("known rule");
                }
            }
            async_scan::scan(&root, &config)
                .map(|r| r.findings)
                .map_err(|e| e.to_string())
        };
        let name = format!("{} {} → {}", pair.name, pair.before, pair.after);
        match (flagged(&pair.before), flagged(&pair.after)) {
            (Ok(before), Ok(after)) => {
                let in_files = |findings: &[Finding]| {
                    findings
                        .iter()
                        .filter(|f| pair.files.contains(&f.file))
                        .count()
                };
                for file in &pair.files {
                    if !before.iter().any(|f| &f.file == file) {
                        outcome.problems.push(format!(
                            "pair {name}: `{}` does not flag {file} in the buggy version",
                            pair.rule
                        ));
                    }
                    if after.iter().any(|f| &f.file == file) {
                        outcome.problems.push(format!(
                            "pair {name}: `{}` still flags {file} in the fixed version",
                            pair.rule
                        ));
                    }
                }
                outcome
                    .pairs
                    .push((name, in_files(&before), in_files(&after)));
            }
            (Err(e), _) | (_, Err(e)) => outcome.problems.push(format!("pair {name}: {e}")),
        }
    }
    outcome
}

fn find_label(labels: &Labels, krate: &str, finding: &Finding) -> Option<usize> {
    labels.labels.iter().position(|l| {
        l.krate == krate
            && l.file == finding.file
            && l.line == finding.line
            && l.rule == finding.rule
    })
}

fn percent(tally: &Tally) -> String {
    tally
        .precision()
        .map_or("not measured (no finding)".into(), |p| {
            format!("{:.0}%", p * 100.0)
        })
}

/// The chapter's precision table.
pub fn precision_fragment(outcome: &Outcome) -> String {
    let mut out = String::from(
        "<!-- Generated by `cargo xtask scan --corpus --book` from detect/scanner/corpus/; do not edit. -->\n\n| rule | findings | true | false | precision | default |\n| --- | ---: | ---: | ---: | ---: | --- |\n",
    );
    for rule in RULES {
        let tally = outcome.tallies[rule.id];
        out.push_str(&format!(
            "| `{id}` | {} | {} | {} | {} | {} |\n",
            tally.tp + tally.fp,
            tally.tp,
            tally.fp,
            percent(&tally),
            if rule.default_enabled {
                "on"
            } else {
                "off (experimental)"
            },
            id = rule.id,
        ));
    }
    let overall = outcome.overall();
    out.push_str(&format!(
        "| **all rules** | {} | {} | {} | **{}** | |\n",
        overall.tp + overall.fp,
        overall.tp,
        overall.fp,
        percent(&overall)
    ));
    let on = outcome
        .tallies
        .iter()
        .filter(|(id, _)| async_scan::rules::rule(id).is_some_and(|r| r.default_enabled))
        .fold(Tally::default(), |a, (_, t)| Tally {
            tp: a.tp + t.tp,
            fp: a.fp + t.fp,
        });
    out.push_str(&format!(
        "| **rules on by default** | {} | {} | {} | **{}** | |\n",
        on.tp + on.fp,
        on.tp,
        on.fp,
        percent(&on)
    ));
    out
}

/// The chapter's table of corpus crates.
pub fn corpus_fragment(corpus: &Corpus, outcome: &Outcome) -> String {
    let mut out = String::from(
        "<!-- Generated by `cargo xtask scan --corpus --book` from detect/scanner/corpus/; do not edit. -->\n\n| crate | version | what it is | files | lines | findings (all rules) | files that do not parse |\n| --- | --- | --- | ---: | ---: | ---: | ---: |\n",
    );
    for pinned in &corpus.crates {
        if let Some(row) = outcome.crates.iter().find(|c| c.name == pinned.dir_name()) {
            out.push_str(&format!(
                "| [{name}](https://crates.io/crates/{name}/{version}) | {version} | {} | {} | {} | {} | {} |\n",
                pinned.kind,
                row.files,
                row.lines,
                row.findings,
                row.unparsed,
                name = pinned.name,
                version = pinned.version,
            ));
        }
    }
    let sum = |f: fn(&CrateRow) -> usize| outcome.crates.iter().map(f).sum::<usize>();
    out.push_str(&format!(
        "| **{} crates** | | | {} | {} | {} | {} |\n",
        outcome.crates.len(),
        sum(|c| c.files),
        sum(|c| c.lines),
        sum(|c| c.findings),
        sum(|c| c.unparsed),
    ));
    out
}

/// The chapter's table of before/after pairs.
pub fn pairs_fragment(corpus: &Corpus, outcome: &Outcome) -> String {
    let mut out = String::from(
        "<!-- Generated by `cargo xtask scan --corpus --book` from detect/scanner/corpus/; do not edit. -->\n\n| rule | crate | buggy → fixed | findings in the fixed files, before → after | the fix |\n| --- | --- | --- | --- | --- |\n",
    );
    for (pair, (_, before, after)) in corpus.pairs.iter().zip(&outcome.pairs) {
        out.push_str(&format!(
            "| `{}` | [{name}](https://crates.io/crates/{name}) | {} → {} | {before} → {after} | {} |\n",
            pair.rule,
            pair.before,
            pair.after,
            pair.fix,
            name = pair.name,
        ));
    }
    out
}
