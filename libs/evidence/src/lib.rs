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
//!   fragment. [`fragment`] writes those fragments, and [`svg`] stamps plots; with the `plot`
//!   feature, `plot` draws the frame every probe's plot shares.
//!
//! It is also the lab kit's skeleton for probes and demos, so that what every lab repeats is
//! written once: [`cli`] (the probe's command line, its run context, the one `fn main`),
//! [`claims`] (the claims table), [`compare`] (a ratio with its confidence range), [`number`]
//! (how every number is written) and [`palette`] (the colours of every plot).
//!
//! A probe's whole skeleton, with the lesson left to the lab:
//!
//! ```no_run
//! use clap::Parser;
//! use evidence::{Probe, ProbeArgs, Ratio, Verdict};
//!
//! /// Measure what criterion does not.
//! #[derive(Parser)]
//! #[command(name = "probe")]
//! struct Args {
//!     #[command(flatten)]
//!     probe: ProbeArgs,
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     evidence::cli::main(|args: Args| {
//!         let probe = Probe::start(&args.probe)?;
//!         let calls = probe.group("calls")?;
//!         let (anti, fixed) = (calls.get("anti", "100"), calls.get("fixed", "100"));
//!         probe.write_claims(|id| match (id, anti, fixed) {
//!             ("faster", Some(a), Some(f)) => {
//!                 let ratio = Ratio::of(&a.headline(), &f.headline());
//!                 Some(Verdict::new(format!("anti/fixed = {}", ratio.with_range()), "True"))
//!             }
//!             _ => None,
//!         })
//!     })
//! }
//! ```

pub mod claims;
pub mod cli;
pub mod compare;
pub mod criterion;
pub mod fragment;
pub mod limit;
pub mod number;
pub mod palette;
#[cfg(feature = "plot")]
pub mod plot;
pub mod stamp;
pub mod svg;
pub mod variant;

pub use claims::Verdict;
pub use cli::{Probe, ProbeArgs};
pub use compare::Ratio;
pub use criterion::{Estimate, Group, Measurement};
pub use fragment::write_fragment;
pub use stamp::{Mode, Stamp};
pub use variant::Variants;
