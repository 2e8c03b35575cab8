//! Verdicts on the claims that guides make about bridging sync code to async code.
//!
//! Each verdict is computed here from this run's measurements, never typed: the footprints
//! this probe took, criterion's estimates for the `callers` group, the small experiments of
//! [`crate::runtime_facts`] and the compile check of [`crate::compile_check`]. A claim the catalogue
//! lists but this file does not know gets no verdict here, and the kit's claims table says so
//! in its row, so a new claim cannot be skipped silently.

use evidence::number::{count, duration, time};
use evidence::{Group, Ratio, Verdict};
use runtime_per_call::Variant;
use runtime_per_call::footprint::Footprint;

use crate::compile_check::Outcome;
use crate::footprint_table::signed_mib;
use crate::runtime_facts::{
    BLOCKING_WORK, BlockingInsideBlockOn, ConcurrentThreadLocal, CurrentThreadThreads,
    WithoutDrivers,
};

/// Everything the verdicts are drawn from.
pub struct Facts<'a> {
    pub footprints: &'a [Footprint],
    pub callers: anyhow::Result<Group>,
    pub current_thread: anyhow::Result<CurrentThreadThreads>,
    pub without_drivers: anyhow::Result<Vec<WithoutDrivers>>,
    pub concurrent: ConcurrentThreadLocal,
    pub blocking: anyhow::Result<BlockingInsideBlockOn>,
    pub compiled: anyhow::Result<Vec<Outcome>>,
}

impl Facts<'_> {
    /// The verdict on the claim `id`, or `None` for a claim this probe has no experiment for.
    pub fn judge(&self, id: &str) -> Option<Verdict> {
        let footprints = self.footprints;
        Some(match id {
            "shared-runtime-deadlocks" => shared_runtime_deadlocks(footprints),
            "thread-local-memory" => thread_local_memory(footprints),
            "thread-local-no-sync" => thread_local_no_sync(&self.callers),
            "one-worker-per-core" => one_worker_per_core(footprints),
            "current-thread-no-thread-pool" => current_thread_pool(&self.current_thread),
            "enable-all-required" => enable_all(&self.without_drivers),
            "thread-local-many-queries" => many_queries(&self.concurrent),
            "spawn-blocking-inside-block-on" => blocking_inside(&self.blocking),
            "use-tokio-test-plain-attribute" => tokio_test_import(&self.compiled),
            _ => return None,
        })
    }
}

fn current_thread_pool(facts: &anyhow::Result<CurrentThreadThreads>) -> Verdict {
    let facts = match facts {
        Ok(f) => f,
        Err(err) => return Verdict::not_measured(format!("the experiment failed ({err:#})")),
    };
    let measured = format!(
        "threads a current-thread runtime added to the process: {} once built, {} once its \
         future had written and read a file with `tokio::fs`",
        facts.added_by_build, facts.added_by_fs
    );
    match (facts.added_by_build, facts.added_by_fs) {
        (0, fs) if fs > 0 => Verdict::explained(
            measured,
            "Half true.",
            "It starts no worker threads: its one thread is whichever calls `block_on`. But \
             every current-thread runtime still has a blocking pool, and `tokio::fs` (like \
             `spawn_blocking`) starts threads in it on first use; they idle for 10 s before \
             exiting.",
        ),
        (0, 0) => Verdict::new(measured, "True here, even with `tokio::fs`."),
        _ => Verdict::explained(measured, "False:", "building it already added threads."),
    }
}

fn enable_all(tries: &anyhow::Result<Vec<WithoutDrivers>>) -> Verdict {
    let tries = match tries {
        Ok(t) => t,
        Err(err) => return Verdict::not_measured(format!("the experiment failed ({err:#})")),
    };
    let parts: Vec<String> = tries
        .iter()
        .map(|t| match &t.panic {
            None => format!("{} worked", t.operation),
            Some(message) => format!("{} panicked (\"{message}\")", t.operation),
        })
        .collect();
    let measured = format!(
        "on a current-thread runtime built without `enable_all()`: {}",
        parts.join("; ")
    );
    let worked: Vec<&str> = tries
        .iter()
        .filter(|t| t.panic.is_none())
        .map(|t| t.operation)
        .collect();
    if worked.is_empty() {
        Verdict::new(measured, "True: every one of them panicked.")
    } else if worked.len() == tries.len() {
        Verdict::new(measured, "False: all of them worked.")
    } else {
        Verdict::explained(
            measured,
            "Mostly true.",
            format!(
                "Timers and sockets need their drivers (`enable_time`, `enable_io`; \
                 `enable_all` turns on both) and panic without them, but {} worked: file I/O \
                 runs on the blocking pool and needs no driver.",
                worked.join(" and ")
            ),
        )
    }
}

