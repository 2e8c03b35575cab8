//! `headline.md` and `limit.md`: what criterion measured in the `round-trip` group.

use std::fmt::Write as _;

use evidence::Ratio;
use evidence::criterion::Group;
use evidence::limit::{self, FAR};
use evidence::number::{ratio, time, time_with_interval};

/// The headline: `anti` against `fixed` for one line, with both 95% confidence intervals.
pub fn headline(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings: {err:#}.\n"),
    };
    let at = |variant: &str| group.get(variant, "1").map(|m| m.headline());
    let (Some(anti), Some(fixed)) = (at("anti"), at("fixed")) else {
        return "No `anti` and `fixed` rows for one line.\n".into();
    };
    let r = Ratio::of(&anti, &fixed);
    let mut out = format!(
        "One line from the writer thread to the reader, the reader waiting first: `anti` takes \
         {}, `fixed` {} (means, 95% confidence intervals): the read through the blocking pool \
         takes **{}** as long (intervals {}).",
        time_with_interval(anti.point, anti.lower, anti.upper),
        time_with_interval(fixed.point, fixed.lower, fixed.upper),
        r.with_range(),
        r.separation(),
    );
    for other in ["async-fd", "dedicated-thread"] {
        if let Some(m) = at(other) {
            let _ = write!(out, " `{other}`: {}.", time(m.point));
        }
    }
    out.push('\n');
    out
}

/// `fixed` against the blocking `read(2)` with no runtime.
pub fn limit(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let rows = limit::rows(group);
    let mut out = String::from(
        "`fixed` against `limit` (the same writer thread, the reader blocked in `read(2)` with \
         no runtime), per line:\n\n",
    );
    out.push_str(&limit::table(&rows, "lines"));
    let Some(one) = rows.iter().find(|row| row.load == "1") else {
        out.push_str("\nNo row for one line.\n");
        return out;
    };
    let _ = write!(
        out,
        "\nFor one line `fixed` is {} its floor, {} more: the reactor's share (an `epoll_wait` \
         that returns the FIFO readable, the task woken and polled, the `EWOULDBLOCK` read that \
         finds the FIFO still empty before the writer has written) on top of the write and the wake-up both pay.",
        ratio(one.ratio.point),
        time((one.fixed - one.limit).max(0.0)),
    );
    if one.far() {
        let _ = write!(
            out,
            " That is more than {FAR}× here: the reactor's bookkeeping costs more on this \
             machine than the bare `read(2)` it wraps; this run's intervals say by how much."
        );
    } else {
        let _ = write!(out, " It is within {FAR}× of the floor.");
    }
    out.push('\n');
    out
}
