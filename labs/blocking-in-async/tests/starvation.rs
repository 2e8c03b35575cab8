//! Did the other tasks get to run while the handler worked?
//!
//! Judged by event order, not by time: a [`Witness`] task counts its turns on the same
//! runtime, and each test checks how far the count moved between the handler's first poll and
//! its answer. A current-thread runtime with nothing but these two tasks on it runs them the
//! same way every time, so the counts below are exact.

use std::time::Duration;

use blocking_in_async::witness::{Witness, alongside};
use blocking_in_async::work::{self, ScratchFile};
use blocking_in_async::{Job, Variant, Work};

/// A job small enough for a quick test and big enough for every kind of work to do something.
fn small_job(file: &ScratchFile) -> Job {
    Job::new(7)
        .with_pause(Duration::from_millis(2))
        .with_rounds(64 * 1024)
        .with_file(file.path())
}

#[tokio::test(flavor = "current_thread")]
async fn every_anti_pattern_answers_in_one_poll_while_the_witness_waits() {
    let file = ScratchFile::create(4 * work::READ_CHUNK).unwrap();
    let witness = Witness::spawn();
    for variant in [
        Variant::Anti,
        Variant::CpuInline,
        Variant::RayonInline,
        Variant::StdFs,
        Variant::ReadyLoop,
    ] {
        let (answer, turns) = tokio::spawn(witness.turns_during(variant.handle(small_job(&file))))
            .await
            .unwrap();
        answer.unwrap();
        assert_eq!(
            turns, 0,
            "{variant}: the witness ran while the handler was working"
        );
    }
}

#[tokio::test(flavor = "current_thread")]
async fn spawning_the_blocking_work_and_awaiting_it_still_starves_the_witness() {
    // The handler yields (it awaits a JoinHandle), so the witness may take a turn while the
    // sleeping task is queued; but during the sleep itself the only thread is asleep. However
    // long the pause, the witness gets the same fixed number of turns, where a real fix gives
    // it one for every scheduler round the pause lasts.
    let witness = Witness::spawn();
    let mut counts = Vec::new();
    for pause in [Duration::from_millis(1), Duration::from_millis(20)] {
        let job = Job::new(1).with_pause(pause);
        let (answer, turns) = tokio::spawn(witness.turns_during(Variant::SpawnAwait.handle(job)))
            .await
            .unwrap();
        answer.unwrap();
        counts.push(turns);
    }
    assert_eq!(
        counts[0], counts[1],
        "the witness's turns grew with the pause: {counts:?}"
    );
    assert!(
        counts[1] <= 1,
        "the witness ran {} times during a blocking pause",
        counts[1]
    );
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn the_sleep_fix_lets_the_heartbeat_keep_every_deadline() {
    // Paused time: the clock jumps straight to the next timer whenever every task is idle, so
    // a 50 ms pause takes no real time and the heartbeat's lateness is exact.
    let heartbeat = blocking_in_async::heartbeat::Heartbeat::start(Duration::from_millis(1));
    let job = Job::new(3).with_pause(Duration::from_millis(50));
    let answer = tokio::spawn(Variant::Fixed.handle(job))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(answer, work::answer(3));
    let lateness = heartbeat.stop();
    assert_eq!(
        lateness.len(),
        50,
        "one deadline per millisecond of the pause"
    );
    assert_eq!(lateness.max(), Duration::ZERO, "no deadline was late");
}

#[tokio::test(flavor = "current_thread")]
async fn the_offloading_and_yielding_fixes_let_the_witness_run_until_it_ends_the_work() {
    // The work would run for years; the witness, spawned as the handler starts, stops it after
    // its tenth turn. The handler can only answer if the witness ran ten times while it
    // worked: no clock involved.
    for variant in [
        Variant::SpawnBlocking,
        Variant::RayonOneshot,
        Variant::YieldNow,
        Variant::ConsumeBudget,
    ] {
        let rounds = match variant.work() {
            // The loop walks its items even once stopped, so give it a finite number of them,
            // still far more than the witness needs to take ten turns between yields.
            Work::Loop => 1 << 24,
            _ => u64::MAX,
        };
        let job = Job::new(5).with_rounds(rounds);
        let stop = job.stop.clone();
        let (answer, turns) = tokio::spawn(alongside(10, move || stop.stop(), variant.handle(job)))
            .await
            .unwrap();
        answer.unwrap();
        assert!(
            turns >= 10,
            "{variant}: the witness ran only {turns} times while the handler worked"
        );
    }
}

#[test]
fn block_in_place_lets_the_witness_run_on_a_multi_thread_runtime() {
    // block_in_place needs a multi-thread runtime: one worker is enough, because the worker's
    // queue moves to a fresh thread while this one blocks.
    let runtime = blocking_in_async::runtime::multi_thread(1).unwrap();
    runtime.block_on(async {
        let job = Job::new(5).with_rounds(u64::MAX);
        let stop = job.stop.clone();
        let handler = alongside(10, move || stop.stop(), Variant::BlockInPlace.handle(job));
        let (answer, turns) = tokio::spawn(handler).await.unwrap();
        answer.unwrap();
        assert!(turns >= 10, "the witness ran only {turns} times");
    });
}
