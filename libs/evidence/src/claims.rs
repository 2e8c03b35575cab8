//! The claims table: what popular guides say about a pattern, and what this run measured.
//!
//! Each lab's catalogue entry lists the claims (`[[claims]]`); its probe judges each one from
//! its own measurements. The table is drawn here, once, so every chapter's table reads alike
//! and none can skip a claim: a claim the probe has no judgement for gets a row that says
//! `not measured`, which the completeness test in `tests/catalogue.rs` refuses.

use catalogue::Entry;

/// One claim's judgement: what was measured, and the verdict drawn from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// What the experiment found, in a sentence or two, with its numbers.
    pub measured: String,
    /// The verdict itself, set in bold: `True`, `False`, `Misleading.`, ...
    pub verdict: String,
    /// Why, after the verdict, in plain text (empty when the verdict says it all).
    pub reason: String,
}

impl Verdict {
    /// A verdict drawn from a measurement.
    pub fn new(measured: impl Into<String>, verdict: impl Into<String>) -> Verdict {
        Verdict {
            measured: measured.into(),
            verdict: verdict.into(),
            reason: String::new(),
        }
    }

    /// A verdict with its reason: the verdict in bold, the reason after it in plain text.
    pub fn explained(
        measured: impl Into<String>,
        verdict: impl Into<String>,
        reason: impl Into<String>,
    ) -> Verdict {
        Verdict {
            reason: reason.into(),
            ..Verdict::new(measured, verdict)
        }
    }

    /// The measurement could not be made; `why` says what was missing.
    pub fn not_measured(why: impl Into<String>) -> Verdict {
        Verdict::new(why, NOT_MEASURED)
    }
}

/// What the verdict column says when there is no measurement; the completeness test looks for it.
pub const NOT_MEASURED: &str = "not measured";

/// The markdown table, one row per claim of `entry`, in the catalogue's order.
///
/// `judge` is asked for each claim by its id; `None` means the probe does not know the claim.
pub fn table(entry: &Entry, mut judge: impl FnMut(&str) -> Option<Verdict>) -> String {
    let mut table = String::from("| claim | what we measured | verdict |\n| --- | --- | --- |\n");
    for claim in &entry.claims {
        let verdict = judge(&claim.id).unwrap_or_else(|| {
            Verdict::not_measured(format!("the probe has no experiment for `{}`", claim.id))
        });
        let reason = if verdict.reason.is_empty() {
            String::new()
        } else {
            format!(" {}", cell(&verdict.reason))
        };
        table.push_str(&format!(
            "| {} | {} | **{}**{reason} |\n",
            cell(&claim.claim),
            cell(&verdict.measured),
            cell(&verdict.verdict)
        ));
    }
    table
}

/// Text made safe for one table cell: no line breaks, no bare `|`.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        toml::from_str(
            r#"
            id = "demo-lab"
            order = 1
            title = "A demo"
            problem = "p"
            detect = ["d"]
            [exercise]
            file = "src/demo.rs"
            [[claims]]
            id = "known"
            claim = "A claim | with a bar."
            [[claims]]
            id = "unknown"
            claim = "A claim nobody measured."
            "#,
        )
        .expect("a valid entry")
    }

    #[test]
    fn every_claim_gets_a_row_and_unknown_ones_say_not_measured() {
        let table = table(&entry(), |id| {
            (id == "known").then(|| Verdict::new("measured\nacross lines", "False"))
        });
        let rows: Vec<&str> = table.lines().skip(2).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0],
            "| A claim \\| with a bar. | measured across lines | **False** |"
        );
        assert!(rows[1].contains(NOT_MEASURED) && rows[1].contains("`unknown`"));
        let explained = super::table(&entry(), |_| {
            Some(Verdict::explained("m", "Misleading.", "It is a ceiling."))
        });
        assert!(
            explained.contains("| **Misleading.** It is a ceiling. |"),
            "{explained}"
        );
    }
}
