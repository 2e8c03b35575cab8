//! `memory.md`: the peak heap of every download against the body's size, and the resident
//! memory of the largest.

use std::fmt::Write as _;

use evidence::number::bytes;

use crate::Run;

/// One row per body size, one column per download (five short columns and the size).
pub fn render(runs: &[Run]) -> String {
    let names = names(runs);
    let mut sizes: Vec<u64> = runs.iter().map(|r| r.held.len).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let mut out = String::from(
        "Peak heap held by one download, above what the process held before it, against the \
         size of the body:\n\n| body |",
    );
    for name in &names {
        let _ = write!(out, " `{name}` |");
    }
    out.push_str("\n| ---: |");
    out.push_str(&" ---: |".repeat(names.len()));
    out.push('\n');
    for &len in &sizes {
        let _ = write!(out, "| {} |", bytes(len as f64));
        for name in &names {
            let cell =
                find(runs, name, len).map_or("—".to_string(), |r| bytes(r.held.peak_heap as f64));
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    if let Some(&largest) = sizes.last() {
        let _ = write!(
            out,
            "\nResident memory of the process downloading {} (the kernel's `VmHWM`, peak, against \
             `VmRSS` just before the download):",
            bytes(largest as f64)
        );
        for name in &names {
            if let Some(r) = find(runs, name, largest) {
                let _ = write!(
                    out,
                    " `{name}` {} (from {});",
                    bytes(r.resident_peak as f64),
                    bytes(r.resident_before as f64)
                );
            }
        }
        out.pop();
        out.push_str(".\n");
    }
    out
}

/// The downloads in the order they were measured.
pub fn names(runs: &[Run]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for run in runs {
        if !names.contains(&run.download) {
            names.push(run.download.clone());
        }
    }
    names
}

/// The run of `name` on a body of `len` bytes.
pub fn find<'a>(runs: &'a [Run], name: &str, len: u64) -> Option<&'a Run> {
    runs.iter()
        .find(|r| r.download == name && r.held.len == len)
}
