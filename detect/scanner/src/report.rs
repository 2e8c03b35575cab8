//! Findings, and the three ways to show them.
//!
//! - **human**: rustc-style diagnostics with the source snippet (annotate-snippets, the crate
//!   rustc and cargo use), so an editor's "jump to `file:line:col`" works on them;
//! - **json**: one object with every finding, error and suppression, for scripts;
//! - **sarif**: SARIF 2.1.0, which GitHub code scanning and most CI dashboards import.

use std::collections::BTreeMap;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use serde_json::json;

use crate::analyze::RawFinding;
use crate::rules::{self, RULES};

/// One finding: a rule, a place, a message.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id (also the catalogue id of its lab).
    pub rule: &'static str,
    /// The file, relative to the scanned root.
    pub file: String,
    /// First line (1-based).
    pub line: usize,
    /// First column (1-based, in characters).
    pub column: usize,
    /// Last line.
    pub end_line: usize,
    /// Column just past the end (1-based, in characters).
    pub end_column: usize,
    /// What is wrong here.
    pub message: String,
    /// What to do instead.
    pub help: &'static str,
    /// The chapter that explains the pattern.
    pub chapter: String,
    /// The source line the finding starts on, trimmed.
    pub snippet: String,
    /// The whole file, shared by its findings, for the snippet renderer.
    #[serde(skip)]
    source: Arc<str>,
}

impl Finding {
    pub(crate) fn new(raw: RawFinding, file: &str, source: &Arc<str>) -> Self {
        let rule = rules::rule(raw.rule).expect("every finding names a rule of the table");
        let snippet = source
            .lines()
            .nth(raw.start.line.saturating_sub(1))
            .unwrap_or_default()
            .trim()
            .to_string();
        Finding {
            rule: rule.id,
            file: file.to_string(),
            line: raw.start.line,
            column: raw.start.column + 1,
            end_line: raw.end.line,
            end_column: raw.end.column + 1,
            message: raw.message,
            help: rule.help,
            chapter: rule.chapter(),
            snippet,
            source: Arc::clone(source),
        }
    }

    /// A key that names this finding across runs: `file:line:rule`.
    pub fn key(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.rule)
    }

    /// Byte range of the finding in its file, for the snippet renderer.
    fn byte_range(&self) -> std::ops::Range<usize> {
        let start = byte_offset(&self.source, self.line, self.column);
        let end = byte_offset(&self.source, self.end_line, self.end_column).max(start);
        // One line is enough to point at: a multi-line expression is underlined to the end of
        // its first line.
        let line_end = self.source[start..]
            .find('\n')
            .map_or(self.source.len(), |n| start + n);
        start..end.min(line_end).max(start + 1).min(self.source.len())
    }
}

/// The byte offset of a 1-based (line, character column).
fn byte_offset(source: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (index, text) in source.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            return offset
                + text
                    .char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(text.len(), |(i, _)| i);
        }
        offset += text.len();
    }
    source.len()
}

/// A file that could not be scanned, or a comment the scanner could not use.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ScanError {
    /// The file, relative to the scanned root.
    pub file: String,
    /// Where, when known.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

/// Everything one scan found.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Findings that are not silenced.
    pub findings: Vec<Finding>,
    /// Findings silenced by an allow comment, with its reason.
    pub suppressed: Vec<(Finding, String)>,
    /// Files that could not be read or parsed, and malformed allow comments.
    pub errors: Vec<ScanError>,
    /// Files read.
    pub files: usize,
    /// Lines read.
    pub lines: usize,
}

