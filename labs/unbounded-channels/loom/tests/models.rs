//! The models, explored by loom (`--features loom`) or run once on real threads (without).
//!
//! Under loom, a deadlock is not a failed assertion: loom's scheduler finds every thread
//! blocked and panics with "deadlock" from inside its own machinery, in the middle of a model
//! whose threads it then abandons. So that nothing of that run (the panic, loom's state after
//! it) can reach another test, the deadlocking model runs in a child process: this same test
//! binary started again with only that (ignored) test selected. The parent test checks how the
//! child ended: a failure whose output names a deadlock. The design without a cycle runs in-process and must pass
//! every interleaving loom explores.
//!
//! Both run with a preemption bound of 2 (loom explores every schedule in which running
//! threads are interrupted at most twice; a thread that blocks hands over for free), as
//! Tokio's own loom suite does. Unbounded, the design without a cycle has more schedules than
//! fit in the lab's time budget: on the project's two-core machine, four jobs at bound 2 take
//! about ten seconds, at bound 3 more than five minutes. `LOOM_MAX_PREEMPTIONS` overrides it.

use unbounded_channels_loom::model;

#[cfg(feature = "loom")]
mod under_loom {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use wait_timeout::ChildExt;

    use super::model;

    /// Set in the child's environment, so the ignored test knows it was started on purpose.
    const CHILD: &str = "UNBOUNDED_CHANNELS_LOOM_CHILD";
    /// Far more than loom needs to find the deadlock (well under a second in release).
    const CHILD_TIME_LIMIT: Duration = Duration::from_secs(120);
    /// See the module doc.
    const PREEMPTION_BOUND: usize = 2;

    /// Loom's settings for both models: the environment's, else a preemption bound of 2.
    fn builder() -> loom::model::Builder {
        let mut builder = loom::model::Builder::new();
        if std::env::var_os("LOOM_MAX_PREEMPTIONS").is_none() {
            builder.preemption_bound = Some(PREEMPTION_BOUND);
        }
        builder
    }

    #[test]
    fn replies_over_a_oneshot_never_deadlock_in_any_interleaving() {
        let started = Instant::now();
        builder().check(|| {
            assert_eq!(model::oneshot_reply(), model::expected());
        });
        eprintln!(
            "oneshot-reply: every schedule within the preemption bound passed, in {:?}",
            started.elapsed()
        );
    }

    #[test]
    #[ignore = "fails by design when loom finds the deadlock; run in a child process by the_cycle_of_bounded_channels_deadlocks"]
    fn explore_the_cycle() {
        if std::env::var_os(CHILD).is_none() {
            eprintln!(
                "skipped: this model fails by design (loom finds the deadlock), so it only runs in \
                 the child process that the_cycle_of_bounded_channels_deadlocks starts"
            );
            return;
        }
        builder().check(|| {
            assert_eq!(model::cycle(), model::expected());
        });
    }

    #[test]
    fn the_cycle_of_bounded_channels_deadlocks() {
        let started = Instant::now();
        let mut child = Command::new(std::env::current_exe().expect("the test binary's path"))
            .args([
                "--exact",
                "under_loom::explore_the_cycle",
                "--ignored",
                "--nocapture",
            ])
            .env(CHILD, "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start the child test process");
        let Some(status) = child
            .wait_timeout(CHILD_TIME_LIMIT)
            .expect("waiting for the child")
        else {
            child.kill().expect("cannot stop the child");
            panic!("loom explored the cycle for {CHILD_TIME_LIMIT:?} without finding the deadlock");
        };
        let output = child.wait_with_output().expect("the child's output");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            !status.success(),
            "loom explored every interleaving of the cycle and found no deadlock:\n{text}"
        );
        assert!(
            text.contains("deadlock"),
            "the child failed ({status}), but not with loom's deadlock report:\n{text}"
        );
        eprintln!(
            "cycle: loom reported the deadlock in {:?}",
            started.elapsed()
        );
    }
}

#[cfg(not(feature = "loom"))]
mod on_real_threads {
    use unbounded_channels_loom::channel::Bounded;
    use unbounded_channels_loom::sync::thread;

    use super::model;

    #[test]
    fn replies_over_a_oneshot_deliver_every_answer() {
        // One schedule per run, whichever the OS picks; loom is what covers all of them.
        for _ in 0..50 {
            assert_eq!(model::oneshot_reply(), model::expected());
        }
    }

    #[test]
    fn the_channel_keeps_order_and_makes_a_full_sender_wait_for_the_receiver() {
        let channel = Bounded::new(2);
        let sender = {
            let channel = channel.clone();
            thread::spawn(move || (0..100).for_each(|n| channel.send(n)))
        };
        let received: Vec<u32> = (0..100).map(|_| channel.recv()).collect();
        sender.join().unwrap();
        assert_eq!(received, (0..100).collect::<Vec<_>>());
    }
}
