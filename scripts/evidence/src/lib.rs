//! Evidence: the numbers in the book, read from where they were measured and stamped with
//! where and when.
//!
//! Every table and plot in the book comes from a run on a real machine. A number without its
//! context is worth little (a Tokio runtime takes far longer to start on a busy two-core VM
//! than on a quiet workstation), so this crate does two jobs and keeps them together:
//!
//! - [`criterion`] reads criterion's own output (`target/criterion/**/new/*.json`) and turns
//!   it into typed [`Measurement`]s: which variant, at which load, how long on average, and
//!   how sure we are (the 95% confidence interval).
//! - [`stamp`] collects the [`Stamp`]: CPU, OS, compiler, Tokio version, date, commit and
//!   measurement mode, rendered as one markdown line that goes under every generated
//!   fragment. [`fragment`] writes those fragments, and [`svg`] stamps plots.
//!
//! Both `cargo xtask` and each lab's `probe` binary use this crate, so it depends on nothing
//! but `serde` and `serde_json`: probes are rebuilt on every measurement run, and whatever we
//! add here is compiled into each of them.
//!
//! A probe, given `--out <dir> --criterion <dir> --mode quick|full`, uses it like this:
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let (out, criterion_dir) = (std::path::Path::new("out"), std::path::Path::new("target/criterion"));
//! let stamp = evidence::Stamp::collect(&evidence::workspace_root(), "quick".parse()?);
//! let callers = evidence::criterion::load_group(criterion_dir, "runtime-per-call/callers")?;
//! let fixed = callers.get("fixed", "8").expect("measured").mean_per_element();
//! let body = format!("One call through the shared runtime: {fixed:?} ns");
//! evidence::write_fragment(out, "claims.md", &stamp, &body)?;
//! # Ok(())
//! # }
//! ```

pub mod criterion;
pub mod fragment;
pub mod stamp;
pub mod svg;

use std::path::{Path, PathBuf};

pub use criterion::{Estimate, Group, Measurement};
pub use fragment::write_fragment;
pub use stamp::{Mode, Stamp};

/// The workspace root: two levels above this crate's manifest (`scripts/evidence`).
///
/// Probes need it to find `Cargo.lock` (for the Tokio version) and the git work tree (for the
/// commit) when they collect a [`Stamp`].
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("scripts/evidence sits two levels below the workspace root")
        .to_path_buf()
}
