//! Many threads, one converter: every call numbered once by its one session, every call
//! counted, none overlapping.

use std::collections::BTreeSet;

use exercise_send_sync::{Converter, ffi};

const THREADS: usize = 8;
const CALLS: usize = 200;

#[test]
fn every_call_from_every_thread_is_numbered_once_and_counted() {
    let session = ffi::open();
    let converter = Converter::open(session.clone());
    let answers: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|thread| {
                let converter = &converter;
                scope.spawn(move || {
                    (0..CALLS)
                        .map(|call| converter.convert(&format!("t{thread}c{call}")))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a worker thread"))
            .collect()
    });
    let total = (THREADS * CALLS) as u64;
    let numbers: BTreeSet<u64> = answers
        .iter()
        .filter_map(|answer| answer.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(session.overlaps(), 0, "calls overlapped inside the library");
    assert_eq!(
        numbers,
        (1..=total).collect::<BTreeSet<_>>(),
        "every call must go through the one session, numbered once"
    );
    assert_eq!(converter.calls(), total);
}

#[test]
fn the_converter_can_move_to_another_thread() {
    let session = ffi::open();
    let converter = Converter::open(session.clone());
    let (answer, calls) = std::thread::spawn(move || (converter.convert("moved"), converter.calls()))
        .join()
        .expect("the thread");
    assert_eq!(answer, "1:MOVED");
    assert_eq!(calls, 1);
    assert_eq!(session.numbered(), 1);
}