fn many_queries(c: &ConcurrentThreadLocal) -> Verdict {
    let measured = format!(
        "{} threads released together made {} calls each through one thread-local bridge: {} \
         wrong answers, {} runtimes built (one per thread)",
        c.threads, c.calls, c.wrong, c.runtimes
    );
    if c.wrong == 0 && c.runtimes == c.threads {
        Verdict::explained(
            measured,
            "True, for calls that finish within the call.",
            "Concurrent callers never share a runtime, so nothing contends. What the claim \
             leaves out is below: work a call leaves running freezes until that thread calls \
             again, and memory and drivers grow with the number of calling threads.",
        )
    } else {
        Verdict::new(measured, "False here: see the numbers.")
    }
}

fn blocking_inside(b: &anyhow::Result<BlockingInsideBlockOn>) -> Verdict {
    let b = match b {
        Ok(b) => b,
        Err(err) => return Verdict::not_measured(format!("the experiment failed ({err:#})")),
    };
    let measured = format!(
        "on a current-thread runtime: the `block_on` future ran on {}; the closure given to \
         `spawn_blocking` ran on {}; a task beside it got {} turns while {} of blocking work \
         ran inline, {} while it ran in `spawn_blocking`",
        if b.future_on_caller {
            "the calling thread"
        } else {
            "another thread"
        },
        if b.closure_elsewhere {
            "a blocking-pool thread"
        } else {
            "the calling thread"
        },
        count(b.companion_turns_inline),
        duration(BLOCKING_WORK),
        count(b.companion_turns_spawned),
    );
    if b.future_on_caller
        && b.closure_elsewhere
        && b.companion_turns_inline == 0
        && b.companion_turns_spawned > 0
    {
        Verdict::explained(
            measured,
            "Misleading.",
            "The runtime's thread *is* the caller's, and `block_on` keeps it waiting until the \
             work is done either way. What `spawn_blocking` buys is that the other tasks on \
             that runtime run while the work blocks elsewhere.",
        )
    } else {
        Verdict::new(measured, "Not what the lab expected: see the numbers.")
    }
}

fn tokio_test_import(outcomes: &anyhow::Result<Vec<Outcome>>) -> Verdict {
    let outcomes = match outcomes {
        Ok(o) => o,
        Err(err) => return Verdict::not_measured(format!("no compile check ({err:#})")),
    };
    let find = |name: &str| outcomes.iter().find(|o| o.name == name);
    let describe = |o: &Outcome| {
        if o.compiled {
            format!("compiled; its test: {}", o.detail)
        } else {
            format!("rejected: {}", o.detail)
        }
    };
    let (Some(plain), Some(imported)) = (find("plain"), find("imported")) else {
        return Verdict::not_measured("the compile check lost a program");
    };
    let measured = format!(
        "`rustc --test` against this workspace's tokio: `#[tokio::test] async fn` compiled \
         and passed (the control); plain `#[test] async fn` {}; `use tokio::test;` then \
         `#[test] async fn` {}",
        describe(plain),
        describe(imported),
    );
    match (plain.compiled, imported.compiled, imported.passed) {
        (false, true, true) => Verdict::explained(
            measured,
            "True, but not for the reason it suggests.",
            "The import shadows the built-in `#[test]` (it lives in the prelude, which any \
             `use` overrides), so `#[test]` *is* `#[tokio::test]` and builds a current-thread \
             runtime for the test; without the import the compiler refuses an async test. \
             Writing `#[tokio::test]` says what happens.",
        ),
        (_, false, _) => Verdict::explained(
            measured,
            "False:",
            "with the import the program does not compile.",
        ),
        _ => Verdict::new(measured, "Not what the lab expected: see what rustc said."),
    }
}

fn find(footprints: &[Footprint], variant: Variant, callers: usize) -> Option<&Footprint> {
    footprints
        .iter()
        .find(|f| f.variant == variant && f.callers == callers)
}

fn most_callers(footprints: &[Footprint], variant: Variant) -> Option<&Footprint> {
    footprints
        .iter()
        .filter(|f| f.variant == variant)
        .max_by_key(|f| f.callers)
}

fn shared_runtime_deadlocks(footprints: &[Footprint]) -> Verdict {
    // The footprint run itself is the experiment: its host threads call the shared runtime
    // concurrently, and the probe would have stopped with an error had any of them hung.
    match most_callers(footprints, Variant::Fixed) {
        Some(f) => Verdict::new(
            format!(
                "{} host threads made {} calls each through one shared runtime ({} built); all \
                 returned. The lab's tests repeat it with 16 threads released together.",
                f.callers, f.calls_per_caller, f.runtimes_built
            ),
            "False",
        ),
        None => Verdict::not_measured("no footprint of the shared runtime"),
    }
}

