//! The self-check: the scanner against the labs, the way `#[expect]` proves a clippy lint.
//!
//! Every lab's anti-pattern carries `// scan: expect(<rule>)` on the line above the code the
//! scanner must flag. The check scans each lab with every rule on and demands:
//!
//! - each marker is met by a finding of its rule on the next line of code;
//! - an anti-pattern file (`anti.rs`, `anti/*.rs`) has no finding that is not marked, so the
//!   markers are the whole truth about it;
//! - a fix (`fixed.rs`, `fixed/*.rs`) has no finding at all;
//! - the rules the lab's catalogue entry names (`scanner = [..]`) are exactly the rules of its
//!   markers, so the entry, the code and the chapter say the same thing.
//!
//! It iterates over whatever is in `labs/`, so a new lab is checked as soon as it exists.
//! It also renders what the chapter shows: the scanner's output on the lab's anti code.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use async_scan::{Config, Finding, suppress};

/// The comment that marks an expected finding.
pub const MARKER: &str = "scan: expect(";

/// One lab's result.
#[derive(Debug)]
pub struct LabCheck {
    /// The lab's id.
    pub id: String,
    /// Rules named by its markers.
    pub rules: BTreeSet<String>,
    /// Markers, and how many a finding met.
    pub markers: usize,
    /// Markers met.
    pub met: usize,
    /// Findings in its anti files (marked or not).
    pub anti_findings: Vec<Finding>,
    /// What is wrong, one line each; empty when the lab passes.
    pub problems: Vec<String>,
}

/// A marker: the file, the line of code it points at, the rule.
#[derive(Debug)]
struct Marker {
    file: String,
    marker_line: usize,
    target_line: usize,
    rule: String,
}

fn markers(root: &Path, file: &str) -> Vec<Marker> {
    let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(at) = line.find("//") else { continue };
        let comment = &line[at..];
        let Some(start) = comment.find(MARKER) else {
            continue;
        };
        let rest = &comment[start + MARKER.len()..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        found.push(Marker {
            file: file.to_string(),
            marker_line: index + 1,
            target_line: suppress::next_code_line(&lines, index + 1) + 1,
            rule: rest[..close].trim().to_string(),
        });
    }
    found
}

/// Whether a file (relative to the lab) holds an anti-pattern variant.
pub fn is_anti(file: &str) -> bool {
    file == "src/anti.rs" || file.starts_with("src/anti/")
}

/// Whether a file holds the reference fix.
pub fn is_fixed(file: &str) -> bool {
    file == "src/fixed.rs" || file.starts_with("src/fixed/")
}

/// Checks one lab; `expected` is the `scanner` list of its catalogue entry.
pub fn check_lab(lab_dir: &Path, id: &str, expected: &[String]) -> LabCheck {
    let report = async_scan::scan(lab_dir, &Config::all_rules())
        .unwrap_or_else(|e| panic!("cannot scan {}: {e}", lab_dir.display()));
    let mut problems = Vec::new();
    for error in &report.errors {
        problems.push(format!("{id}: {}: {}", error.file, error.message));
    }
    let files = async_scan::walk::rust_files(lab_dir, &Config::all_rules())
        .expect("the lab was just scanned");
    let all_markers: Vec<Marker> = files
        .iter()
        .flat_map(|f| markers(lab_dir, &f.shown))
        .collect();
    let mut met = 0;
    for marker in &all_markers {
        let hit = report.findings.iter().any(|f| {
            f.file == marker.file && f.line == marker.target_line && f.rule == marker.rule
        });
        if async_scan::rules::rule(&marker.rule).is_none() {
            problems.push(format!(
                "{id}: {}:{} names an unknown rule `{}`",
                marker.file, marker.marker_line, marker.rule
            ));
        } else if hit {
            met += 1;
        } else {
            problems.push(format!(
                "{id}: {}:{} expects `{}` on line {}, and the scanner does not flag it",
                marker.file, marker.marker_line, marker.rule, marker.target_line
            ));
        }
    }
    for finding in &report.findings {
        let marked = all_markers.iter().any(|m| {
            m.file == finding.file && m.target_line == finding.line && m.rule == finding.rule
        });
        if is_fixed(&finding.file) {
            problems.push(format!(
                "{id}: the fix is flagged: {}:{} [{}] {}",
                finding.file, finding.line, finding.rule, finding.message
            ));
        } else if is_anti(&finding.file) && !marked {
            problems.push(format!(
                "{id}: unmarked finding in anti-pattern code (add `// scan: expect({})` above it if it is meant): {}:{} {}",
                finding.rule, finding.file, finding.line, finding.message
            ));
        }
    }
    let rules: BTreeSet<String> = all_markers.iter().map(|m| m.rule.clone()).collect();
    let named: BTreeSet<String> = expected.iter().cloned().collect();
    if rules != named {
        problems.push(format!(
            "{id}: anti-patterns/{id}.toml names scanner rules {named:?}, the markers in its code {rules:?}"
        ));
    }
    let anti_findings = report
        .findings
        .iter()
        .filter(|f| is_anti(&f.file))
        .cloned()
        .collect();
    LabCheck {
        id: id.to_string(),
        rules,
        markers: all_markers.len(),
        met,
        anti_findings,
        problems,
    }
}

