//! `outcomes.md`, `actor.md` and `offload.md`: the experiments behind the chapter's tables.

use std::fmt::Write as _;
use std::process::Command;
use std::time::Duration;

use detached_tasks::actor::{Actor, StoreError};
use detached_tasks::contract::usual;
use detached_tasks::offload::Offload;
use detached_tasks::scenario::paused_runtime;
use detached_tasks::{Abandoned, Kind, Supervised, Variant, Variants};

/// The first argument that makes the probe the rayon experiment's child.
pub const CHILD_FLAG: &str = "--rayon-child";

/// When the caller gives up on the usual batch: 7 of its 12 jobs are still running.
pub const GIVE_UP: Duration = Duration::from_millis(25);

/// One supervisor's runs on the usual batch.
#[derive(Debug, Clone)]
pub struct Run {
    pub variant: Variant,
    pub supervised: Supervised,
    pub abandoned: Abandoned,
}

impl Run {
    /// Outcomes of jobs of `kind` that the report holds, right.
    pub fn reported(&self, kind: Kind) -> usize {
        let jobs = usual();
        match &self.supervised.result {
            Ok(report) => jobs
                .iter()
                .filter(|j| j.kind == kind && report.outcomes.get(&j.id) == Some(&j.expected()))
                .count(),
            Err(_) => 0,
        }
    }
}

/// Every supervisor, run to its end and abandoned at [`GIVE_UP`].
pub fn supervisors() -> Vec<Run> {
    let jobs = usual();
    Variant::all()
        .iter()
        .map(|&variant| Run {
            variant,
            supervised: variant.supervise_paused(&jobs),
            abandoned: variant.abandon_paused(&jobs, GIVE_UP),
        })
        .collect()
}

/// The table of [`supervisors`].
pub fn outcomes(runs: &[Run]) -> String {
    let jobs = usual();
    let of = |kind: Kind| jobs.iter().filter(|j| j.kind == kind).count();
    let still = jobs.iter().filter(|j| j.takes > GIVE_UP).count();
    let mut out = format!(
        "The usual batch: {} jobs of 10 to 50 ms ({} succeed, {} fail, {} panic), on paused \
         time. *Reported*: outcomes in the report, right, of each kind. *Ran on*: jobs that \
         ended after the caller dropped `run` {} ms into the batch, when {still} were still \
         running.\n\n",
        jobs.len(),
        of(Kind::Succeed),
        of(Kind::Fail),
        of(Kind::Panic),
        GIVE_UP.as_millis(),
    );
    out.push_str("| variant | values reported | errors reported | panics reported | `run` itself | ran on after the caller gave up |\n");
    out.push_str("| --- | ---: | ---: | ---: | --- | ---: |\n");
    for run in runs {
        let ended = match &run.supervised.result {
            Ok(_) => "returned".to_string(),
            Err(message) => format!("panicked (`{message}`)"),
        };
        let _ = writeln!(
            out,
            "| `{}` | {} of {} | {} of {} | {} of {} | {ended} | {} of {still} |",
            run.variant,
            run.reported(Kind::Succeed),
            of(Kind::Succeed),
            run.reported(Kind::Fail),
            of(Kind::Fail),
            run.reported(Kind::Panic),
            of(Kind::Panic),
            run.abandoned.ended_after,
        );
    }
    out
}

/// The requests both actors are sent, in order.
pub const REQUESTS: [(&str, &str, Option<u64>); 6] = [
    ("put", "a", Some(1)),
    ("get", "a", None),
    ("put", "a", Some(2)),
    ("put", "b", Some(3)),
    ("get", "a", None),
    ("get", "b", None),
];

/// Each request's answer, from each actor, and how each actor's task ended.
#[derive(Debug, Clone)]
pub struct Conversation {
    /// `(anti, fixed)` answers, one pair per request, as text.
    pub answers: Vec<(String, String)>,
    /// How each actor's task ended after its last handle was dropped: `(anti, fixed)`.
    pub ended: (String, String),
    /// Requests that failed only because the actor was gone: `(anti, fixed)`.
    pub gone: (usize, usize),
}

fn answer<T: std::fmt::Debug>(result: &Result<T, StoreError>) -> String {
    match result {
        Ok(value) => format!("`Ok({value:?})`"),
        Err(StoreError::Rejected(rejected)) => format!("`Rejected`: {rejected}"),
        Err(StoreError::Gone) => "`Gone`".to_owned(),
    }
}