fn thread_local_memory(footprints: &[Footprint]) -> Verdict {
    let slope = |variant: Variant| {
        let few = find(footprints, variant, 1)?;
        let many = most_callers(footprints, variant)?;
        let threads = many.callers.checked_sub(few.callers).filter(|&t| t > 0)?;
        Some((many.rss_added() - few.rss_added(), threads))
    };
    // Like with like: each bridge's growth from 1 to many host threads. Both grow by the
    // same host threads (their stacks, the allocator's per-thread arenas); the shared
    // runtime is built once either way, so only the thread-local bridge adds a runtime per
    // extra thread. The difference of the two slopes is what one runtime adds.
    let (Some((local, threads)), Some((shared, _))) =
        (slope(Variant::ThreadLocal), slope(Variant::Fixed))
    else {
        return Verdict::not_measured("no footprints to compare");
    };
    let per_runtime = (local - shared) as f64 / threads as f64;
    let measured = format!(
        "from 1 to {} host threads, resident memory grew by {} with a runtime per thread and \
         by {} with the shared runtime: {} per extra thread-local runtime",
        threads + 1,
        signed_mib(local as f64),
        signed_mib(shared as f64),
        signed_mib(per_runtime),
    );
    let per_runtime_mib = per_runtime / (1024.0 * 1024.0);
    let what_it_shows = "What this can show is a bound, not a size: resident memory counts \
                         whole pages, and allocator caches move it by hundreds of KiB from run \
                         to run, so a per-runtime cost of a few KiB is below its resolution. \
                         The 2–4 MB figure is probably the thread's stack, reserved (virtual) \
                         for each thread whether or not it has a runtime.";
    if per_runtime_mib < 1.0 {
        Verdict::explained(measured, "False: far below 2 MB here.", what_it_shows)
    } else if per_runtime_mib <= 4.5 {
        Verdict::new(measured, "Roughly right")
    } else {
        Verdict::new(measured, "False: more here")
    }
}

fn thread_local_no_sync(callers: &anyhow::Result<Group>) -> Verdict {
    let group = match callers {
        Ok(group) => group,
        Err(err) => return Verdict::not_measured(format!("no timings ({err:#})")),
    };
    let mut parts = Vec::new();
    let (mut faster, mut slower, mut loads) = (0, 0, 0);
    for load in group.loads() {
        let (Some(local), Some(shared)) =
            (group.get("thread-local", load), group.get("fixed", load))
        else {
            continue;
        };
        let (local, shared) = (local.headline(), shared.headline());
        let ratio = Ratio::of(&local, &shared);
        loads += 1;
        let relation = if !ratio.separated {
            "indistinguishable"
        } else if ratio.point < 1.0 {
            faster += 1;
            "faster"
        } else {
            slower += 1;
            "slower"
        };
        parts.push(format!(
            "{load} callers: {} vs {} per call ({relation})",
            time(local.point),
            time(shared.point)
        ));
    }
    let measured = format!("thread-local vs shared runtime, {}", parts.join("; "));
    // The premise is wrong even where the conclusion holds: a shared runtime's `block_on`
    // synchronises little (a few atomics); what it pays is the lookup's hop to a worker and
    // back, which the context switches in `headline.md` count. The thread-local runtime is
    // faster because nothing crosses threads, and the verdict says so.
    let why = "The shared runtime's cost is not synchronisation (its `block_on` takes no lock \
               held by other callers) but the hop: the lookup's task runs on a worker, which \
               has to be woken and then wake the caller (the context switches under the \
               headline count them). A thread-local runtime runs the task on the calling \
               thread, so nothing crosses threads; it pays for that with the frozen background \
               tasks and the per-thread runtimes described below.";
    match (faster, slower) {
        _ if loads == 0 => Verdict::not_measured("no loads measured in the `callers` group"),
        (f, 0) if f == loads => {
            Verdict::explained(measured, "Faster, yes; for the reason given, no.", why)
        }
        (0, s) if s == loads => Verdict::new(measured, "False: slower here"),
        (0, 0) => Verdict::new(measured, "False: no measurable difference"),
        _ => Verdict::explained(measured, "Depends on the number of callers.", why),
    }
}

fn one_worker_per_core(footprints: &[Footprint]) -> Verdict {
    let Some(shared) = find(footprints, Variant::Fixed, 1) else {
        return Verdict::not_measured("no footprint of the shared runtime");
    };
    let workers = shared.threads_added_by_bridge();
    let available = std::thread::available_parallelism().map_or(0, |n| n.get());
    let online = online_cpus();
    let measured = format!(
        "the shared runtime added {workers} threads; `available_parallelism` is {available}, \
         /proc/cpuinfo lists {online} CPUs"
    );
    let verdict = if workers == available as isize && available == online {
        "True by default"
    } else if workers == available as isize {
        "One per *available* core (affinity or quota), not per core"
    } else {
        "False here"
    };
    Verdict::new(measured, verdict)
}

/// CPUs the kernel lists, whatever this process may use of them.
fn online_cpus() -> usize {
    std::fs::read_to_string("/proc/cpuinfo")
        .map(|info| info.lines().filter(|l| l.starts_with("processor")).count())
        .unwrap_or(0)
}
