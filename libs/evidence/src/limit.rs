//! `fixed` against `limit`: how close the fix comes to what the machine allows.
//!
//! A lab's bench may have a `limit` row beside `fixed` in a group: the bare primitive the fix
//! cannot beat (a thread wake-up, a channel hop, the round trip with no lock). [`rows`] pairs
//! the two at every load where both were measured, and [`table`] writes them the same way in
//! every chapter. What the remaining cost *is* belongs to the lab, so each probe words its own
//! reading from the rows; [`FAR`] is the line past which it must.

use crate::compare::Ratio;
use crate::criterion::Group;
use crate::number::time;

/// Above this ratio, a fix is far enough from its limit that the chapter must say what the
/// remaining cost is (`../shared/LAB-CONTRACT.md`).
pub const FAR: f64 = 1.5;

/// `fixed` and `limit` at one load.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The load, as criterion names it.
    pub load: String,
    /// `fixed`'s mean, in ns (per operation when the group counts operations).
    pub fixed: f64,
    /// `limit`'s mean, in ns, in the same terms.
    pub limit: f64,
    /// `fixed` against `limit`, with its range and whether the intervals separate.
    pub ratio: Ratio,
}

impl Row {
    /// Whether this load is measurably more than [`FAR`] from the limit.
    pub fn far(&self) -> bool {
        self.ratio.separated && self.ratio.point > FAR
    }
}

/// Every load of `group` where both `fixed` and `limit` were measured, in load order.
pub fn rows(group: &Group) -> Vec<Row> {
    group
        .loads()
        .into_iter()
        .filter_map(|load| {
            let fixed = group.get("fixed", load)?.headline();
            let limit = group.get("limit", load)?.headline();
            Some(Row {
                load: load.to_string(),
                fixed: fixed.point,
                limit: limit.point,
                ratio: Ratio::of(&fixed, &limit),
            })
        })
        .collect()
}

/// The markdown table of `rows`, its first column headed `load_name`.
pub fn table(rows: &[Row], load_name: &str) -> String {
    let mut out = format!(
        "| {load_name} | `fixed` | `limit` | ratio (range) | CIs |\n| ---: | ---: | ---: | ---: | --- |\n"
    );
    for row in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            row.load,
            time(row.fixed),
            time(row.limit),
            row.ratio.with_range(),
            row.ratio.separation()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criterion::{Estimate, Measurement};

    fn measured(variant: &str, load: &str, ns: f64) -> Measurement {
        let estimate = Estimate {
            point: ns,
            lower: ns * 0.95,
            upper: ns * 1.05,
            confidence_level: 0.95,
        };
        Measurement {
            group: "lab/q".into(),
            variant: variant.into(),
            load: load.into(),
            elements: None,
            mean: estimate,
            median: estimate,
            measured_at: std::time::SystemTime::UNIX_EPOCH,
            dir: Default::default(),
        }
    }

    #[test]
    fn rows_pair_fixed_and_limit_where_both_were_measured() {
        let group = Group {
            id: "lab/q".into(),
            measurements: vec![
                measured("fixed", "1", 300.0),
                measured("limit", "1", 100.0),
                measured("fixed", "4", 110.0),
                measured("limit", "4", 100.0),
                measured("fixed", "8", 100.0),
            ],
        };
        let rows = rows(&group);
        assert_eq!(
            rows.iter().map(|r| r.load.as_str()).collect::<Vec<_>>(),
            ["1", "4"]
        );
        assert!(rows[0].far() && !rows[1].far());
        let table = table(&rows, "tasks");
        assert!(
            table.starts_with("| tasks | `fixed` | `limit` |"),
            "{table}"
        );
        assert!(
            table.contains("| 1 | 300\u{a0}ns | 100\u{a0}ns | 3.00× (2.71–3.32×) | separate |"),
            "{table}"
        );
    }
}
