//! Verdicts on the claims that guides make about bridging sync code to async code.
//!
//! Each verdict is computed here from this run's measurements, never typed: the footprints
//! this probe took and criterion's estimates for the `callers` group. A claim the catalogue
//! lists but this file does not know gets no verdict here, and the kit's claims table says so
//! in its row, so a new claim cannot be skipped silently.

use evidence::number::time;
use evidence::{Group, Ratio, Verdict};
use runtime_per_call::Variant;
use runtime_per_call::footprint::Footprint;

use crate::footprint_table::signed_mib;

/// The verdict on the claim `id`, or `None` for a claim this probe has no experiment for.
pub fn judge(
    id: &str,
    footprints: &[Footprint],
    callers: &anyhow::Result<Group>,
) -> Option<Verdict> {
    Some(match id {
        "shared-runtime-deadlocks" => shared_runtime_deadlocks(footprints),
        "thread-local-memory" => thread_local_memory(footprints),
        "thread-local-no-sync" => thread_local_no_sync(callers),
        "one-worker-per-core" => one_worker_per_core(footprints),
        _ => return None,
    })
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
    let (Some(local), Some(shared)) = (
        most_callers(footprints, Variant::ThreadLocal),
        most_callers(footprints, Variant::Fixed),
    ) else {
        return Verdict::not_measured("no footprints to compare");
    };
    // Compare with the shared runtime at the same number of host threads, so the threads'
    // own stacks and the allocator's per-thread arenas cancel out.
    let per_thread = (local.rss_added() - shared.rss_added()) as f64 / local.callers as f64;
    let measured = format!(
        "{} resident per calling thread beyond the shared runtime ({} host threads: {} vs {})",
        signed_mib(per_thread),
        local.callers,
        signed_mib(local.rss_added() as f64),
        signed_mib(shared.rss_added() as f64),
    );
    let per_thread_mib = per_thread / (1024.0 * 1024.0);
    let verdict = if per_thread_mib < 1.5 {
        "False: far less here"
    } else if per_thread_mib <= 4.5 {
        "Roughly right"
    } else {
        "False: more here"
    };
    Verdict::new(measured, verdict)
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
    let verdict = match (faster, slower) {
        _ if loads == 0 => evidence::claims::NOT_MEASURED,
        // Faster is what we can measure; "no synchronisation" we cannot, and its costs are
        // elsewhere (frozen background tasks, a runtime per thread), so the verdict says so.
        (f, 0) if f == loads => "Faster here, at the costs shown above",
        (0, s) if s == loads => "False: slower here",
        (0, 0) => "False: no measurable difference",
        _ => "Depends on the number of callers",
    };
    Verdict::new(
        format!("thread-local vs shared runtime, {}", parts.join("; ")),
        verdict,
    )
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
