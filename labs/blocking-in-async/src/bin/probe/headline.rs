//! `headline.md`: the criterion bench's headline, `anti` against `fixed` at the highest load
//! of each group, with how sure the run is of it, and `fixed` against the `limit` row where the
//! group has one (the pause on plain threads: what no handler can beat).

use std::fmt::Write as _;

use evidence::number::{ratio, time};
use evidence::{Probe, Ratio};

/// The bench's groups, and what their time means.
const GROUPS: [(&str, &str); 2] = [
    ("throughput", "time per request"),
    ("lateness", "heartbeat's worst lateness per batch"),
];

/// One line per group; a group that is missing says so instead of failing the probe.
pub fn render(probe: &Probe) -> String {
    let mut out = String::new();
    for (question, what) in GROUPS {
        let group = match probe.group(question) {
            Ok(group) => group,
            Err(err) => {
                let _ = writeln!(
                    out,
                    "- `{question}`: no criterion results to read ({err:#})."
                );
                continue;
            }
        };
        let Some(load) = group.loads().last().map(|l| l.to_string()) else {
            continue;
        };
        let (Some(anti), Some(fixed)) = (group.get("anti", &load), group.get("fixed", &load))
        else {
            let _ = writeln!(
                out,
                "- `{question}`: anti or fixed is missing at load {load}."
            );
            continue;
        };
        let (a, f) = (anti.headline(), fixed.headline());
        let r = Ratio::of(&a, &f);
        let separated = if r.separated {
            "the 95% confidence intervals do not overlap"
        } else {
            "the 95% confidence intervals overlap: this run cannot tell them apart"
        };
        let _ = writeln!(
            out,
            "- **{question}** at {load} concurrent requests: `anti`'s {what} is {r} `fixed`'s \
             ({} against {}; ratio between {} and {} at the ends of the intervals); {separated}.",
            time(a.point),
            time(f.point),
            ratio(r.lower),
            ratio(r.upper),
        );
        if let Some(limit) = group.get("limit", &load) {
            let l = limit.headline();
            let r = Ratio::of(&f, &l);
            let reading = if r.separated {
                // The batch is one pause long either way, so what `fixed` adds is per batch, not
                // per request: the timer's rounding is the one cost of that shape it has.
                "the confidence intervals are separated. Tokio's timer rounds each pause up to \
                 its next millisecond tick, a cost of this size"
            } else {
                "the confidence intervals overlap: this run cannot tell `fixed` from its limit"
            };
            let _ = writeln!(
                out,
                "  Against its limit, the same pauses on plain threads with no runtime, `fixed` \
                 takes {} as long ({} against {}); {reading}.",
                r.with_range(),
                time(f.point),
                time(l.point),
            );
        }
    }
    out
}
