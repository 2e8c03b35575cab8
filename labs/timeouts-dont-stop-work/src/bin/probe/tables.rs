//! `paused.md` and `retries.md`: the handlers on the paused clock, counted.

use std::fmt::Write as _;
use std::time::Duration;

use evidence::Variants;
use timeouts_dont_stop_work::{Policy, Scenario, Variant};

/// Milliseconds, exact to the microsecond the paused clock can show.
pub fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms.fract() == 0.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{ms:.3} ms")
    }
}

/// Every handler on [`Scenario::REQUEST`].
pub fn give_up() -> String {
    let request = Scenario::REQUEST;
    let mut out = format!(
        "A job of {} steps of {} ({} of CPU work), {} per attempt, {} attempts: a handler that \
         keeps its limit returns by {} (every limit, plus two steps and a timer tick each).\n\n",
        request.job.steps,
        ms(request.step),
        ms(request.job_time()),
        ms(request.policy.limit),
        request.policy.attempts,
        ms(request.give_up_by()),
    );
    out.push_str(
        "| variant | answer | returned after | copies started | most at once | still running at \
         the return | blocking threads busy then | copies that ran to the end | steps computed | \
         longest wait of a task beside it |\n\
         | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for &variant in Variant::all() {
        let handled = request.run(variant);
        let answer = match handled.output {
            Ok(thumbnail) if thumbnail == request.job.expected() => "the thumbnail".to_string(),
            Ok(_) => "a wrong thumbnail".to_string(),
            Err(gave_up) => format!("gave up ({})", gave_up.attempts),
        };
        let _ = writeln!(
            out,
            "| `{variant}` | {answer} | {} | {} | {} | {} | {} | {} | {} | {} |",
            ms(handled.returned_after),
            handled.after.started,
            handled.after.peak_live,
            handled.at_return.live,
            handled.blocking_busy_at_return,
            handled.after.completed,
            handled.after.steps,
            ms(handled.heartbeat_gap),
        );
    }
    out.push_str(
        "\nThe blocking threads come from Tokio's runtime metrics (`num_blocking_threads()` \
         minus `num_idle_blocking_threads()`), read when the handler returned; the copies and \
         steps from the lab's own counters, after every copy left behind had ended.\n",
    );
    out
}

/// `blocking-retry` and `fixed` after 1 to 6 attempts on the same job.
pub fn retries() -> String {
    let mut out = String::from(
        "The same job, 100 ms per attempt, `k` attempts. What is still computing when the \
         handler gives up, and what the job cost in the end:\n\n\
         | attempts | `blocking-retry`: returned after | copies still running | blocking threads \
         busy | steps computed | `fixed`: returned after | copies still running | blocking \
         threads busy | steps computed |\n\
         | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for attempts in 1..=6 {
        let request = Scenario {
            policy: Policy {
                attempts,
                ..Scenario::REQUEST.policy
            },
            ..Scenario::REQUEST
        };
        let retry = request.run(Variant::BlockingRetry);
        let fixed = request.run(Variant::Fixed);
        let _ = writeln!(
            out,
            "| {attempts} | {} | {} | {} | {} | {} | {} | {} | {} |",
            ms(retry.returned_after),
            retry.at_return.live,
            retry.blocking_busy_at_return,
            retry.after.steps,
            ms(fixed.returned_after),
            fixed.at_return.live,
            fixed.blocking_busy_at_return,
            fixed.after.steps,
        );
    }
    out
}