fn talk(actor: Actor) -> (Vec<String>, String, usize) {
    paused_runtime().block_on(async move {
        let (store, task) = actor.spawn();
        let mut answers = Vec::new();
        let mut gone = 0;
        for (op, key, value) in REQUESTS {
            let text = if op == "put" {
                let result = store.put(key, value.unwrap_or_default()).await;
                gone += usize::from(result == Err(StoreError::Gone));
                answer(&result)
            } else {
                let result = store.get(key).await;
                gone += usize::from(result == Err(StoreError::Gone));
                answer(&result)
            };
            answers.push(text);
        }
        drop(store);
        let ended = match task.await {
            Ok(()) => "returned when its last handle was dropped".to_owned(),
            Err(err) if err.is_panic() => format!(
                "panicked: `{}`",
                detached_tasks::contract::panic_message(&*err.into_panic())
            ),
            Err(err) => err.to_string(),
        };
        (answers, ended, gone)
    })
}

/// Both actors, sent [`REQUESTS`].
pub fn conversation() -> Conversation {
    let (anti, anti_end, anti_gone) = talk(Actor::Anti);
    let (fixed, fixed_end, fixed_gone) = talk(Actor::Fixed);
    Conversation {
        answers: anti.into_iter().zip(fixed).collect(),
        ended: (anti_end, fixed_end),
        gone: (anti_gone, fixed_gone),
    }
}

/// The table of [`conversation`].
pub fn actor(conversation: &Conversation) -> String {
    let mut out = String::from(
        "The same six requests, one after the other, to each actor (a write-once shelf: a \
         second `put` of a key is refused):\n\n| request | `anti` (`.unwrap()`) | `fixed` (the \
         error in the reply) |\n| --- | --- | --- |\n",
    );
    for ((op, key, value), (anti, fixed)) in REQUESTS.iter().zip(&conversation.answers) {
        let request = match value {
            Some(v) => format!("`{op}({key:?}, {v})`"),
            None => format!("`{op}({key:?})`"),
        };
        let _ = writeln!(out, "| {request} | {anti} | {fixed} |");
    }
    let _ = writeln!(
        out,
        "| the actor's task | {} | {} |",
        conversation.ended.0, conversation.ended.1
    );
    let _ = writeln!(
        out,
        "\nRequests that failed only because the actor was gone: {} of {} to `anti`, {} to `fixed`.",
        conversation.gone.0,
        REQUESTS.len(),
        conversation.gone.1
    );
    out
}

/// How one child process of the rayon experiment ended.
#[derive(Debug, Clone)]
pub struct Child {
    pub offload: Offload,
    /// The signal that ended it, if one did (6 is SIGABRT).
    pub signal: Option<i32>,
    /// Its exit code, if it exited.
    pub code: Option<i32>,
    /// Its error path's line, if it printed one.
    pub handled: Option<String>,
    /// Whether it went on serving to the end.
    pub served_on: bool,
    /// Whether rayon said it was aborting.
    pub rayon_aborted: bool,
}

/// Runs this probe again as the child, once per way of offloading.
pub fn children() -> anyhow::Result<Vec<Child>> {
    let exe = std::env::current_exe()?;
    Offload::all()
        .iter()
        .map(|&offload| {
            let out = Command::new(&exe)
                .arg(CHILD_FLAG)
                .arg(offload.name())
                .env("RUST_BACKTRACE", "0")
                .output()?;
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            #[cfg(unix)]
            let signal = std::os::unix::process::ExitStatusExt::signal(&out.status);
            #[cfg(not(unix))]
            let signal = None;
            Ok(Child {
                offload,
                signal,
                code: out.status.code(),
                handled: stdout
                    .lines()
                    .find(|l| l.starts_with("handled"))
                    .map(str::to_owned),
                served_on: stdout.contains("still serving"),
                rayon_aborted: stderr.contains("aborting"),
            })
        })
        .collect()
}

/// The table of [`children`].
pub fn offload(children: &[Child]) -> String {
    let mut out = format!(
        "Each row is a child process: a current-thread Tokio runtime scores a batch `[4, 0, 2]` \
         on rayon (`1 000 000 / row`: the zero panics), prints what its error path saw, then \
         serves good batches for {} ms more and prints `still serving`.\n\n| offload | how the \
         process ended | its error path printed | served on |\n| --- | --- | --- | --- |\n",
        detached_tasks::offload::SERVE_ON.as_millis()
    );
    for child in children {
        let ended = match (child.signal, child.code) {
            (Some(6), _) => format!(
                "**killed by SIGABRT** (a shell's exit status 134){}",
                if child.rayon_aborted {
                    "; rayon: `detected unexpected panic; aborting`"
                } else {
                    ""
                }
            ),
            (Some(signal), _) => format!("killed by signal {signal}"),
            (None, Some(code)) => format!("exit code {code}"),
            (None, None) => "unknown".to_owned(),
        };
        let handled = child
            .handled
            .as_deref()
            .map_or("nothing".to_owned(), |l| format!("`{l}`"));
        let _ = writeln!(
            out,
            "| `{}` | {ended} | {handled} | {} |",
            child.offload.name(),
            if child.served_on { "yes" } else { "no" }
        );
    }
    out
}
