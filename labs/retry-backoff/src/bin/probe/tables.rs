//! The chapter's tables, each computed here: the waits, the rules broken, the overflows, the
//! herd, and the bench's headline and floor.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

use evidence::Ratio;
use evidence::Variants;
use evidence::criterion::Group;
use evidence::number::{ratio, time_with_interval};
use retry_backoff::herd::{self, Herd};
use retry_backoff::properties::{self, GRID_SEEDS, check_loop, check_policy, grid};
use retry_backoff::{Config, Jitter, Script, StatusCode, Variant};

/// The seed of the tables' jitter.
pub const SEED: u64 = 1;

/// A wait as the tables write it: `150 ms`, `1.6 s`, `2 h 5 min`.
pub fn wait(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 1.0 {
        format!("{:.0} ms", s * 1_000.0)
    } else if s < 100.0 {
        let t = format!("{s:.1}");
        format!("{} s", t.trim_end_matches(".0"))
    } else if s < 7_200.0 {
        format!("{:.0} min", s / 60.0)
    } else if s < 172_800.0 {
        format!("{:.1} h", s / 3_600.0)
    } else if s < 86_400.0 * 100_000.0 {
        format!("{:.0} days", s / 86_400.0)
    } else {
        // An overflow's wrapped wait: only its order of magnitude matters, and it must not
        // widen the table.
        format!("{:.1e} days", s / 86_400.0)
    }
}

/// `delays.md`.
pub fn delays() -> String {
    let config = Config::USUAL;
    let mut out = format!(
        "[`Config::USUAL`]: a base of {}, a cap of {}, {} retries, no deadline; jitter from seed \
         {SEED}. The first ten waits (the first retry's first), and what one call against a \
         server that always answers 503 did: its requests and the time until it gave up \
         (virtual time: the sum of its waits, each rounded up to Tokio's 1 ms timer tick).\n\n",
        wait(config.base),
        wait(config.cap),
        config.max_retries
    );
    out.push_str("| variant | the first ten waits | requests | gave up after |\n");
    out.push_str("| --- | --- | ---: | ---: |\n");
    for &v in Variant::all() {
        let waits = v.policy().schedule(&config, Jitter::seeded(SEED), 10);
        let waits: Vec<String> = waits.iter().map(|&d| wait(d)).collect();
        let run = properties::run(
            v,
            &config,
            SEED,
            Script::always(StatusCode::SERVICE_UNAVAILABLE),
        );
        let gave_up = match run.status {
            Some(_) => wait(run.took),
            None => "panicked".to_string(),
        };
        let _ = writeln!(
            out,
            "| `{v}` | {} | {} | {gave_up} |",
            waits.join(", "),
            run.attempts
        );
    }
    out.push_str(
        "\n`off-by-one`, `unreachable` and `never-retried` run the reference policy: their waits \
         are `fixed`'s, and only their loops differ.\n",
    );
    out
}

/// `faults.md`: what the rules find on the grid, with the first witness of each.
pub fn faults() -> String {
    let configs = grid();
    let mut out = format!(
        "Each variant checked by the contract's rules (`properties.rs`) on {} configurations \
         ({}) and {} pairs of jitter seeds, at every retry from 0 to {} and at {} far ones up to \
         `u32::MAX`; the loop on the in-memory server. This build: {}. A rule broken shows the \
         first case found.\n\n",
        configs.len(),
        configs
            .iter()
            .map(|c| format!("{} to {}", wait(c.base), wait(c.cap)))
            .collect::<Vec<_>>()
            .join("; "),
        GRID_SEEDS.len(),
        properties::RETRIES,
        properties::FAR.len(),
        if cfg!(debug_assertions) {
            "debug (overflow panics)"
        } else {
            "release (overflow wraps)"
        }
    );
    out.push_str("| variant | rules broken |\n| --- | --- |\n");
    for &v in Variant::all() {
        let mut broken: Vec<String> = Vec::new();
        let mut lockstep = true;
        'search: for config in &configs {
            for &seeds in &GRID_SEEDS {
                let p = check_policy(v.policy(), config, seeds);
                lockstep &= p.lockstep;
                for (name, witness) in [
                    ("over the cap", &p.over_cap),
                    ("not doubling", &p.not_doubling),
                    ("decreases", &p.decreases),
                    ("panics", &p.panics),
                ] {
                    if let Some(w) = witness
                        && !broken.iter().any(|b| b.starts_with(name))
                    {
                        broken.push(format!(
                            "{name} ({} to {}: {w})",
                            wait(config.base),
                            wait(config.cap)
                        ));
                    }
                }
                if broken.len() > 6 {
                    break 'search;
                }
            }
        }
        let l = check_loop(v, &Config::USUAL, SEED);
        for (name, witness) in [
            ("wrong count", &l.wrong_count),
            ("429 not retried", &l.misses_429),
            ("loop panics", &l.panics),
            ("ignores the deadline", &l.ignores_deadline),
        ] {
            if let Some(w) = witness {
                broken.push(format!("{name} ({w})"));
            }
        }
        if lockstep {
            broken.push("lockstep (no jitter: every seed, the same waits)".into());
        }
        let text = if broken.is_empty() {
            "none".to_string()
        } else {
            broken.join("; ")
        };
        let _ = writeln!(out, "| `{v}` | {text} |");
    }
    out
}

