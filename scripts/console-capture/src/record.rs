//! Recording one variant: start its demo, read console-subscriber's stream, stop the demo.
//!
//! The steps, each bounded in time so that a capture can never hang:
//!
//! 1. start the demo on a free loopback port ([`crate::demo`]);
//! 2. connect to its `Instrument` service, retrying until it answers (the demo needs a moment
//!    to bind), for at most [`Limits::connect`]; a demo that exits first is reported with its
//!    last lines of output;
//! 3. read updates until the demo prints that its workload is over, and then until an update
//!    the subscriber sent after that moment announces nothing new (see below);
//! 4. ask for the poll-time histogram of every task the lint and the table need
//!    (`WatchTaskDetails`, the call behind tokio-console's task detail view) and keep the
//!    first reply;
//! 5. kill the demo's process group and wait for it, whatever happened above.
//!
//! The whole of it is bounded by [`Limits::total`].
//!
//! # Keeping the subscriber's aggregator awake
//!
//! console-subscriber 0.5 records task spawns, resources and async operations as events on a
//! channel, which its aggregator drains only when it wakes up: on its publish tick (once a
//! second), when the channel is half full, or when a client sends it a command. Each wake-up
//! drains at most 128 events, because the drain loop polls the channel with Tokio's
//! cooperative budget (`recv_now_or_never` in its `aggregator/mod.rs`). A demo that spawns
//! thousands of tasks in a second therefore shows up in tokio-console a trickle at a time: the
//! first capture of `runtime-per-call anti` saw 47 of its 400 calls. (Poll counts, wakes and
//! times are not events; they are counters the aggregator reads live, so they are never late.)
//!
//! The capture sends the aggregator a harmless command (`Resume`, while the stream is live
//! anyway) every [`POKE_EVERY`], so that it keeps up while the workload runs, and it stops at
//! the first update, sent after the workload ended, that announces no new task, resource or
//! operation: by then nothing is left to drain (or after [`SETTLE_LIMIT`], for a demo that
//! keeps creating timers while it holds). (Asking for the full state instead, as a new
//! subscriber does, is no way to check: when the full state is too large for one message the
//! aggregator makes it fit by forgetting finished tasks, histograms included.)

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result, anyhow, bail};
use console_api::instrument::instrument_client::InstrumentClient;
use console_api::instrument::{InstrumentRequest, ResumeRequest, TaskDetailsRequest};
use console_snapshot::Recording;
use console_snapshot::recording::Update;
use tonic::transport::{Channel, Endpoint};

use crate::convert::{self, Converter};
use crate::demo::Demo;
use crate::port;

/// How long each phase may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// From starting the demo to the first update.
    pub connect: Duration,
    /// From starting the demo to having stopped it.
    pub total: Duration,
}

/// The largest message we accept: the full state carries every task since the start, and a
/// demo that starts hundreds of runtimes has hundreds of worker threads among its tasks.
const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// Waits past the end of the workload by this much before trusting an update to be final,
/// because the subscriber's clock and ours are read separately.
const CLOCK_MARGIN: Duration = Duration::from_millis(50);

/// The longest wait for a quiet update after the workload ended.
const SETTLE_LIMIT: Duration = Duration::from_secs(3);

/// How often the aggregator is woken while the workload runs: 100 wake-ups a second drain up
/// to 12 800 events a second, and cost the demo next to nothing.
const POKE_EVERY: Duration = Duration::from_millis(10);

/// Blocking tasks whose histograms are fetched: more than the task table ever shows.
const BUSIEST_BLOCKING: usize = 32;

/// Runs `exe <variant>` under console-subscriber and records what it reports.
pub async fn variant(
    exe: &Path,
    lab: &str,
    variant: &str,
    demo_args: &[String],
    port: u16,
    limits: Limits,
) -> Result<Recording> {
    let started = SystemTime::now();
    // The demo holds for as long as we could possibly need; we stop it as soon as we are done.
    let hold = limits.total.as_secs().max(1);
    let mut demo = Demo::start(exe, variant, demo_args, port, hold)?;
    let outcome = tokio::time::timeout(
        limits.total,
        session(&mut demo, (lab, variant, demo_args), port, started, limits),
    )
    .await;
    let result = match outcome {
        Ok(result) => result,
        Err(_) => Err(anyhow!(
            "`{lab}` `{variant}` did not finish within {} s (see --timeout); the demo's last output:\n{}",
            limits.total.as_secs(),
            demo.tail()
        )),
    };
    demo.stop().await;
    result
}

