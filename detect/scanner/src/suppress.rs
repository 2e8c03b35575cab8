//! Silencing one finding in the code: `// async-scan: allow(<rule>) <reason>`.
//!
//! The comment goes on the line of the finding or on the line above it (comment lines and
//! attributes in between are skipped), the way a reviewer would write it. The reason is
//! required: an allow without one silences nothing and is itself reported, because "why is
//! this fine?" is the whole value of the comment. Several rules may be named at once:
//! `allow(blocking-in-async, runtime-per-call)`.

use std::collections::HashMap;

/// The marker that starts an allow comment.
pub const MARKER: &str = "async-scan: allow(";

/// The allow comments of one file.
#[derive(Debug, Default)]
pub struct Allows {
    /// Line (1-based) the comment applies to → (rule, reason).
    by_line: HashMap<usize, Vec<(String, String)>>,
    /// Comments that could not be used: (line, why).
    pub malformed: Vec<(usize, String)>,
}

impl Allows {
    /// Reads every allow comment of `source`.
    pub fn of(source: &str) -> Self {
        let lines: Vec<&str> = source.lines().collect();
        let mut allows = Allows::default();
        for (index, line) in lines.iter().enumerate() {
            let Some(comment_at) = line.find("//") else {
                continue;
            };
            let comment = &line[comment_at..];
            let Some(start) = comment.find(MARKER) else {
                continue;
            };
            let rest = &comment[start + MARKER.len()..];
            let Some(close) = rest.find(')') else {
                allows
                    .malformed
                    .push((index + 1, "allow comment without a closing `)`".into()));
                continue;
            };
            let rules: Vec<String> = rest[..close]
                .split(',')
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect();
            let reason = rest[close + 1..].trim().to_string();
            if let Some(unknown) = rules.iter().find(|r| crate::rules::rule(r).is_none()) {
                allows.malformed.push((
                    index + 1,
                    format!(
                        "allow comment names an unknown rule `{unknown}` (rules: {})",
                        crate::rules::ids().join(", ")
                    ),
                ));
                continue;
            }
            if reason.is_empty() {
                allows.malformed.push((
                    index + 1,
                    "allow comment without a reason: it silences nothing until it says why the code is fine".into(),
                ));
                continue;
            }
            // A comment alone on its line covers the next line of code; a trailing comment
            // covers its own line.
            let code_before = !line[..comment_at].trim().is_empty();
            let target = if code_before {
                index
            } else {
                next_code_line(&lines, index + 1)
            };
            let entry = allows.by_line.entry(target + 1).or_default();
            for rule in rules {
                entry.push((rule, reason.clone()));
            }
        }
        allows
    }

    /// The reason given for silencing `rule` at `line`, if any.
    pub fn reason(&self, rule: &str, line: usize) -> Option<String> {
        self.by_line
            .get(&line)?
            .iter()
            .find(|(r, _)| r == rule)
            .map(|(_, reason)| reason.clone())
    }
}

/// The first line at or after `from` that is neither blank, a comment nor an attribute.
pub fn next_code_line(lines: &[&str], from: usize) -> usize {
    let mut index = from;
    while let Some(line) = lines.get(index) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with("//") || trimmed.starts_with("#[") {
            index += 1;
        } else {
            break;
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_allow_with_a_reason_covers_the_next_code_line() {
        let source = "fn f() {\n    // async-scan: allow(blocking-in-async) start-up only\n    // more words\n    std::fs::read(\"x\");\n}\n";
        let allows = Allows::of(source);
        assert_eq!(
            allows.reason("blocking-in-async", 4).as_deref(),
            Some("start-up only")
        );
        assert!(allows.reason("blocking-in-async", 2).is_none());
    }

    #[test]
    fn an_allow_without_a_reason_silences_nothing_and_is_reported() {
        let allows = Allows::of("x(); // async-scan: allow(blocking-in-async)\n");
        assert!(allows.reason("blocking-in-async", 1).is_none());
        assert_eq!(allows.malformed.len(), 1);
    }
}
