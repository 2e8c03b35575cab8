//! Verdicts on the claims that guides make about bridging sync code to async code.
//!
//! Each verdict is computed here from this run's measurements, never typed: the footprints
//! this probe took and criterion's estimates for the `callers` group. A claim the catalogue
//! lists but this file does not know gets a row saying so, so a new claim cannot be skipped
//! silently.

use std::path::Path;

use catalogue::Entry;
use evidence::criterion;
use runtime_per_call::Variant;
use runtime_per_call::footprint::Footprint;

use crate::footprint_table::MIB;

/// The claims table, one row per claim of the catalogue entry.
pub fn render(entry: &Entry, footprints: &[Footprint], criterion_dir: &Path) -> String {
    let mut table = String::from("| claim | what we measured | verdict |\n| --- | --- | --- |\n");
    for claim in &entry.claims {
        let (measured, verdict) = match claim.id.as_str() {
            "shared-runtime-deadlocks" => shared_runtime_deadlocks(footprints),
            "thread-local-memory" => thread_local_memory(footprints),
            "thread-local-no-sync" => thread_local_no_sync(criterion_dir),
            "one-worker-per-core" => one_worker_per_core(footprints),
            other => (
                format!("the probe has no measurement for `{other}`"),
                "not measured".into(),
            ),
        };
        table.push_str(&format!(
            "| {} | {measured} | **{verdict}** |\n",
            claim.claim
        ));
    }
    table
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

fn shared_runtime_deadlocks(footprints: &[Footprint]) -> (String, String) {
    // The footprint run itself is the experiment: its host threads call the shared runtime
    // concurrently, and the probe would have stopped with an error had any of them hung.
    match most_callers(footprints, Variant::Fixed) {
        Some(f) => (
            format!(
                "{} host threads made {} calls each through one shared runtime ({} built); all \
                 returned. The lab's tests repeat it with 16 threads released together.",
                f.callers, f.calls_per_caller, f.runtimes_built
            ),
            "False".into(),
        ),
        None => (
            "no footprint of the shared runtime".into(),
            "not measured".into(),
        ),
    }
}

fn thread_local_memory(footprints: &[Footprint]) -> (String, String) {
    let (Some(local), Some(shared)) = (
        most_callers(footprints, Variant::ThreadLocal),
        most_callers(footprints, Variant::Fixed),
    ) else {
        return ("no footprints to compare".into(), "not measured".into());
    };
    // Compare with the shared runtime at the same number of host threads, so the threads'
    // own stacks and the allocator's per-thread arenas cancel out.
    let per_thread = (local.rss_added() - shared.rss_added()) as f64 / local.callers as f64 / MIB;
    let measured = format!(
        "{:.2} MiB resident per calling thread beyond the shared runtime ({} host threads: {:+.1} \
         MiB vs {:+.1} MiB)",
        per_thread,
        local.callers,
        local.rss_added() as f64 / MIB,
        shared.rss_added() as f64 / MIB,
    );
    let verdict = if per_thread < 1.5 {
        "False: far less here"
    } else if per_thread <= 4.5 {
        "Roughly right"
    } else {
        "False: more here"
    };
    (measured, verdict.into())
}

fn thread_local_no_sync(criterion_dir: &Path) -> (String, String) {
    let group = match criterion::load_group(criterion_dir, "runtime-per-call/callers") {
        Ok(group) => group,
        Err(err) => {
            return (
                format!("no timings ({err}); run `cargo xtask book runtime-per-call`"),
                "not measured".into(),
            );
        }
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
        loads += 1;
        let relation = if !local.separated_from(&shared) {
            "indistinguishable"
        } else if local.point < shared.point {
            faster += 1;
            "faster"
        } else {
            slower += 1;
            "slower"
        };
        parts.push(format!(
            "{load} callers: {:.2} µs vs {:.2} µs per call ({relation})",
            local.point / 1e3,
            shared.point / 1e3
        ));
    }
    let verdict = match (faster, slower) {
        _ if loads == 0 => "not measured",
        // Faster is what we can measure; "no synchronisation" we cannot, and its costs are
        // elsewhere (frozen background tasks, a runtime per thread), so the verdict says so.
        (f, 0) if f == loads => "Faster here, at the costs shown above",
        (0, s) if s == loads => "False: slower here",
        (0, 0) => "False: no measurable difference",
        _ => "Depends on the number of callers",
    };
    (
        format!("thread-local vs shared runtime, {}", parts.join("; ")),
        verdict.into(),
    )
}

fn one_worker_per_core(footprints: &[Footprint]) -> (String, String) {
    let Some(shared) = find(footprints, Variant::Fixed, 1) else {
        return (
            "no footprint of the shared runtime".into(),
            "not measured".into(),
        );
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
    (measured, verdict.into())
}

/// CPUs the kernel lists, whatever this process may use of them.
fn online_cpus() -> usize {
    std::fs::read_to_string("/proc/cpuinfo")
        .map(|info| info.lines().filter(|l| l.starts_with("processor")).count())
        .unwrap_or(0)
}