async fn session(
    demo: &mut Demo,
    (lab, variant, demo_args): (&str, &str, &[String]),
    port: u16,
    started: SystemTime,
    limits: Limits,
) -> Result<Recording> {
    let mut converter = Converter::new(started);
    let mut client = connect(demo, port, started, limits.connect).await?;
    let mut stream = client
        .watch_updates(InstrumentRequest {})
        .await
        .context("the demo's console server refused the update stream")?
        .into_inner();

    let mut updates = Vec::new();
    let mut connected_at = None;
    let mut ended_at = None;
    let mut poke = tokio::time::interval(POKE_EVERY);
    loop {
        let message = tokio::select! {
            message = stream.message() => message,
            _ = poke.tick() => {
                client.resume(ResumeRequest {}).await.context("the demo's console server stopped answering")?;
                continue;
            }
        };
        let Some(update) = message.context("the update stream failed")? else {
            bail!(
                "the demo closed the update stream; its last output:\n{}",
                demo.last_words().await
            );
        };
        if let Some(status) = demo.exited()? {
            bail!(
                "the demo exited ({status}) before its workload was recorded (is --hold \
                 supported?); its last output:\n{}",
                demo.last_words().await
            );
        }
        let update = converter.update(update)?;
        connected_at.get_or_insert(converter.since_start(SystemTime::now()));
        ended_at = ended_at.or(demo.workload_ended_at());
        let (now, quiet) = (update.now, announces_nothing(&update));
        updates.push(update);
        if let Some(ended) = ended_at {
            // Stamped after the workload ended, so every counter has its final value; and
            // nothing new, so the aggregator had nothing left to drain. A demo that keeps
            // creating things while it holds (a ticking timer) is never quiet: then the
            // backlog of the workload has had SETTLE_LIMIT of pokes to drain, which is plenty.
            let after = |wait: Duration| now >= converter.since_start(ended + wait);
            if (after(CLOCK_MARGIN) && quiet) || after(SETTLE_LIMIT) {
                break;
            }
        }
    }
    drop(stream);

    let mut poll_times = BTreeMap::new();
    for id in histograms_wanted(&updates) {
        let request = TaskDetailsRequest {
            id: Some(console_api::Id { id }),
        };
        // A task the subscriber no longer knows is answered with an error; it just has no
        // histogram, and the lint falls back on what busy time proves.
        let Ok(response) = client.watch_task_details(request).await else {
            continue;
        };
        if let Ok(Some(details)) = response.into_inner().message().await
            && let Some(times) = convert::poll_times(details)
        {
            poll_times.insert(id, times);
        }
    }

    Ok(Recording {
        lab: lab.to_string(),
        variant: variant.to_string(),
        demo_args: demo_args.to_vec(),
        connected_at: connected_at.unwrap_or_default(),
        workload_ended: ended_at.map(|at| converter.since_start(at)),
        updates,
        poll_times,
        thinned: None,
    })
}

/// Whether an update announces no new task, resource or async operation.
fn announces_nothing(update: &Update) -> bool {
    update.new_tasks.is_empty()
        && update.new_resources.is_empty()
        && update.new_async_ops.is_empty()
}

/// The tasks whose histograms are worth a request: every task the long-poll lint judges (all
/// but blocking ones), and the busiest blocking ones, which head the task table.
///
/// Not simply all: a demo that reads files through `tokio::fs` starts a blocking task per
/// read, ten thousand in a second, and each request costs the demo's aggregator a pass over
/// all of them.
fn histograms_wanted(updates: &[Update]) -> Vec<u64> {
    let mut kinds = BTreeMap::new();
    let mut busy = BTreeMap::new();
    for update in updates {
        for task in &update.new_tasks {
            kinds.insert(task.id, task.kind == "blocking");
        }
        for (id, stats) in &update.task_stats {
            busy.insert(*id, stats.busy_ns);
        }
    }
    let mut blocking: Vec<(u64, u64)> = kinds
        .iter()
        .filter(|(_, is_blocking)| **is_blocking)
        .map(|(id, _)| (busy.get(id).copied().unwrap_or(0), *id))
        .collect();
    blocking.sort_by(|a, b| b.cmp(a));
    let mut wanted: Vec<u64> = kinds
        .iter()
        .filter(|(_, is_blocking)| !**is_blocking)
        .map(|(id, _)| *id)
        .collect();
    wanted.extend(blocking.iter().take(BUSIEST_BLOCKING).map(|(_, id)| *id));
    wanted
}

/// Connects to the demo's console server, retrying until it answers or `limit` has passed
/// since the demo started.
async fn connect(
    demo: &mut Demo,
    port: u16,
    started: SystemTime,
    limit: Duration,
) -> Result<InstrumentClient<Channel>> {
    let endpoint = Endpoint::from_shared(format!("http://{}", port::loopback(port)))?
        .connect_timeout(Duration::from_millis(500));
    loop {
        if let Some(status) = demo.exited()? {
            bail!(
                "the demo exited ({status}) before serving tokio-console on port {port}; its last output:\n{}",
                demo.last_words().await
            );
        }
        if let Ok(channel) = endpoint.connect().await {
            return Ok(InstrumentClient::new(channel).max_decoding_message_size(MAX_MESSAGE_BYTES));
        }
        if started.elapsed().unwrap_or_default() > limit {
            bail!(
                "nothing answered on 127.0.0.1:{port} within {} s of starting the demo. Was it \
                 built with its `console` feature, and does it serve console-subscriber on \
                 --console-port? Its last output:\n{}",
                limit.as_secs(),
                demo.tail()
            );
        }
        // The demo binds within milliseconds of starting; polling often keeps the first update
        // close to the start without busy-waiting.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
