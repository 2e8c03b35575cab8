//! Many host threads calling at once: they must share one runtime and all get right answers.

use std::sync::Barrier;

use exercise_runtime_per_call::lookup;
use exercise_runtime_per_call::support::{expected, runtimes_seen};

const THREADS: u64 = 8;
const CALLS: u64 = 25;

#[test]
fn eight_threads_share_one_runtime() {
    // Released together so they really race to the first call, and kept alive until all are
    // done so that nothing a thread owns can be handed on to another.
    let (start, end) = (
        Barrier::new(THREADS as usize),
        Barrier::new(THREADS as usize),
    );
    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let (start, end) = (&start, &end);
            scope.spawn(move || {
                start.wait();
                for i in 0..CALLS {
                    let key = t * 1_000 + i;
                    assert_eq!(lookup(key), Ok(expected(key)), "wrong answer for key {key}");
                }
                end.wait();
            });
        }
    });
    assert_eq!(
        runtimes_seen(),
        1,
        "{THREADS} threads were served by {} runtimes; one runtime can serve every thread",
        runtimes_seen()
    );
}
