//! A head start for the test command's last two steps.
//!
//! The `book` step needs mdBook, which a fresh machine installs by compiling it, and the
//! `browser` step needs `book-check`, whose DevTools client is a large build of its own. Done
//! when their steps come, the two compiles cost about two and a half minutes of a run that
//! must fit in fifteen. Yet long stretches of the earlier steps leave a core idle: tests that
//! wait on a paused clock or a child process, the workshop's verify building one small crate at
//! a time. So both compiles start with the run, at the lowest CPU priority (`nice -n 19`): they
//! take only what the foreground leaves, and the steps before them hardly notice.
//!
//! Each builds in a target directory of its own, so it never holds the lock on the
//! workspace's. Their output goes to a log file under the target directory, shown only when
//! one fails; the step that needs the tool then says so and builds it in the foreground
//! (where the error is the plain one a person would see).
//!
//! Before the `stalls` step the run waits for both to finish: the stall detector measures how
//! long polls take, and a compiler on the other core is the kind of neighbour that steals time
//! from them. If the process is killed, a compile already started runs to its end (it writes
//! only under the target directory); a normal exit or an error stops it first, and Ctrl-C
//! reaches it as it reaches every step's command.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use crate::mdbook;
use crate::workspace::{self, Workspace, human};

/// Where `book-check` is built: its own target directory (see the module doc).
pub fn book_check_target_dir(workspace: &Workspace) -> PathBuf {
    workspace.target_dir.join("book-check")
}

/// The build of `book-check`, in its own target directory; the browser step runs the same
/// command, which then finds everything built.
pub fn book_check_build(workspace: &Workspace) -> Command {
    let mut command = workspace::cargo();
    command
        .args(["build", "--quiet", "-p", "book-check", "--target-dir"])
        .arg(book_check_target_dir(workspace));
    command
}

/// The compiles started in the background, until [`HeadStart::finish`] waits for them.
pub struct HeadStart {
    jobs: Vec<Job>,
}

/// One background compile.
struct Job {
    what: &'static str,
    child: Child,
    log: PathBuf,
    started: Instant,
}

impl HeadStart {
    /// Starts what the last steps will need and is not there yet; none of the last steps
    /// will run when `skip` names them both.
    pub fn start(workspace: &Workspace, skip: &[String]) -> HeadStart {
        let skipped = |step: &str| skip.iter().any(|s| s == step);
        let mut jobs = Vec::new();
        if !skipped("book") && !mdbook::is_installed(workspace) {
            jobs.extend(Job::start(
                workspace,
                "mdBook",
                mdbook::install_command(workspace),
            ));
        }
        if !skipped("browser") {
            jobs.extend(Job::start(
                workspace,
                "book-check",
                book_check_build(workspace),
            ));
        }
        HeadStart { jobs }
    }

    /// Waits for every background compile, and says how each ended. A failure is not an
    /// error here: the step that needs the tool tries again in the foreground and reports it.
    pub fn finish(&mut self, workspace: &Workspace) {
        for mut job in self.jobs.drain(..) {
            let waited = Instant::now();
            match job.child.wait() {
                Ok(status) if status.success() => println!(
                    "Head start: {} built in the background ({} in all, {} of it waited for here).",
                    job.what,
                    human(job.started.elapsed()),
                    human(waited.elapsed())
                ),
                ended => {
                    println!(
                        "Head start: building {} in the background failed ({}); its step builds \
                         it again in the foreground. The background log, {}:",
                        job.what,
                        ended.map_or_else(|e| e.to_string(), |s| s.to_string()),
                        job.log.display()
                    );
                    print!("{}", tail(&job.log, 20));
                }
            }
        }
        mdbook::remove_build_dir(workspace);
    }
}

impl Drop for HeadStart {
    /// Stops what is still running: a run that stops early must not leave compiles behind.
    fn drop(&mut self) {
        for job in &mut self.jobs {
            let _ = job.child.kill();
            let _ = job.child.wait();
        }
    }
}

impl Job {
    /// Starts `command` at the lowest priority, its output to a log; `None`, with a note, when
    /// it cannot start (the step will then build in the foreground).
    fn start(workspace: &Workspace, what: &'static str, command: Command) -> Option<Job> {
        let log = workspace
            .target_dir
            .join(format!("head-start-{}.log", what.to_lowercase()));
        let started = Instant::now();
        let spawned = File::create(&log).and_then(|out| {
            let err = out.try_clone()?;
            niced(&command)
                .stdin(Stdio::null())
                .stdout(out)
                .stderr(err)
                .spawn()
        });
        match spawned {
            Ok(child) => {
                println!(
                    "Head start: building {what} in the background at low priority ({}).",
                    workspace::display(&command)
                );
                Some(Job {
                    what,
                    child,
                    log,
                    started,
                })
            }
            Err(err) => {
                println!("Head start: cannot build {what} in the background ({err}).");
                None
            }
        }
    }
}

/// `command` run under `nice -n 19`, in the same directory and with the same environment.
fn niced(command: &Command) -> Command {
    let mut niced = Command::new("nice");
    niced
        .args(["-n", "19"])
        .arg(command.get_program())
        .args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        niced.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => niced.env(key, value),
            None => niced.env_remove(key),
        };
    }
    niced
}

/// The last `lines` lines of a log file, or a note that it cannot be read.
fn tail(path: &Path, lines: usize) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let all: Vec<&str> = text.lines().collect();
            let from = all.len().saturating_sub(lines);
            all[from..].iter().map(|l| format!("    {l}\n")).collect()
        }
        Err(err) => format!("    (cannot read it: {err})\n"),
    }
}
