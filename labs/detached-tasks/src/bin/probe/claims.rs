//! The verdicts on the guides' claims, each from an experiment run here.

use std::panic;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use detached_tasks::contract::{Job, JobError, Kind, panic_message, usual};
use detached_tasks::scenario::paused_runtime;
use detached_tasks::{Ledger, Outcome, Variant};
use evidence::Verdict;

use crate::tables::{Child, Run};

/// Panics seen by the panic hook since [`count_panics`].
static PANICS: AtomicU64 = AtomicU64::new(0);

/// Replaces the panic hook with a counter: the default one would print each provoked panic.
pub fn count_panics() {
    panic::set_hook(Box::new(|_| {
        PANICS.fetch_add(1, Ordering::Relaxed);
    }));
}

fn panics() -> u64 {
    PANICS.load(Ordering::Relaxed)
}

/// `panic-kills-runtime`: one task panics on a two-worker runtime; does anything else stop?
fn panic_kills_runtime(children: &[Child]) -> Verdict {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("a two-worker runtime");
    let (panicked, after) = runtime.block_on(async {
        let job = Job {
            id: 7,
            kind: Kind::Panic,
            takes: Duration::ZERO,
        };
        let ledger = Arc::new(Ledger::new());
        let doomed = tokio::spawn(async move { job.run(&ledger).await });
        let panicked = doomed.await.is_err_and(|e| e.is_panic());
        let mut ran = 0;
        for i in 0..100u64 {
            ran += u64::from(tokio::spawn(async move { i }).await.is_ok());
        }
        (panicked, ran)
    });
    // The one future whose panic does reach the caller: the one given to `block_on`.
    let main_future = panic::catch_unwind(panic::AssertUnwindSafe(|| {
        runtime.block_on(async { panic!("the main future panicked") })
    }))
    .is_err();
    let still = runtime.block_on(async { tokio::spawn(async { 1 }).await.is_ok() });
    let abort = children
        .iter()
        .find(|c| c.offload == detached_tasks::offload::Offload::Anti)
        .is_some_and(|c| c.signal == Some(6));
    let measured = format!(
        "A spawned task panicked on a two-worker runtime: its handle returned a panic `JoinError` \
         ({panicked}), and then {after} of 100 new tasks ran to completion. A panic in the future \
         given to `block_on` (the body of `#[tokio::main]`) came out of `block_on` ({main_future}), \
         and the runtime still ran a task afterwards ({still}). A panic inside `rayon::spawn` \
         aborted its process ({abort})."
    );
    if panicked && after == 100 && still {
        Verdict::explained(
            measured,
            "False, for Tokio.",
            "Tokio catches a task's panic at the task's boundary: that task ends, its handle \
             holds the panic, and every other task and the runtime carry on. What a panic ends is \
             its own task, or the caller of `block_on` (`main`), or the process when it escapes a \
             thread that does not catch it, as in `rayon::spawn` or under `panic = \"abort\"`. \
             Returning errors is still right: a panic's task ends without cleaning up after itself.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `task-panic-unnoticed`: the anti-pattern on the usual batch, the panic hook counting.
fn task_panic_unnoticed(runs: &[Run]) -> Verdict {
    let jobs = usual();
    let before = panics();
    let anti = Variant::Anti.supervise_paused(&jobs);
    let hooked = panics() - before;
    let report = anti.result.unwrap_or_default();
    let count = |kind: Kind| jobs.iter().filter(|j| j.kind == kind).count();
    let reported = |kind: Kind| {
        jobs.iter()
            .filter(|j| j.kind == kind && report.outcomes.contains_key(&j.id))
            .count()
    };
    let fixed_panics = runs
        .iter()
        .find(|r| r.variant == Variant::Fixed)
        .map_or(0, |r| r.reported(Kind::Panic));
    let measured = format!(
        "The detached batch: {} panics and {} errors; the panic hook ran {hooked} times (the \
         default hook prints a line on stderr for each), the report holds {} of the panics and \
         {} of the errors, and nothing else in the program heard of any. The errors left no \
         trace at all. With a `JoinSet`, {fixed_panics} of {} panics reached the report.",
        count(Kind::Panic),
        count(Kind::Fail),
        reported(Kind::Panic),
        reported(Kind::Fail),
        count(Kind::Panic),
    );
    if hooked == count(Kind::Panic) as u64 && reported(Kind::Panic) == 0 {
        Verdict::explained(
            measured,
            "Half true.",
            "The panic is printed by the panic hook (not silent in a log), but no code is told: \
             the task's `JoinError` dies with the dropped handle. The silent case is the one the \
             claim leaves out, a detached task that returns `Err`: no line, no value, nothing.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `handle-await-err-on-panic`: what a kept handle gives back, for each way a task ends.
fn handle_await_err_on_panic() -> Verdict {
    let (panicked, failed, aborted) = paused_runtime().block_on(async {
        let ledger = Arc::new(Ledger::new());
        let job = |id, kind| Job {
            id,
            kind,
            takes: Duration::from_millis(10),
        };
        let spawn = |job: Job| {
            let ledger = Arc::clone(&ledger);
            tokio::spawn(async move { job.run(&ledger).await })
        };
        let panicked = spawn(job(1, Kind::Panic)).await;
        let failed = spawn(job(2, Kind::Fail)).await;
        let slow = spawn(job(3, Kind::Succeed));
        slow.abort();
        let aborted = slow.await;
        (panicked, failed, aborted)
    });
    let panic_seen = panicked.as_ref().is_err_and(|e| e.is_panic());
    let message = panicked
        .map_err(|e| panic_message(&*e.into_panic()))
        .err()
        .unwrap_or_default();
    let error_is_ok = matches!(failed, Ok(Err(JobError { job: 2 })));
    let abort_is_err = aborted.as_ref().is_err_and(|e| e.is_cancelled());
    let measured = format!(
        "Awaiting the handle of a job that panicked gave `Err(JoinError)` with `is_panic()` \
         ({panic_seen}) and its message (`{message}`); of a job that returned its error, \
         `Ok(Err(..))` ({error_is_ok}); of a task aborted before it ended, `Err(JoinError)` with \
         `is_cancelled()` ({abort_is_err})."
    );
    if panic_seen && error_is_ok && abort_is_err {
        Verdict::explained(
            measured,
            "True, for a handle that is kept and awaited.",
            "`Err` means \"the task did not return\": a panic or a cancellation, told apart by \
             `is_panic()`/`is_cancelled()`. The task's own error is `Ok(Err(_))`, so a match has \
             three arms. A dropped handle gives nothing: the panic is then a line on stderr.",
        )
    } else {
        Verdict::new(measured, "False.")
    }
}

/// `futures-do-nothing`: a future never awaited, against a task whose handle is dropped.
fn futures_do_nothing() -> Verdict {
    let (future_ran, task_ran) = paused_runtime().block_on(async {
        let ledger = Arc::new(Ledger::new());
        let job = Job {
            id: 0,
            kind: Kind::Succeed,
            takes: Duration::from_millis(10),
        };
        let never_awaited = job.run(&ledger);
        tokio::time::sleep(Duration::from_millis(50)).await;
        drop(never_awaited);
        let future_ran = ledger.started();
        let spawned = {
            let ledger = Arc::clone(&ledger);
            tokio::spawn(async move { job.run(&ledger).await })
        };
        drop(spawned);
        tokio::time::sleep(Duration::from_millis(50)).await;
        (future_ran, ledger.ended())
    });
    let measured = format!(
        "A job's future, built and held for 50 ms without an `.await`, then dropped: it started \
         {future_ran} times. The same job given to `tokio::spawn`, its handle dropped at once: \
         it ran to its end {task_ran} time(s) in the next 50 ms."
    );
    if future_ran == 0 && task_ran == 1 {
        Verdict::explained(
            measured,
            "True of a future, false of a spawned task.",
            "A future is inert until polled; `tokio::spawn` hands it to the runtime, which polls \
             it at once, and the returned handle is only a way to hear of its end. Forgetting to \
             await a handle does not stop the work: it stops you from knowing how it went.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `rayon-oneshot-error-path`: the child processes.
fn rayon_oneshot_error_path(children: &[Child]) -> Verdict {
    use detached_tasks::offload::Offload;
    let get = |o: Offload| children.iter().find(|c| c.offload == o);
    let (Some(anti), Some(fixed)) = (get(Offload::Anti), get(Offload::Fixed)) else {
        return Verdict::not_measured("no child process ran");
    };
    let measured = format!(
        "The guide's bridge, a zero row in the batch: the child process was {}{}, and it {} on. \
         With `catch_unwind` in the closure it exited {} and its error path printed `{}`.",
        match anti.signal {
            Some(6) => "killed by SIGABRT (exit status 134 in a shell)".to_owned(),
            other => format!("ended with {other:?} / {:?}", anti.code),
        },
        match &anti.handled {
            Some(line) => format!(
                " (its error path had printed `{line}` a moment before: the oneshot's sender is dropped as the panic unwinds)"
            ),
            None => ", its error path never having run".to_owned(),
        },
        if anti.served_on {
            "served"
        } else {
            "never served"
        },
        fixed
            .code
            .map_or("by a signal".to_owned(), |c| format!("with code {c}")),
        fixed.handled.as_deref().unwrap_or("nothing"),
    );
    if anti.signal == Some(6) && !anti.served_on && fixed.served_on {
        Verdict::explained(
            measured,
            "False.",
            "A panic that escapes a `rayon::spawn` closure goes to the pool's `panic_handler`, and \
             the global pool has none: rayon aborts the process. Whatever the `oneshot`'s error \
             path does, the process is gone a moment later. Catch the panic inside the closure \
             and send it back as an error, or give the pool a `panic_handler`.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// `join-isolates-failures`: `joined` with and without a panic in the batch.
fn join_isolates_failures(runs: &[Run]) -> Verdict {
    let Some(joined) = runs.iter().find(|r| r.variant == Variant::Joined) else {
        return Verdict::not_measured("no `joined` run");
    };
    let jobs: Vec<Job> = usual()
        .into_iter()
        .filter(|j| j.kind != Kind::Panic)
        .collect();
    let calm = Variant::Joined.supervise_paused(&jobs);
    let calm_errors = calm.result.as_ref().map_or(0, |r| {
        r.outcomes
            .values()
            .filter(|o| matches!(o, Outcome::Failed(_)))
            .count()
    });
    let message = joined.supervised.result.as_ref().err().cloned();
    let measured = format!(
        "Every job a branch of one `join_all`: with no panic in the batch, {} of {} outcomes \
         were reported, {calm_errors} of them errors; with the usual batch, `run` itself \
         {}, and none of the 12 outcomes was reported.",
        calm.result.as_ref().map_or(0, |r| r.outcomes.len()),
        jobs.len(),
        message
            .as_deref()
            .map_or("returned".to_owned(), |m| format!("panicked (`{m}`)")),
    );
    if message.is_some() && calm.is_complete(&jobs) {
        Verdict::explained(
            measured,
            "For errors only.",
            "Branches of `join!` are futures of one task: a `Result` each isolates errors, but a \
             panic unwinds out of the whole `join!` and the task awaiting it, and the other \
             branches are dropped half-way. Panics are isolated by a task boundary: spawn each \
             branch (a `JoinSet`) and match each `JoinError`.",
        )
    } else {
        Verdict::new(measured, "True.")
    }
}

/// The verdict on claim `id`, or `None` for a claim this probe does not know.
pub fn judge(id: &str, runs: &[Run], children: &[Child]) -> Option<Verdict> {
    Some(match id {
        "panic-kills-runtime" => panic_kills_runtime(children),
        "task-panic-unnoticed" => task_panic_unnoticed(runs),
        "handle-await-err-on-panic" => handle_await_err_on_panic(),
        "futures-do-nothing" => futures_do_nothing(),
        "rayon-oneshot-error-path" => rayon_oneshot_error_path(children),
        "join-isolates-failures" => join_isolates_failures(runs),
        _ => return None,
    })
}
