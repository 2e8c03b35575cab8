//! Ctrl-C, and never leaving a process behind.
//!
//! Every child the runner starts (cargo, a test binary) gets a process group of its own, so that
//! one `killpg` reaches the child and anything it spawned. The price is that the terminal's
//! Ctrl-C, which goes to the *foreground* process group only, no longer reaches those children:
//! a test binary stuck in the very deadlock the exercise is about would outlive us. So the
//! runner catches Ctrl-C itself, signals every group it has running, and exits with 130, the
//! status a shell reports for a process stopped by SIGINT.
//!
//! The registry of running groups is a mutex-guarded list. [`spawn`] holds the lock while it
//! starts the child, so a Ctrl-C in between cannot miss a child that has just started.

use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::Mutex;

use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;

/// The process groups running now, with the signal each should get on Ctrl-C.
static RUNNING: Mutex<Vec<(Pid, Signal)>> = Mutex::new(Vec::new());

/// Files to put back on Ctrl-C: a path and the bytes it must hold (see [`Borrowed`]).
static BORROWED: Mutex<Vec<(PathBuf, Vec<u8>)>> = Mutex::new(Vec::new());

/// Makes Ctrl-C stop every running child group, then the runner.
pub fn install() -> anyhow::Result<()> {
    ctrlc::set_handler(|| {
        // A poisoned lock only means another thread panicked while holding it; the list is
        // still the best knowledge we have of what to stop.
        let running = RUNNING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (group, signal) in running.iter() {
            let _ = killpg(*group, *signal);
        }
        let borrowed = BORROWED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (path, original) in borrowed.iter() {
            let _ = std::fs::write(path, original);
        }
        eprintln!("\ninterrupted");
        std::process::exit(130);
    })?;
    Ok(())
}

/// A child in its own process group, registered for Ctrl-C until this value is dropped.
pub struct Group {
    group: Pid,
}

/// Starts `command` as the leader of a new process group and registers the group.
///
/// `on_interrupt` is what the group gets on Ctrl-C: SIGINT lets cargo stop its rustc children
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

/// A file whose contents are temporarily replaced, restored when this value is dropped or on
/// Ctrl-C, whichever comes first. `verify` uses it to try alternative answers in place of the
/// (untouched) starter without ever leaving one behind.
pub struct Borrowed {
    path: PathBuf,
}

impl Borrowed {
    /// Remembers `original` as what `path` must hold again, then writes `replacement` there.
    pub fn replace(path: &Path, original: Vec<u8>, replacement: &[u8]) -> io::Result<Borrowed> {
        BORROWED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push((path.to_path_buf(), original));
        let borrowed = Borrowed {
            path: path.to_path_buf(),
        };
        std::fs::write(path, replacement)?;
        Ok(borrowed)
    }
}

impl Drop for Borrowed {
    fn drop(&mut self) {
        let mut borrowed = BORROWED
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(at) = borrowed.iter().position(|(path, _)| *path == self.path) {
            let (path, original) = borrowed.remove(at);
            if let Err(err) = std::fs::write(&path, original) {
                eprintln!(
                    "could not restore {}: {err}; `cargo workshop reset` restores it",
                    path.display()
                );
            }
        }
    }
}
