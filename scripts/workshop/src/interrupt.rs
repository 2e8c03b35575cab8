//! Ctrl-C, a closed terminal, a `kill`: never leaving a process behind.
//!
//! Every child the runner starts (cargo, a test binary) gets a process group of its own, so that
//! one `killpg` reaches the child and anything it spawned. The price is that signals the
//! terminal sends (Ctrl-C's SIGINT, Ctrl-\'s SIGQUIT, a closed window's SIGHUP), which go to the
//! *foreground* process group only, no longer reach those children: a test binary stuck in the
//! very deadlock the exercise is about would outlive us. So the runner catches every signal
//! that would end it (INT, TERM, HUP, QUIT), signals every group it has running, removes its
//! scratch directories, and exits with 128 + the signal's number, the status a shell reports for
//! a process ended by that signal (130 for Ctrl-C). SIGKILL cannot be caught; for that, each
//! child also has a parent-death signal (see [`crate::launch`]).
//!
//! signal-hook hands the signals to an ordinary thread, so the handler may lock and allocate.
//! The registry of running groups is a mutex-guarded list. [`spawn`] holds the lock while it
//! starts the child, so a signal in between cannot miss a child that has just started; the
//! handler keeps the lock until the process exits, so nothing new starts after it.

use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::Mutex;

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

/// The process groups running now, with the signal each should get when we are stopped.
static RUNNING: Mutex<Vec<(Pid, Signal)>> = Mutex::new(Vec::new());

/// Directories to remove when we are stopped (see [`Scratch`]).
static SCRATCH: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Makes every terminating signal stop every running child group, then the runner.
pub fn install() -> anyhow::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            stop(signal);
        }
    });
    Ok(())
}

/// Kills what runs, removes what is scratch, and exits as `signal` would have ended us.
fn stop(signal: i32) -> ! {
    // A poisoned lock only means another thread panicked while holding it; the list is still
    // the best knowledge we have of what to stop.
    let running = RUNNING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for (group, on_stop) in running.iter() {
        let _ = killpg(*group, *on_stop);
    }
    let scratch = SCRATCH
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for dir in scratch.iter() {
        let _ = std::fs::remove_dir_all(dir);
    }
    match Signal::try_from(signal) {
        Ok(Signal::SIGINT) => eprintln!("\ninterrupted"),
        Ok(name) => eprintln!("\nstopped by {name}"),
        Err(_) => eprintln!("\nstopped by signal {signal}"),
    }
    std::process::exit(128 + signal);
}

/// A child in its own process group, registered for signals until this value is dropped.
pub struct Group {
    group: Pid,
}

/// Starts `command` as the leader of a new process group and registers the group.
///
/// `on_interrupt` is what the group gets when we are stopped: SIGINT lets cargo stop its rustc children
/// cleanly, as the terminal would have; a test binary gets SIGKILL because a deadlocked one may
/// not be able to act on anything gentler.
pub fn spawn(command: &mut Command, on_interrupt: Signal) -> io::Result<(Child, Group)> {
    let mut running = RUNNING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let child = command.process_group(0).spawn()?;
    // With process_group(0) the child's group id is its own pid.
    let group = Pid::from_raw(child.id() as i32);
    running.push((group, on_interrupt));
    Ok((child, Group { group }))
}

impl Group {
    /// Sends SIGKILL to everything in the group: the child if it still runs, and whatever it
    /// left behind. Harmless when the group is already empty.
    pub fn kill(&self) {
        let _ = killpg(self.group, Signal::SIGKILL);
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let mut running = RUNNING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        running.retain(|(group, _)| *group != self.group);
    }
}

/// A directory that is removed if we are stopped by a signal, registered until this value is
/// dropped. Its owner removes it on every other path (verify's is a `tempfile::TempDir`).
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    /// Registers `dir` for removal on a signal.
    pub fn register(dir: &Path) -> Scratch {
        SCRATCH
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(dir.to_path_buf());
        Scratch {
            dir: dir.to_path_buf(),
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        SCRATCH
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .retain(|dir| *dir != self.dir);
    }
}
