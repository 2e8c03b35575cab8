//! Many threads, one converter: every call numbered once by its one session, every call
//! counted, none overlapping; and the converter may move to another thread.

use std::collections::BTreeSet;

use exercise_send_sync::ffi;

use crate::Api;

const THREADS: usize = 8;
const CALLS: usize = 200;

/// `threads` threads each call a shared converter `calls` times: the answers, the
/// converter's count, the session's overlaps.
pub fn hammer<C: Api + Sync>(threads: usize, calls: usize) -> (Vec<String>, u64, u64) {
    let session = ffi::open();
    let converter = C::open(session.clone());
    let answers = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|thread| {
                let converter = &converter;
                scope.spawn(move || {
                    (0..calls)
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
    (answers, converter.calls(), session.overlaps())
}

/// One call on a thread the converter was moved to.
pub fn moved<C: Api + Send + 'static>() -> (String, u64) {
    let converter = C::open(ffi::open());
    std::thread::spawn(move || (converter.convert("moved"), converter.calls()))
        .join()
        .expect("the thread")
}

#[test]
fn every_call_from_every_thread_is_numbered_once_and_counted() {
    let (answers, calls, overlaps) = (crate::traits::suite().hammer)(THREADS, CALLS);
    let total = (THREADS * CALLS) as u64;
    let numbers: BTreeSet<u64> = answers
        .iter()
        .filter_map(|answer| answer.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(overlaps, 0, "calls overlapped inside the library");
    assert_eq!(
        numbers,
        (1..=total).collect::<BTreeSet<_>>(),
        "every call must go through the one session, numbered once"
    );
    assert_eq!(calls, total);
}

#[test]
fn the_converter_can_move_to_another_thread() {
    let (answer, calls) = (crate::traits::suite().moved)();
    assert_eq!(answer, "1:MOVED");
    assert_eq!(calls, 1);
}