/// Checks every lab of the catalogue.
pub fn check_all(root: &Path) -> Vec<LabCheck> {
    let catalogue = catalogue::Catalogue::load(root).expect("the catalogue loads");
    catalogue
        .entries()
        .iter()
        .map(|entry| {
            check_lab(
                &root.join(entry.lab_dir()),
                &entry.id,
                &entry.detect_scanner(),
            )
        })
        .collect()
}

/// The scanner's output on the lab's anti code, for its chapter.
pub fn chapter_fragment(check: &LabCheck) -> String {
    let mut out = String::from(
        "<!-- Generated by `cargo xtask scan --book` from the lab's anti code; do not edit. -->\n\n",
    );
    if check.anti_findings.is_empty() {
        out.push_str(&format!(
            "`cargo async-scan labs/{} --all-rules` finds nothing in this lab's anti-pattern code: no rule of the scanner covers it.\n",
            check.id
        ));
        return out;
    }
    let report = async_scan::Report {
        findings: check.anti_findings.clone(),
        ..async_scan::Report::default()
    };
    let rendered = report.human(false);
    // The summary line counts the files of the fragment's report, which holds no files.
    let body: Vec<&str> = rendered
        .lines()
        .filter(|l| !l.starts_with("async-scan:"))
        .collect();
    out.push_str(&format!(
        "`cargo async-scan labs/{} --all-rules`, its findings in the lab's anti-pattern code ({} of {} `scan: expect` markers met):\n\n```text\n{}\n```\n",
        check.id,
        check.met,
        check.markers,
        body.join("\n").trim_end()
    ));
    out
}

/// Where a lab's chapter fragment lives.
pub fn fragment_path(root: &Path, id: &str) -> PathBuf {
    root.join("book/src/generated").join(id).join("scan.md")
}

/// The self-check table for the scanner chapter.
pub fn summary_fragment(checks: &[LabCheck]) -> String {
    let mut out = String::from(
        "<!-- Generated by `cargo xtask scan --book`; do not edit. -->\n\n| lab | scanner rules | markers met | fix flagged |\n| --- | --- | --- | --- |\n",
    );
    for check in checks {
        let rules = if check.rules.is_empty() {
            "none".to_string()
        } else {
            check
                .rules
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let fixed_flagged = check
            .problems
            .iter()
            .filter(|p| p.contains("the fix is flagged"))
            .count();
        out.push_str(&format!(
            "| [{id}](labs/{id}.md) | {rules} | {} of {} | {} |\n",
            check.met,
            check.markers,
            if fixed_flagged == 0 {
                "no".to_string()
            } else {
                format!("{fixed_flagged} findings")
            },
            id = check.id,
        ));
    }
    out
}

/// Helper trait so the check reads the catalogue's optional scanner list by one name.
pub trait ScannerRules {
    /// The entry's `scanner` list (empty when absent).
    fn detect_scanner(&self) -> Vec<String>;
}

impl ScannerRules for catalogue::Entry {
    fn detect_scanner(&self) -> Vec<String> {
        self.scanner.clone()
    }
}
