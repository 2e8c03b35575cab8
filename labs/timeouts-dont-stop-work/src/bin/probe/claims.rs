//! The verdicts on the guides' claims, each from an experiment run here on the paused clock;
//! the verdict is computed from what the experiment saw, never typed.

use std::time::Duration;

use evidence::Verdict;
use timeouts_dont_stop_work::{Scenario, Variant};
use tokio::time::{error::Elapsed, timeout};

use crate::tables::ms;

/// `timeout-limits-duration`: the lab's request, on the timeout around CPU work and on the
/// one around `spawn_blocking`.
fn limits_duration() -> Verdict {
    let request = Scenario::REQUEST;
    let inline = request.run(Variant::Anti);
    let blocking = request.run(Variant::BlockingRetry);
    let limit = request.policy.limit;
    let measured = format!(
        "A {} limit around {} of CPU work in an `async fn`: `Ok` after {}. Around \
         `spawn_blocking`, three attempts: `Elapsed` on time ({} in all), then {} copies ran \
         to the end, {} steps for one job of {}.",
        ms(limit),
        ms(request.job_time()),
        ms(inline.returned_after),
        ms(blocking.returned_after),
        blocking.after.completed,
        blocking.after.steps,
        request.job.steps,
    );
    let late = inline.returned_after > request.give_up_by();
    let runs_on = blocking.after.completed > 1;
    if late || runs_on {
        Verdict::explained(
            measured,
            "False as stated.",
            "It limits how long the caller *waits*, and only at a point where the operation \
             yields: CPU work that never yields runs to its end, and work on another thread runs \
             on after `Elapsed`. Stopping the work takes a signal the work checks, or a future \
             that yields so that dropping it stops it.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `timeout-nested-result`: what `timeout` returns around a fallible operation that fails
/// at once, one that takes too long, and one on the blocking pool.
fn nested_result() -> Verdict {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a current-thread runtime");
    let (fails, slow, blocking) = runtime.block_on(async {
        let limit = Duration::from_millis(100);
        // The types are the claim: these bindings only compile if it holds.
        let fails: Result<Result<u32, &str>, Elapsed> =
            timeout(limit, async { Err::<u32, _>("corrupt image") }).await;
        let slow: Result<Result<u32, &str>, Elapsed> = timeout(limit, async {
            tokio::time::sleep(limit * 2).await;
            Ok::<_, &str>(1)
        })
        .await;
        let blocking: Result<Result<Result<u32, &str>, tokio::task::JoinError>, Elapsed> = timeout(
            limit,
            tokio::task::spawn_blocking(|| Err::<u32, _>("corrupt image")),
        )
        .await;
        (fails, slow, blocking)
    });
    let shape = |ok: bool| if ok { "as claimed" } else { "not as claimed" };
    let fails_ok = matches!(fails, Ok(Err(_)));
    let slow_ok = slow.is_err();
    let blocking_ok = matches!(blocking, Ok(Ok(Err(_))));
    let measured = format!(
        "An operation that fails at once: `{fails:?}` ({}); one that takes twice the limit: \
         `Err(Elapsed)` ({}); a failing closure on `spawn_blocking`: `{blocking:?}` ({}).",
        shape(fails_ok),
        shape(slow_ok),
        shape(blocking_ok),
    );
    if fails_ok && slow_ok {
        Verdict::explained(
            measured,
            "True, for an operation whose output is a `Result`.",
            "`timeout` returns `Result<F::Output, Elapsed>`, so the nesting is the operation's \
             own; around `spawn_blocking` a third layer, the `JoinError` of a panicked or \
             cancelled task, sits between the two. And `Elapsed` says only that the caller \
             stopped waiting, not that the operation stopped.",
        )
    } else {
        Verdict::new(measured, "False.")
    }
}

/// The verdict on claim `id`, or `None` for a claim this lab does not know.
pub fn judge(id: &str) -> Option<Verdict> {
    Some(match id {
        "timeout-limits-duration" => limits_duration(),
        "timeout-nested-result" => nested_result(),
        _ => return None,
    })
}
