//! The verdicts on the guides' claims, each from an experiment run here under paused time.

use std::time::Duration;

use evidence::Verdict;
use graceful_shutdown::{Config, Scenario, Variant};

use crate::sweep::Tally;

/// `select-interrupts-work`: the guide's sync loop with its backoff of 60 × 2⁵ s inside the
/// tick branch, the signal 10 s into the backoff.
fn select_interrupts_work() -> Verdict {
    // One worker; its first sync lasts `job / 2`: the guide's longest backoff, 1 920 s.
    let config = Config {
        workers: 1,
        tick: Duration::from_secs(300),
        job: Duration::from_secs(2 * 60 * 32),
    };
    let scenario = Scenario {
        config,
        signal_at: Duration::from_secs(10),
    };
    let long = Variant::LongArm.shutdown_paused(scenario, 0).latency();
    let fixed = Variant::Fixed.shutdown_paused(scenario, 0).latency();
    let secs = |l: Option<Duration>| l.map_or("never".into(), |l| format!("{} s", l.as_secs()));
    let measured = format!(
        "A token's `cancelled()` beside a 300 s tick whose branch sleeps a 1 920 s backoff, the \
         signal 10 s into it: the worker stops {} after the signal; with the backoff itself \
         raced against the token (`run_until_cancelled`), {}.",
        secs(long),
        secs(fixed)
    );
    if long.is_some_and(|l| l > Duration::from_secs(60)) && fixed == Some(Duration::ZERO) {
        Verdict::explained(
            measured,
            "False.",
            "`select!` races the branches' futures only until one completes; that branch's body \
             then runs to its end, and no other branch is polled meanwhile. Only work written as \
             a branch (or raced against the signal in its own `select!`) is interrupted.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `token-makes-graceful`: the services that use a token, over the sweep.
fn token_makes_graceful(tallies: &[Tally]) -> Verdict {
    let get = |v: Variant| tallies.iter().find(|t| t.variant == v);
    let (Some(fixed), Some(check), Some(long), Some(lone)) = (
        get(Variant::Fixed),
        get(Variant::CheckInTick),
        get(Variant::LongArm),
        get(Variant::LoneBranch),
    ) else {
        return Verdict::not_measured("the sweep lacks a variant");
    };
    let pct = |n: usize, of: usize| format!("{:.0}%", 100.0 * n as f64 / of as f64);
    let measured = format!(
        "Four services with a `CancellationToken`, {} shutdowns each: the guide's (flush in \
         the cancel branch, `is_cancelled()` in the tick branch) skipped a flush in {}; with the \
         sync inside the branch every flush happened but the slowest stop took {} ms; a \
         one-branch supervisor panicked in {}; the reference fix stopped cleanly in {}, at once.",
        fixed.runs,
        pct(check.unflushed, check.runs),
        long.slowest.as_millis(),
        pct(lone.panicked, lone.runs),
        pct(fixed.clean, fixed.runs),
    );
    if check.unflushed > 0 && fixed.clean == fixed.runs {
        Verdict::explained(
            measured,
            "Not by itself.",
            "A token cannot be missed, which fixes the lost signal; graceful also takes racing it \
             against the work, one exit path that flushes, and a supervisor that waits for every \
             worker without a branch that can disable itself.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// The verdict on claim `id`, or `None` for a claim this probe does not know.
pub fn judge(id: &str, tallies: &[Tally]) -> Option<Verdict> {
    Some(match id {
        "select-interrupts-work" => select_interrupts_work(),
        "token-makes-graceful" => token_makes_graceful(tallies),
        _ => return None,
    })
}
