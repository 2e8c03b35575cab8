//! The footprint table: what each bridge costs the process in threads and memory.

use runtime_per_call::footprint::Footprint;

/// Bytes in a MiB, for display.
pub const MIB: f64 = 1024.0 * 1024.0;

/// One row per variant and number of host threads.
pub fn render(footprints: &[Footprint]) -> String {
    let mut table = String::from(
        "| variant | host threads | calls each | runtimes built | threads (before → with callers) | threads added by the bridge | resident memory added |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for f in footprints {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} → {} | {} | {:+.1} MiB |\n",
            f.variant,
            f.callers,
            f.calls_per_caller,
            f.runtimes_built,
            f.before.threads,
            f.after.threads,
            f.threads_added_by_bridge(),
            f.rss_added() as f64 / MIB,
        ));
    }
    table.push_str(
        "\nRead from `/proc/self/status` (`Threads:`, `VmRSS:`) in a fresh process per row, after \
         every call returned and while the host threads were still alive. \"Threads added by the \
         bridge\" leaves out the host threads themselves.\n",
    );
    table
}
