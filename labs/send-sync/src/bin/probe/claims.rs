//! Verdicts on the guides' claims, computed from this run's compiler and experiments.
//!
//! Every verdict reads the compile results of [`crate::rustc`] (what rustc said about each
//! case, this run), the run-time checks of [`crate::experiments`], and criterion's estimates
//! of the `call` group. A claim the catalogue lists and this file does not know gets a row
//! saying so from the lab kit ([`Probe::write_claims`]).

use evidence::criterion::Group;
use evidence::{Probe, Ratio, Verdict};

use crate::experiments::{self, Found};
use crate::rustc::Compiled;

/// Writes `claims.md`.
pub fn write(
    probe: &Probe,
    compiled: &[Compiled],
    found: &Found,
    call: Option<&Group>,
) -> anyhow::Result<()> {
    let case = |name: &str| compiled.iter().find(|c| c.name == name);
    probe.write_claims(|id| {
        Some(match id {
            "rc-neither" => rc_neither(case("rc_is_not_send")?, case("rc_is_not_sync")?),
            "refcell-send-if-sync" => refcell_send_if_sync(
                case("cells_are_send")?,
                case("refcell_of_guard_is_not_send")?,
                case("refcell_is_not_sync")?,
            ),
            "cell-neither" => cell_neither(case("cells_are_send")?, case("cell_is_not_sync")?),
            "raw-pointer-neither" => raw_pointer(case("raw_pointer_is_neither")?),
            "refcell-not-send-ffi" => {
                refcell_ffi(case("cells_are_send")?, case("refcell_is_not_sync")?)
            }
            "spawn-borrow-wont-compile" => spawn_borrow(case("spawn_bound_borrowing_local")?),
            "tokio-mutex-proper" => tokio_mutex(found, call),
            "thread-local-static-runtime" => thread_local(found),
            _ => return None,
        })
    })
}

/// "`rc_is_not_send`: error[E0277]: ..." for the measured column.
fn quote(case: &Compiled) -> String {
    format!("`{}`: {}", case.name, case.said())
}

/// Whether the case failed with an error containing `needle`.
fn refused(case: &Compiled, needle: &str) -> bool {
    !case.compiled && case.errors.iter().any(|e| e.contains(needle))
}

const NOT_SENT: &str = "cannot be sent between threads safely";
const NOT_SHARED: &str = "cannot be shared between threads safely";

fn rc_neither(send: &Compiled, sync: &Compiled) -> Verdict {
    let measured = format!("{}; {}", quote(send), quote(sync));
    if refused(send, NOT_SENT) && refused(sync, NOT_SHARED) {
        Verdict::new(measured, "True")
    } else {
        Verdict::explained(measured, "False here:", "rustc accepted one of them.")
    }
}

fn refcell_send_if_sync(pass: &Compiled, guard: &Compiled, sync: &Compiled) -> Verdict {
    let measured = format!(
        "`RefCell<Cell<u32>>: Send` (`Cell` is not `Sync`): {}; `RefCell<MutexGuard<u32>>: \
         Send` (`MutexGuard<u32>` is `Sync`): {}; {}",
        if pass.compiled { "compiles" } else { "refused" },
        guard.said(),
        quote(sync)
    );
    if pass.compiled && refused(guard, NOT_SENT) && refused(sync, NOT_SHARED) {
        Verdict::explained(
            measured,
            "Half wrong:",
            "`RefCell<T>` is `Send` exactly when `T` is `Send`; whether `T` is `Sync` does not \
             matter. Not `Sync`, and `Mutex<T>` as the fix for sharing: right.",
        )
    } else {
        Verdict::explained(
            measured,
            "Not as this lab expected:",
            "see the compile table.",
        )
    }
}

fn cell_neither(pass: &Compiled, sync: &Compiled) -> Verdict {
    let measured = format!(
        "`Cell<u32>: Send`: {}; {}",
        if pass.compiled { "compiles" } else { "refused" },
        quote(sync)
    );
    if pass.compiled && refused(sync, NOT_SHARED) {
        Verdict::explained(
            measured,
            "Half wrong:",
            "`Cell<T>` is `Send` when `T` is; it is not `Sync`. An atomic is the fix for a \
             counter shared by threads.",
        )
    } else {
        Verdict::explained(
            measured,
            "Not as this lab expected:",
            "see the compile table.",
        )
    }
}

