//! `cargo xtask book`: measure, report, build the book.
//!
//! This is the one command behind every number in the book. For each lab, in catalogue order:
//!
//! 1. clear the lab's old criterion results, build its bench, then run it (quick or full);
//! 2. build and run its probe, if it has one;
//! 3. write its tables and plots ([`crate::report`]);
//!
//! then, in full mode or with `--console`, capture the tokio-console snapshots
//! ([`crate::console`]); then regenerate `SUMMARY.md` and build the book with the pinned mdBook. Every step prints
//! the command it runs, and the end prints how long each lab spent measuring, so that quick
//! mode's time budget can be checked rather than assumed.

use std::time::{Duration, SystemTime};

use anyhow::Result;
use catalogue::{Catalogue, Entry};
use evidence::Mode;

use crate::workspace::{Workspace, human};
use crate::{bench, console, generate, mdbook, record, report, stalls, workshop_sample};

/// Quick mode's whole measuring time, every lab included, once everything is built: the
/// main job must stay within five minutes on CI's two cores.
pub const QUICK_BUDGET: Duration = Duration::from_secs(300);
/// The labs the budget is shared between: the four of the first release and the fourteen
/// filed after them. A lab's share is the budget over this or the catalogue's size, whichever
/// is larger, so a lab that fits its share today still fits when the others land.
pub const PLANNED_LABS: u32 = 18;

/// One lab's share of [`QUICK_BUDGET`], for a catalogue of `labs` entries.
pub fn share(labs: usize) -> Duration {
    QUICK_BUDGET / PLANNED_LABS.max(u32::try_from(labs).unwrap_or(u32::MAX))
}

/// How long one lab took, phase by phase.
struct LabTiming {
    id: String,
    build: Duration,
    measure: Duration,
    probe: Option<Duration>,
}

/// Runs the whole pipeline for the named labs (all of them when `labs` is empty).
pub fn run(workspace: &Workspace, labs: &[String], mode: Mode, snapshots: bool) -> Result<()> {
    let catalogue = workspace.catalogue()?;
    let entries = select(&catalogue, labs)?;
    let criterion_dir = workspace.criterion_dir();
    let mut timings = Vec::new();

    for entry in &entries {
        println!("\n=== {}: measuring in {mode} mode", entry.id);
        bench::clear(&criterion_dir, &entry.id)?;
        let build = bench::build(entry)?;
        println!("--- {}: bench built in {}", entry.id, human(build));
        // The sources as they are when the bench starts are the ones its numbers belong to.
        let sources =
            record::fingerprint(&workspace.root, &record::sources(&workspace.root, entry));
        let bench_started = SystemTime::now();
        let measure = bench::measure(entry, mode)?;
        let finished = SystemTime::now();
        record::save(
            &criterion_dir,
            &entry.id,
            mode,
            bench_started,
            finished,
            sources,
        )?;
        println!("--- {}: measured in {}", entry.id, human(measure));

        let probe = if bench::has_probe(workspace, entry) {
            println!("\n=== {}: probe", entry.id);
            bench::build_probe(entry)?;
            let took = bench::probe(workspace, entry, mode)?;
            println!("--- {}: probe ran in {}", entry.id, human(took));
            Some(took)
        } else {
            println!("({} has no probe binary; skipping it)", entry.id);
            None
        };

        println!("\n=== {}: report", entry.id);
        for path in report::report_lab(workspace, entry)? {
            println!(
                "wrote {}",
                path.strip_prefix(&workspace.root)
                    .unwrap_or(&path)
                    .display()
            );
        }
        timings.push(LabTiming {
            id: entry.id.clone(),
            build,
            measure,
            probe,
        });
    }

    // The stall detector is measured on every lab's demo: only when every lab is.
    if labs.is_empty() {
        stalls::run(workspace, mode)?;
    }
    // Printed before the book is built, so the numbers survive a failing build.
    print_timings(&timings, mode, share(catalogue.entries().len()));
    if snapshots {
        println!("\n=== tokio-console snapshots");
        console::capture(&entries, mode)?;
    } else if entries.iter().any(|e| console::wanted(e)) {
        println!(
            "\n(tokio-console snapshots are not refreshed in quick mode, to keep it short: \
             `cargo xtask console` or `cargo xtask book --console` refreshes them.)"
        );
    }
    build(workspace, &catalogue, mode)
}

/// Regenerates the catalogue's derived files and the Workshop chapter's sample, builds the book with the pinned
/// mdBook and says where it is.
pub fn build(workspace: &Workspace, catalogue: &Catalogue, mode: Mode) -> Result<()> {
    println!("\n=== the book");
    write_generated(catalogue)?;
    workshop_sample::refresh(workspace, mode)?;
    let mdbook = mdbook::ensure(workspace)?;
    let index = mdbook::build(workspace, &mdbook)?;
    println!("\nThe book is at {}", index.display());
    Ok(())
}

/// The catalogue entries for `names`, in catalogue order; all of them when `names` is empty.
///
/// An unknown name is a [`catalogue::Error::Unknown`], which lists the valid names; `main`
/// turns it into exit code 2 (a usage error, as for a bad flag).
pub fn select<'a>(catalogue: &'a Catalogue, names: &[String]) -> Result<Vec<&'a Entry>> {
    for name in names {
        catalogue.get(name)?;
    }
    Ok(catalogue
        .entries()
        .iter()
        .filter(|e| names.is_empty() || names.contains(&e.id))
        .collect())
}

/// Writes every file derived from the catalogue that is out of date (see [`generate`]).
pub fn write_generated(catalogue: &Catalogue) -> Result<()> {
    let written = generate::write(catalogue).map_err(anyhow::Error::msg)?;
    for path in &written {
        println!("wrote {}", path.display());
    }
    if written.is_empty() {
        println!("Every generated file was up to date.");
    }
    Ok(())
}

/// The time each lab spent measuring (bench and probe; builds do not count), against its share
/// of the quick budget, naming every lab that is over.
fn print_timings(timings: &[LabTiming], mode: Mode, share: Duration) {
    println!("\nTime per lab ({mode} mode; builds excluded):");
    let mut total = Duration::ZERO;
    let mut over = Vec::new();
    for t in timings {
        let spent = t.measure + t.probe.unwrap_or_default();
        total += spent;
        let probe = t
            .probe
            .map_or_else(|| "no probe".to_string(), |d| format!("probe {}", human(d)));
        let verdict = if mode != Mode::Quick {
            String::new()
        } else if spent > share {
            over.push(t.id.as_str());
            format!("  OVER its share of {}", human(share))
        } else {
            format!("  within its share of {}", human(share))
        };
        println!(
            "  {:<28} bench {:>8}   {probe:<16} build {:>8}{verdict}",
            t.id,
            human(t.measure),
            human(t.build)
        );
    }
    if mode == Mode::Quick {
        println!(
            "  all measured labs: {} of the {} budget ({} per lab for {} labs)",
            human(total),
            human(QUICK_BUDGET),
            human(share),
            PLANNED_LABS
        );
        if !over.is_empty() {
            println!(
                "  over their share: {}. Shorten their quick runs (fewer loads or variants in \
                 quick mode, a shorter probe) before more labs land.",
                over.join(", ")
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lab_gets_its_share_of_the_budget_for_the_planned_labs_or_more() {
        assert_eq!(share(4), QUICK_BUDGET / 18);
        assert_eq!(share(30), QUICK_BUDGET / 30);
        assert!(share(18) * 18 <= QUICK_BUDGET);
    }
}
