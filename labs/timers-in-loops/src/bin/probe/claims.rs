//! The verdicts on the guides' claims, each from an experiment run here under paused time.
//!
//! Each experiment rebuilds the guide's numbers (its period, its backoff, its rates) on the
//! lab's loops; the verdict is computed from the counts, never typed.

use std::time::Duration;

use evidence::Verdict;
use timers_in_loops::{Record, Scenario, Stall, Variant, Work};

use crate::experiments::record;

/// Ticks that start within `window` after `from`.
fn within(record: &Record, from: Duration, window: Duration) -> usize {
    record
        .ticks
        .iter()
        .filter(|&&t| t >= from && t < from + window)
        .count()
}

/// `interval-simple-fixed`: the guide's 5-minute poll, with one slow poll of 20 minutes.
fn interval_simple_fixed() -> Verdict {
    let period = Duration::from_secs(300);
    let slow = Duration::from_secs(1_200);
    let scenario = Scenario {
        period,
        message_every: None,
        run_for: period * 20,
        work: Work {
            each: Duration::from_secs(5),
            stall: Some(Stall {
                tick: 2,
                lasts: slow,
            }),
        },
    };
    let burst = record(Variant::Burst, scenario).most_ticks_within(period);
    let skip = record(Variant::Fixed, scenario).most_ticks_within(period);
    let measured = format!(
        "A 5-minute `interval` whose third poll takes 20 minutes: with the default \
         `MissedTickBehavior::Burst`, {burst} polls start within one 5-minute window once it \
         returns; with `Skip`, at most {skip}. With no slow poll, both poll every 5 minutes \
         exactly, under any message rate."
    );
    if burst > 2 && skip <= 2 {
        Verdict::explained(
            measured,
            "True, with one setting.",
            "Built once outside the loop it keeps its schedule; but its default bursts after \
             any poll slower than the period: set `MissedTickBehavior::Skip` or `Delay`.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `backoff-in-tick-branch`: the guide's 300 s interval and its backoff of 60 × 2⁵ s.
fn backoff_in_tick_branch() -> Verdict {
    let period = Duration::from_secs(300);
    let backoff = Duration::from_secs(60 * 2_u64.pow(5));
    let sync = Duration::from_secs(2);
    let scenario = Scenario {
        period,
        message_every: None,
        run_for: period * 20,
        work: Work {
            each: sync,
            stall: Some(Stall {
                tick: 2,
                lasts: backoff,
            }),
        },
    };
    let after = |v: Variant| {
        let record = record(v, scenario);
        let ended = record.ticks[2] + backoff;
        within(&record, ended, Duration::from_secs(60))
    };
    let (burst, skip) = (after(Variant::Burst), after(Variant::Fixed));
    let measured = format!(
        "A 300 s `interval` whose branch sleeps a {} s backoff: in the minute after the \
         backoff, {burst} syncs start back to back with the default `Burst` ({} s apart, each \
         sync's own time); {skip} with `Skip`.",
        backoff.as_secs(),
        sync.as_secs()
    );
    if burst > 2 {
        Verdict::explained(
            measured,
            "False with the default interval.",
            "The interval owes every tick the backoff slept through and pays them at once: \
             the backoff ends in a burst of attempts, the opposite of backing off.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `service-loop-intervals`: a 100 ms interval in a loop where a metrics push takes 1 s.
fn service_loop_intervals() -> Verdict {
    let period = Duration::from_millis(100);
    let push = Duration::from_secs(1);
    // The loop is busy for the push whichever branch runs it: modelled as one 1 s stall of
    // the 100 ms interval's own loop, at the 30 s mark.
    let scenario = Scenario {
        period,
        message_every: None,
        run_for: Duration::from_secs(35),
        work: Work {
            each: Duration::from_millis(1),
            stall: Some(Stall {
                tick: 300,
                lasts: push,
            }),
        },
    };
    let burst = record(Variant::Burst, scenario).most_ticks_within(period);
    let skip = record(Variant::Fixed, scenario).most_ticks_within(period);
    let measured = format!(
        "A 100 ms command interval in a loop that spends 1 s pushing metrics: after the push \
         the command check runs {burst} times within 100 ms with the default `Burst`, at most \
         {skip} with `Skip`; and while the push runs, it runs not at all."
    );
    if burst > 2 {
        Verdict::explained(
            measured,
            "False.",
            "The branches share one task: a slow branch stops every other interval, which then \
             bursts. Give each slow action its own task, and every interval `Skip` or `Delay`.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `sleep-branch-beside-reader`: the guide's 30 s sleep beside a reader, a message every 10 s.
fn sleep_branch_beside_reader() -> Verdict {
    let period = Duration::from_secs(30);
    let hour = Duration::from_secs(3_600);
    let at = |every: u64, v: Variant| {
        let scenario = Scenario {
            period,
            message_every: Some(Duration::from_secs(every)),
            run_for: hour,
            work: Work {
                each: Duration::from_millis(100),
                stall: None,
            },
        };
        record(v, scenario).ticks_before(hour)
    };
    let (anti_10, anti_29, fixed_10) = (
        at(10, Variant::Anti),
        at(29, Variant::Anti),
        at(10, Variant::Fixed),
    );
    let measured = format!(
        "Over an hour, a line every 10 s: {anti_10} metrics sent (an `interval` built once: \
         {fixed_10}); a line every 29 s: {anti_29}. The sleep is rebuilt every turn, so it only \
         fires after 30 s with no line at all."
    );
    if anti_10 == 0 {
        Verdict::explained(
            measured,
            "False.",
            "It sends metrics only while the reader is idle: the busier the link, the fewer.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `collect-then-sleep`: collect (2 s), publish, sleep 30 s, a thousand times.
fn collect_then_sleep() -> Verdict {
    let period = Duration::from_secs(30);
    let collect = Duration::from_secs(2);
    let scenario = Scenario {
        period,
        message_every: None,
        run_for: period * 1_000,
        work: Work {
            each: collect,
            stall: None,
        },
    };
    let sleepy = record(Variant::SleepAfterWork, scenario);
    let fixed = record(Variant::Fixed, scenario);
    let published = sleepy.ticks_before(scenario.run_for);
    let on_time = fixed.ticks_before(scenario.run_for);
    let measured = format!(
        "With a 2 s collection, in the time of 1 000 periods (8 h 20 min) the loop publishes \
         {published} times, every {} s; an `interval` publishes {on_time} times.",
        (period + collect).as_secs()
    );
    if published < on_time {
        Verdict::explained(
            measured,
            "False.",
            "It publishes every 30 s plus the collection's time, and the lag grows without end.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `sleep-branch-beside-shutdown`: a 100 ms sleep whose only rival fires once, at shutdown.
fn sleep_branch_beside_shutdown() -> Verdict {
    let period = Duration::from_millis(100);
    let run_for = Duration::from_secs(100);
    let with_job = |job: Duration| {
        let scenario = Scenario {
            period,
            message_every: None,
            run_for,
            work: Work {
                each: job,
                stall: None,
            },
        };
        record(Variant::Anti, scenario).ticks_before(run_for)
    };
    let (idle, busy) = (
        with_job(Duration::ZERO),
        with_job(Duration::from_millis(20)),
    );
    let measured = format!(
        "The sleep's only rival fires once, at shutdown (here: an inbox that gets no message \
         before it closes): in 100 s it polls {idle} times when a poll takes no time, {busy} \
         times when each takes 20 ms."
    );
    if idle + 1 >= 1_000 && busy < idle {
        Verdict::explained(
            measured,
            "Roughly true.",
            "Nothing else wins the race, so nothing resets the sleep: it works here, because \
             the loop has no other event. It polls every 100 ms plus the job's time, and the \
             same branch beside any frequent event never fires.",
        )
    } else {
        Verdict::new(measured, "False.")
    }
}

/// The verdict on claim `id`, or `None` for a claim this probe does not know.
pub fn judge(id: &str) -> Option<Verdict> {
    Some(match id {
        "interval-simple-fixed" => interval_simple_fixed(),
        "backoff-in-tick-branch" => backoff_in_tick_branch(),
        "service-loop-intervals" => service_loop_intervals(),
        "sleep-branch-beside-reader" => sleep_branch_beside_reader(),
        "collect-then-sleep" => collect_then_sleep(),
        "sleep-branch-beside-shutdown" => sleep_branch_beside_shutdown(),
        _ => return None,
    })
}
