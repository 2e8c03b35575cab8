//! `limit.md` and `time.md`: what criterion's `download` group says, in words.
//!
//! The time of every variant against `fixed` (the anti-patterns hold the body, but they do not
//! receive or write it any faster), and `fixed` against the floor, a raw socket.

use std::fmt::Write as _;

use evidence::limit::{self, FAR};
use evidence::{Group, Ratio};

/// `limit.md`: `fixed` against the raw socket, per body size, with what the rest is.
pub fn limit_fragment(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion results to compare with the limit ({err:#}).\n"),
    };
    let rows = limit::rows(group);
    if rows.is_empty() {
        return "Criterion measured no `fixed` and `limit` at the same size.\n".to_string();
    }
    let mut out = String::from(
        "`fixed` against `limit` (the same bytes read off a raw TCP socket after a hand-written \
         GET: no HTTP client at all), time per download of the body:\n\n",
    );
    out.push_str(&limit::table(&rows, "MiB"));
    let far: Vec<_> = rows.iter().filter(|r| r.far()).collect();
    let ratios: Vec<String> = rows
        .iter()
        .map(|r| format!("{:.2}× at {} MiB", r.ratio.point, r.load))
        .collect();
    let _ = write!(
        out,
        "\n`fixed` takes {} the floor's time. ",
        ratios.join(", ")
    );
    if rows
        .iter()
        .all(|r| r.ratio.separated && r.ratio.point < 1.0)
    {
        let _ = writeln!(
            out,
            "`fixed` came in under its floor: the floor's one 256 KiB buffer and its `copy_buf` \
             were no faster than hyper's own reads in this run. Read it as `fixed` being at the \
             floor: what reqwest and hyper add per chunk is lost in moving the bytes through \
             the kernel."
        );
    } else if far.is_empty() {
        let _ = writeln!(
            out,
            "That is within the {FAR}× bar: over a whole download, what reqwest and hyper add \
             per chunk is small next to moving the bytes through the kernel."
        );
    } else {
        let _ = writeln!(
            out,
            "That is past the {FAR}× bar, and the rest is the client's own path per chunk: \
             hyper reads the socket into its buffer and splits a `Bytes` off it for every \
             chunk, reqwest hands each one through its body stream, and the loop writes it \
             into the `BufWriter`, a copy each; the floor copies the socket straight into the \
             `BufWriter` through one buffer."
        );
    }
    out
}

/// `time.md`: every variant's time against `fixed`'s, at each size.
pub fn time_fragment(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion results ({err:#}).\n"),
    };
    let mut out = String::new();
    for load in group.loads() {
        let Some(fixed) = group.get("fixed", load) else {
            continue;
        };
        let others: Vec<String> = group
            .variants()
            .into_iter()
            .filter(|v| *v != "fixed" && *v != "limit")
            .filter_map(|v| {
                let r = Ratio::of(&group.get(v, load)?.headline(), &fixed.headline());
                Some(format!("`{v}` {} ({})", r.with_range(), r.separation()))
            })
            .collect();
        let _ = writeln!(
            out,
            "- **{load} MiB**, time against `fixed`: {}.",
            others.join("; ")
        );
    }
    out
}