fn raw_pointer(both: &Compiled) -> Verdict {
    let measured = format!("`{}`: {}", both.name, both.errors.join("; "));
    if refused(both, NOT_SENT) && refused(both, NOT_SHARED) {
        Verdict::explained(
            measured,
            "True",
            "for the traits. Which fix is right depends on who owns the pointee, which no \
             compiler check decides.",
        )
    } else {
        Verdict::explained(measured, "False here:", "rustc accepted it.")
    }
}

fn refcell_ffi(pass: &Compiled, sync: &Compiled) -> Verdict {
    let measured = format!(
        "The guide's `Converter {{ state: RefCell<State> }}`: `Send` {}, moved to a thread and \
         used there {}; {}",
        if pass.compiled { "compiles" } else { "refused" },
        if pass.compiled {
            "runs"
        } else {
            "does not build"
        },
        quote(sync)
    );
    if pass.compiled && refused(sync, NOT_SHARED) {
        Verdict::explained(
            measured,
            "Wrong reason:",
            "the `RefCell` converter is `Send`; what it is not is `Sync`, so it can move to \
             another thread but not be shared. `Mutex<State>` fixes it because `Mutex<T>` is \
             `Sync` when `T` is `Send`.",
        )
    } else {
        Verdict::explained(
            measured,
            "Not as this lab expected:",
            "see the compile table.",
        )
    }
}

fn spawn_borrow(case: &Compiled) -> Verdict {
    let measured = format!(
        "{} (a function with `tokio::spawn`'s bounds, `F: Future + Send + 'static`)",
        quote(case)
    );
    if refused(case, "E0373") {
        Verdict::explained(
            measured,
            "True:",
            "the reason is the `'static` bound (E0373), not `Send`; `async move` fixes it.",
        )
    } else {
        Verdict::explained(measured, "Not as stated:", "rustc gave another error.")
    }
}

fn tokio_mutex(found: &Found, call: Option<&Group>) -> Verdict {
    let on_worker = match &found.tokio_mutex_on_worker {
        Ok(answer) => format!("answered `{answer}`"),
        Err(panic) => format!("panicked: \"{panic}\""),
    };
    let std_on_worker = match &found.std_mutex_on_worker {
        Ok(answer) => format!("answered `{answer}`"),
        Err(panic) => format!("panicked: \"{panic}\""),
    };
    let cost = call
        .and_then(|group| {
            let load = group.loads().first()?.to_string();
            let tokio = group.get("tokio-mutex", &load)?.headline();
            let fixed = group.get("fixed", &load)?.headline();
            let ratio = Ratio::of(&tokio, &fixed);
            Some(format!(
                " Off a runtime, per call at {load} input bytes: {} the std mutex's time (95% CIs \
                 {}).",
                ratio.with_range(),
                ratio.separation()
            ))
        })
        .unwrap_or_else(|| " No criterion timings in this run.".to_owned());
    let exclusion = found
        .exclusion
        .iter()
        .find(|(name, _)| *name == "tokio-mutex")
        .map(|(_, outcome)| experiments::describe(outcome))
        .unwrap_or_default();
    let measured = format!(
        "A synchronous `convert` (FFI entry points are synchronous) must use `blocking_lock`: \
         called from a task on a runtime worker it {on_worker}; the std-mutex converter there \
         {std_on_worker}. Off a runtime, a second caller {exclusion}.{cost}"
    );
    if found.tokio_mutex_on_worker.is_err() && found.std_mutex_on_worker.is_ok() {
        Verdict::explained(
            measured,
            "Not for a synchronous API:",
            "it is `Send + Sync` and serialises, but it panics where async callers are. Tokio's \
             mutex is for a guard held across `.await`; a short synchronous call wants \
             `std::sync::Mutex`.",
        )
    } else {
        Verdict::explained(
            measured,
            "Not as this lab expected:",
            "see the measured column.",
        )
    }
}

fn thread_local(found: &Found) -> Verdict {
    match &found.after_thread_exit {
        Some(panic) => Verdict::explained(
            format!(
                "A handle to the thread-local runtime, used for a timer after its thread \
                 exited (safe code, `send_sync::runtime_per_thread`): panicked, \"{panic}\". \
                 `&'static Runtime` is `Send`, so safe code may carry it there too \
                 (`tests/auto_traits.rs`)."
            ),
            "False:",
            "`'static` promises the rest of the program, not the thread; the runtime is dropped \
             when its thread exits, and through the guide's raw-pointer `&'static` that same use \
             reads freed memory. The function is unsound.",
        ),
        None => Verdict::explained(
            "The runtime answered after its thread exited.",
            "Not refuted here:",
            "the timer ran.",
        ),
    }
}
