//! Where the threads run: the part of a cross-thread call that belongs to the machine.
//!
//! A call through the shared runtime and the `limit` round trip both wake another thread and
//! wait to be woken back. What that costs depends less on either program than on where the
//! kernel put the two threads. On one core a wake-up is a context switch: a microsecond or
//! two. On two cores the woken thread's core may be idle, and an idle core of a virtual
//! machine has halted: waking it takes an interrupt through the hypervisor, tens of
//! microseconds, much of it spent in the kernel on both sides. Which of the two a run gets
//! changes from run to run (the scheduler moves threads as it sees fit), so two measurements
//! of the same code can disagree by ten times and neither is wrong.
//!
//! So the probe measures `fixed` against its `limit` twice, each time in a fresh child
//! process: once pinned to one core, where every wake-up is a plain context switch and the
//! comparison is between the two programs, and once free to run anywhere, where it is also
//! between two states of the machine. [`pin_to_one_core`] does the pinning; threads started
//! after it inherit it, so it must run before the runtime and the helper thread exist.

use std::io;

use nix::sched::{CpuSet, sched_getaffinity, sched_setaffinity};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};

/// Where a measurement let its threads run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum Placement {
    /// Every thread of the process on the first core it was allowed.
    OneCore,
    /// Wherever the kernel puts them, among the cores the process was allowed.
    AnyCore,
}

impl Placement {
    /// Both placements, in the order the chapter shows them.
    pub const ALL: [Placement; 2] = [Placement::OneCore, Placement::AnyCore];

    /// The name on the child's command line.
    pub fn name(self) -> &'static str {
        match self {
            Placement::OneCore => "one-core",
            Placement::AnyCore => "any-core",
        }
    }
}

/// The cores this process may run on.
pub fn allowed_cores() -> io::Result<Vec<usize>> {
    // Pid 0 is the calling thread; at start-up it carries the process's mask.
    let set = sched_getaffinity(Pid::from_raw(0))?;
    Ok((0..CpuSet::count())
        .filter(|&cpu| set.is_set(cpu).unwrap_or(false))
        .collect())
}

/// Pins the calling thread, and every thread it starts afterwards, to its first allowed core.
///
/// Returns the core. Call it before any other thread exists: threads started earlier keep
/// the mask they had.
pub fn pin_to_one_core() -> io::Result<usize> {
    let cores = allowed_cores()?;
    let &core = cores
        .first()
        .ok_or_else(|| io::Error::other("this process may run on no core at all"))?;
    let mut set = CpuSet::new();
    set.set(core)?;
    sched_setaffinity(Pid::from_raw(0), &set)?;
    Ok(core)
}

/// Times the process's threads were moved to another core, summed over every thread alive.
///
/// Linux counts them per thread as `se.nr_migrations` in `/proc/self/task/<tid>/sched`; `None`
/// where that file is missing (a kernel without scheduler statistics).
pub fn migrations() -> Option<u64> {
    let mut total = 0;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let sched = std::fs::read_to_string(task.ok()?.path().join("sched")).ok()?;
        total += parse_migrations(&sched)?;
    }
    Some(total)
}

fn parse_migrations(sched: &str) -> Option<u64> {
    sched.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "se.nr_migrations")
            .then(|| value.trim().parse().ok())
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_migration_count() {
        let sched = "probe (4242, #threads: 3)\n\
                     -------------------------------------------------------------------\n\
                     se.exec_start                                :      12345.678901\n\
                     se.nr_migrations                             :                   17\n\
                     nr_switches                                  :                  902\n";
        assert_eq!(parse_migrations(sched), Some(17));
        assert_eq!(parse_migrations("nr_switches : 3\n"), None);
    }

    #[test]
    fn a_pinned_thread_runs_only_on_its_core() {
        // On a thread of its own: pinning the test harness's thread would pin the other tests.
        std::thread::spawn(|| {
            let core = pin_to_one_core().expect("a thread may narrow its own mask");
            assert_eq!(allowed_cores().expect("readable"), vec![core]);
            // A thread started after the pin inherits it.
            let inherited = std::thread::spawn(allowed_cores)
                .join()
                .expect("no panic")
                .expect("readable");
            assert_eq!(inherited, vec![core]);
        })
        .join()
        .expect("the pinned thread ran to the end");
    }
}
