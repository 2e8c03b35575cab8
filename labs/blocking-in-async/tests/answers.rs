//! One contract: every variant gives the same answer for the same request, on every runtime
//! flavour it can run on, and the one that cannot says so by panicking.

use std::time::Duration;

use blocking_in_async::work::{self, ScratchFile};
use blocking_in_async::{Flavor, HandlerError, Job, Variant, Variants, Work};

fn expected(job: &Job, work_kind: Work) -> u64 {
    match work_kind {
        Work::Sleep => work::answer(job.key),
        Work::Cpu => work::crunch(job.key, job.rounds, &job.stop),
        Work::Parallel => work::crunch_parallel_expected(job),
        Work::File => work::read_file(job).unwrap(),
        Work::Loop => work::lookup_sum_expected(job),
    }
}

#[test]
fn every_variant_gives_the_expected_answer_on_every_flavour_it_runs_on() {
    // Five chunks and a half, so the last read is a short one.
    let file = ScratchFile::create(5 * work::READ_CHUNK + work::READ_CHUNK / 2).unwrap();
    for &flavor in Flavor::all() {
        let runtime = flavor.runtime().unwrap();
        for variant in Variant::all().iter().copied().filter(|v| v.runs_on(flavor)) {
            for key in [0, 1, 42] {
                let job = Job::new(key)
                    .with_pause(Duration::from_millis(1))
                    .with_rounds(10_000)
                    .with_file(file.path());
                let want = expected(&job, variant.work());
                let got = runtime
                    .block_on(async { tokio::spawn(variant.handle(job)).await })
                    .unwrap()
                    .unwrap();
                assert_eq!(got, want, "{variant} on {flavor}, key {key}");
            }
        }
    }
}

#[test]
fn the_answer_depends_on_all_of_the_work() {
    // Otherwise the optimiser could skip rounds, or a variant could skip reading the file.
    let stop = blocking_in_async::Stop::default();
    assert_ne!(work::crunch(1, 1000, &stop), work::crunch(1, 1001, &stop));
    assert_ne!(work::crunch(1, 1000, &stop), work::crunch(2, 1000, &stop));
    let (small, large) = (
        ScratchFile::create(1000).unwrap(),
        ScratchFile::create(2000).unwrap(),
    );
    assert_ne!(
        work::read_file(&Job::new(1).with_file(small.path())).unwrap(),
        work::read_file(&Job::new(1).with_file(large.path())).unwrap()
    );
}

#[tokio::test(flavor = "current_thread")]
async fn block_in_place_panics_on_a_current_thread_runtime() {
    let job = Job::new(1).with_rounds(10);
    let result = tokio::spawn(Variant::BlockInPlace.handle(job)).await;
    let error = HandlerError::from(result.expect_err("block_in_place must panic here"));
    let HandlerError::Panicked(message) = error else {
        panic!("expected a panic, got {error}");
    };
    assert!(message.contains("multi-threaded runtime"), "{message}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_missing_file_is_an_error_not_a_panic() {
    for variant in Work::File.variants() {
        let job = Job::new(1).with_file(std::path::Path::new("/nonexistent/blocking-in-async"));
        let error = variant
            .handle(job)
            .await
            .expect_err("the file does not exist");
        assert!(matches!(error, HandlerError::Io(_)), "{variant}: {error}");
    }
}
