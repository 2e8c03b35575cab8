//! `idle.md`, `file-op.md`, `cancel.md` and `shutdown.md`: the experiments, as tables.

use std::fmt::Write as _;

use anyhow::Result;
use evidence::Variants;
use evidence::number::duration;
use fs_for_devices::Variant;

use crate::experiments::{self, Flavour};

/// Idle ports per variant in `idle.md`.
pub const IDLE_PORTS: usize = 16;

/// The pool's cap (and the silent ports) in `file-op.md`.
pub const FILE_OP_CAP: usize = 4;

pub fn idle() -> Result<String> {
    let mut out = format!(
        "{IDLE_PORTS} ports, each a FIFO with a reader waiting for its next line; where the \
         readers wait, counted from `/proc`, and the blocking pool's busy threads from Tokio's \
         runtime metrics:\n\n\
         | variant | runtime | threads in `read(2)` | on the reactor | pool threads busy |\n\
         | --- | --- | ---: | ---: | ---: |\n"
    );
    for &variant in Variant::all() {
        for flavour in [Flavour::CurrentThread, Flavour::MultiThread] {
            let idle = experiments::idle(variant, flavour, IDLE_PORTS)?;
            let _ = writeln!(
                out,
                "| `{variant}` | {} | {} | {} | {} |",
                flavour.name(),
                idle.in_read,
                idle.on_reactor,
                idle.pool_busy
            );
        }
    }
    Ok(out)
}

pub fn file_op() -> Result<String> {
    let mut out = format!(
        "A blocking pool capped at {FILE_OP_CAP} threads (`max_blocking_threads`), {FILE_OP_CAP} \
         silent ports, then one `tokio::fs::metadata` call:\n\n\
         | variant | served while the ports are silent | jobs queued for a thread |\n\
         | --- | --- | ---: |\n"
    );
    for &variant in Variant::all() {
        let op = experiments::file_op(variant, FILE_OP_CAP)?;
        let served = if op.served_while_silent {
            "yes"
        } else {
            "no: after the first message"
        };
        let _ = writeln!(out, "| `{variant}` | {served} | {} |", op.queued);
    }
    Ok(out)
}

pub fn cancel() -> Result<Vec<(Variant, experiments::Cancelled)>> {
    Variant::all()
        .iter()
        .map(|&variant| Ok((variant, experiments::cancelled(variant)?)))
        .collect()
}

pub fn cancel_table(rows: &[(Variant, experiments::Cancelled)]) -> String {
    let mut out = String::from(
        "A read polled until its reader waits, then dropped (as a `select!` drops its losing \
         branch). Then a line written and read on the same port; then the port dropped during \
         a second read, two lines written (`first`, `second`), and a new port opened:\n\n\
         | variant | in `read(2)` after the cancel | the kept port reads | in `read(2)` after the drop | the new port reads |\n\
         | --- | ---: | --- | ---: | --- |\n",
    );
    for (variant, c) in rows {
        let _ = writeln!(
            out,
            "| `{variant}` | {} | {} | {} | {} |",
            c.in_read_after_cancel,
            quoted(c.kept_port_got.as_deref()),
            c.in_read_after_drop,
            quoted(c.new_port_got.as_deref()),
        );
    }
    out
}

fn quoted(line: Option<&str>) -> String {
    line.map_or_else(|| "end of file".into(), |l| format!("`{l}`"))
}

pub fn shutdown_text(anti: &experiments::Shutdown, fixed: &experiments::Shutdown) -> String {
    let says = |s: &experiments::Shutdown| {
        if s.returned_before_data {
            "returned at once".to_string()
        } else {
            format!(
                "had not returned after {}; it returned {} after the probe wrote a line",
                duration(s.waited),
                duration(s.returned_after_data)
            )
        }
    };
    format!(
        "Dropping a multi-thread runtime while one port is silent (the reader task detached): \
         with `anti` the drop {}; with `fixed` it {}.\n",
        says(anti),
        says(fixed)
    )
}
