//! The footprint table: what each bridge costs the process in threads and memory.

use evidence::number::{count, mib};
use runtime_per_call::footprint::Footprint;

/// One row per variant and number of host threads.
pub fn render(footprints: &[Footprint]) -> String {
    let mut table = String::from(
        "| variant | host threads | calls each | runtimes built | threads (before → with callers) | threads added by the bridge | resident memory added |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for f in footprints {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} → {} | {} | {} |\n",
            f.variant,
            count(f.callers as u64),
            count(f.calls_per_caller),
            count(f.runtimes_built as u64),
            count(f.before.threads as u64),
            count(f.after.threads as u64),
            count(f.threads_added_by_bridge() as i64),
            signed_mib(f.rss_added() as f64),
        ));
    }
    table.push_str(
        "\nRead from `/proc/self/status` (`Threads:`, `VmRSS:`) in a fresh process per row, after \
         every call returned and while the host threads were still alive. \"Threads added by the \
         bridge\" leaves out the host threads themselves.\n",
    );
    table
}

/// A change in memory with its sign: `+1.50 MiB`, `-0.0200 MiB`.
pub fn signed_mib(bytes: f64) -> String {
    let sign = if bytes < 0.0 { "-" } else { "+" };
    format!("{sign}{}", mib(bytes.abs()))
}
