//! Calls from many host threads must run at the same time, not one after another.
//!
//! One shared runtime is the fix, but a runtime that serves one call at a time (behind a
//! mutex held across `block_on`, or one server thread answering requests in turn) is the
//! same cost paid differently: every host thread waits for every other one. Whether calls
//! *happened* to overlap would depend on timing, so the test makes it a yes-or-no question:
//! `make_fetches_meet(THREADS)` (in `support.rs`) makes every fetch wait until `THREADS`
//! fetches have started. Calls that can run together all get there and carry on at once;
//! calls that run one at a time never do, and the first one waits forever. The only clock
//! here is the hang guard that turns "forever" into a failure: a run that works needs a few
//! milliseconds, so only a run that cannot finish ever reaches it.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use exercise_runtime_per_call::lookup;
use exercise_runtime_per_call::support::{expected, fetches_in_flight, make_fetches_meet};

const THREADS: u64 = 8;
const CALLS: u64 = 5;
/// How long to wait for the next answer before calling the calls serialised (a hang guard).
const HANG_GUARD: Duration = Duration::from_secs(3);

#[test]
fn calls_from_eight_threads_run_at_the_same_time() {
    make_fetches_meet(THREADS as usize);
    let (done, answers) = mpsc::channel();
    for t in 0..THREADS {
        let done = done.clone();
        // Not scoped: if the calls never meet, these threads never end, and the test must
        // still be able to report it.
        std::thread::spawn(move || {
            for i in 0..CALLS {
                let key = t * 1_000 + i;
                let _ = done.send((key, lookup(key)));
            }
        });
    }
    drop(done);
    for _ in 0..THREADS * CALLS {
        match answers.recv_timeout(HANG_GUARD) {
            Ok((key, answer)) => {
                assert_eq!(answer, Ok(expected(key)), "wrong answer for key {key}")
            }
            Err(RecvTimeoutError::Timeout) => panic!(
                "{THREADS} threads called at once, but only {} of their fetches were ever \
                 running together (each waits for {THREADS} to have started): the calls run one \
                 at a time. Is a lock held across `block_on`, or does one thread serve every \
                 call in turn? A shared runtime lets every thread `block_on` at once",
                fetches_in_flight()
            ),
            Err(RecvTimeoutError::Disconnected) => {
                panic!("a calling thread panicked; its message is above")
            }
        }
    }
}