/// `overflow.md`: the two overflowing policies where they overflow, in this build.
pub fn overflow() -> String {
    let config = Config::USUAL;
    let build = if cfg!(debug_assertions) {
        "a debug build"
    } else {
        "a release build"
    };
    let mut out = format!(
        "The wait before retry *n* of the two policies that overflow, in {build} (the probe's); \
         `fixed` beside them. A panic is shown as such.\n\n"
    );
    let retries = [0_u32, 31, 32, 33, 57, 58, 63, 64, 100];
    out.push_str("| variant |");
    for r in retries {
        let _ = write!(out, " retry {r} |");
    }
    out.push_str("\n| --- |");
    for _ in retries {
        out.push_str(" ---: |");
    }
    out.push('\n');
    for v in [Variant::Anti, Variant::U32Pow, Variant::Fixed] {
        let _ = write!(out, "| `{v}` |");
        for r in retries {
            let at = catch_unwind(AssertUnwindSafe(|| v.policy().ceiling(&config, r)));
            let cell = at.map_or_else(|_| "panics".to_string(), wait);
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    out
}

/// `herd.md`.
pub fn herd() -> String {
    let h = Herd::USUAL;
    let mut out = format!(
        "{} clients call at once while the server is down ({} of 503s), then it answers {} \
         requests per 100 ms with 200 and the rest with 429; each client retries with \
         [`Config::USUAL`] and its own seed. Paused clock, exact.\n\n",
        h.clients,
        wait(h.outage),
        h.per_window
    );
    out.push_str(
        "| variant | peak requests per 100 ms once it is back | requests | served | last served |\n",
    );
    out.push_str("| --- | ---: | ---: | ---: | ---: |\n");
    for &v in Variant::all() {
        let s = herd::paused_runtime().block_on(herd::run(v, h));
        let last = if s.served == 0 {
            "—".to_string()
        } else {
            wait(s.last_served)
        };
        let _ = writeln!(
            out,
            "| `{v}` | {} | {} | {} of {} | {last} |",
            s.peak, s.requests, s.served, h.clients
        );
    }
    out
}

/// `headline.md`.
pub fn headline(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings: {err:#}.\n"),
    };
    let Some(load) = group.loads().first().map(|l| l.to_string()) else {
        return "The `first-try` group has no load.\n".into();
    };
    let per = |v: &str| group.get(v, &load).map(|m| m.headline());
    let (Some(anti), Some(fixed), Some(limit)) = (per("anti"), per("fixed"), per("limit")) else {
        return format!("No `anti`, `fixed` and `limit` at {load} calls.\n");
    };
    let r = Ratio::of(&anti, &fixed);
    let l = Ratio::of(&fixed, &limit);
    format!(
        "Per call that succeeds at once, {load} calls per iteration: `anti` {}, `fixed` {}, \
         the bare round trip {} (means, 95% confidence intervals). `anti` against `fixed`: {} \
         ({}); `fixed` against the round trip: {} ({}). On a first try no policy computes \
         anything, so the loop costs a branch or two against a loopback round trip of tens of \
         microseconds: the difference between the variants is in what they wait, which the \
         tables above give exactly.\n",
        time_with_interval(anti.point, anti.lower, anti.upper),
        time_with_interval(fixed.point, fixed.lower, fixed.upper),
        time_with_interval(limit.point, limit.lower, limit.upper),
        r.with_range(),
        r.separation(),
        l.with_range(),
        l.separation(),
    )
}

/// `limit.md`.
pub fn limit(group: &anyhow::Result<Group>) -> String {
    let group = match group {
        Ok(group) => group,
        Err(err) => return format!("No criterion timings to compare with `limit`: {err:#}.\n"),
    };
    let rows = evidence::limit::rows(group);
    let mut out = String::from(
        "`fixed` against `limit` (the same GET with no loop around it), time per call:\n\n",
    );
    out.push_str(&evidence::limit::table(&rows, "calls"));
    if rows.is_empty() {
        out.push_str("\nNo load has both `fixed` and `limit`.\n");
        return out;
    }
    let apart: Vec<String> = rows
        .iter()
        .filter(|row| row.ratio.separated)
        .map(|row| format!("{} at {} calls", ratio(row.ratio.point), row.load))
        .collect();
    if apart.is_empty() {
        out.push_str(
            "\nOn this run `fixed` cannot be told from its floor: the loop adds a branch and \
             `error_for_status()` to a round trip of tens of microseconds.\n",
        );
    } else {
        let _ = write!(
            out,
            "\nOn this run the intervals are apart ({}), in a direction that changes from run to \
             run: the loop adds a branch and `error_for_status()`, far less than the loopback \
             round trip varies on a shared machine (each row's samples spread by tens of \
             percent), so the gap is the machine's, not the loop's.\n",
            apart.join(", ")
        );
    }
    out
}