impl Report {
    pub(crate) fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    }

    /// Findings per rule id.
    pub fn counts(&self) -> BTreeMap<&'static str, usize> {
        let mut counts = BTreeMap::new();
        for finding in &self.findings {
            *counts.entry(finding.rule).or_insert(0) += 1;
        }
        counts
    }

    /// rustc-style diagnostics; `color` for a terminal.
    pub fn human(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for finding in &self.findings {
            let title = Level::WARNING
                .primary_title(finding.message.as_str())
                .id(finding.rule);
            let group = title.element(
                Snippet::source(&*finding.source)
                    .path(finding.file.as_str())
                    .fold(true)
                    .annotation(AnnotationKind::Primary.span(finding.byte_range())),
            );
            let report = [
                group,
                Group::with_title(Level::HELP.secondary_title(finding.help)),
                Group::with_title(Level::NOTE.secondary_title(format!("see {}", finding.chapter))),
            ];
            out.push_str(&renderer.render(&report));
            out.push_str("\n\n");
        }
        for error in &self.errors {
            match error.line {
                Some(line) => out.push_str(&format!(
                    "error: {}:{line}: {}\n",
                    error.file, error.message
                )),
                None => out.push_str(&format!("error: {}: {}\n", error.file, error.message)),
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// One line: what was scanned and found.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "async-scan: {} finding{} in {} file{} ({} lines)",
            self.findings.len(),
            if self.findings.len() == 1 { "" } else { "s" },
            self.files,
            if self.files == 1 { "" } else { "s" },
            self.lines,
        );
        if !self.suppressed.is_empty() {
            line.push_str(&format!(", {} allowed in the code", self.suppressed.len()));
        }
        if !self.errors.is_empty() {
            line.push_str(&format!(
                ", {} error{}",
                self.errors.len(),
                if self.errors.len() == 1 { "" } else { "s" }
            ));
        }
        line
    }

    /// The report as JSON.
    pub fn json(&self) -> serde_json::Value {
        json!({
            "tool": "async-scan",
            "version": env!("CARGO_PKG_VERSION"),
            "files": self.files,
            "lines": self.lines,
            "findings": self.findings,
            "suppressed": self.suppressed.iter().map(|(finding, reason)| {
                json!({ "finding": finding, "reason": reason })
            }).collect::<Vec<_>>(),
            "errors": self.errors,
        })
    }

    /// The report as a SARIF 2.1.0 log with one run.
    pub fn sarif(&self) -> serde_json::Value {
        let index = |id: &str| RULES.iter().position(|r| r.id == id);
        let rules: Vec<_> = RULES
            .iter()
            .map(|rule| {
                json!({
                    "id": rule.id,
                    "name": rule.id,
                    "shortDescription": { "text": rule.summary },
                    "fullDescription": { "text": format!("{} See {}.", rule.summary, rule.chapter()) },
                    "help": { "text": rule.help },
                    "defaultConfiguration": {
                        "enabled": rule.default_enabled,
                        "level": "warning",
                    },
                    "properties": { "experimental": rule.experimental() },
                })
            })
            .collect();
        let results: Vec<_> = self
            .findings
            .iter()
            .map(|finding| {
                json!({
                    "ruleId": finding.rule,
                    "ruleIndex": index(finding.rule),
                    "level": "warning",
                    "message": { "text": finding.message },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": { "uri": finding.file, "uriBaseId": "%SRCROOT%" },
                            "region": {
                                "startLine": finding.line,
                                "startColumn": finding.column,
                                "endLine": finding.end_line,
                                "endColumn": finding.end_column,
                            },
                        },
                    }],
                    "partialFingerprints": { "asyncScanKey/v1": finding.key() },
                })
            })
            .collect();
        let notifications: Vec<_> = self
            .errors
            .iter()
            .map(|error| {
                let mut location = json!({
                    "physicalLocation": { "artifactLocation": { "uri": error.file, "uriBaseId": "%SRCROOT%" } }
                });
                if let Some(line) = error.line {
                    location["physicalLocation"]["region"] = json!({ "startLine": line });
                }
                json!({
                    "level": "error",
                    "message": { "text": error.message },
                    "locations": [location],
                })
            })
            .collect();
        json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "async-scan",
                        "version": env!("CARGO_PKG_VERSION"),
                        "rules": rules,
                    }
                },
                "invocations": [{
                    "executionSuccessful": true,
                    "toolExecutionNotifications": notifications,
                }],
                "results": results,
            }]
        })
    }
}
