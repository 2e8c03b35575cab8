//! Where a thread's time went: on a core, waiting for one, or asleep.
//!
//! A long poll either computes (the thread is on a core, or waiting for one) or waits
//! (`std::thread::sleep`, a blocking read, a lock): the first wants `spawn_blocking` or a
//! chunked loop, the second a non-blocking API. Wall time alone cannot tell them apart; the
//! scheduler's own accounting can. Linux keeps it per thread in
//! `/proc/self/task/<tid>/schedstat`: nanoseconds on a core, nanoseconds runnable but waiting
//! for one, and time slices. Reading another thread's file needs no cooperation from that
//! thread, which matters: the thread we want to ask is the one stuck in a poll.
//!
//! It costs a file read (a few microseconds), so the detector reads it only for polls that are
//! already long. Elsewhere than Linux, or where the file is missing, every reading is `None`
//! and long polls are classed `unknown`.

use serde::{Deserialize, Serialize};

/// A thread's scheduler accounting at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpuTimes {
    /// Nanoseconds spent running on a core.
    pub on_cpu_ns: u64,
    /// Nanoseconds spent runnable, waiting in a run queue for a core.
    pub waiting_ns: u64,
}

/// The current thread's id, to find its accounting later from another thread.
pub fn current_tid() -> i32 {
    rustix::thread::gettid().as_raw_nonzero().get()
}

/// Reads thread `tid`'s accounting, if this process has such a thread and the OS keeps it.
pub fn read(tid: i32) -> Option<CpuTimes> {
    let text = std::fs::read_to_string(format!("/proc/self/task/{tid}/schedstat")).ok()?;
    parse(&text)
}

fn parse(text: &str) -> Option<CpuTimes> {
    let mut fields = text.split_ascii_whitespace().map(str::parse::<u64>);
    Some(CpuTimes {
        on_cpu_ns: fields.next()?.ok()?,
        waiting_ns: fields.next()?.ok()?,
    })
}

/// Nanoseconds the thread spent runnable but waiting for a core between two readings.
///
/// A poll that was long only because the thread waited this long (another process, or
/// another of this process's threads, held every core) is the machine's doing, not the
/// poll's: the detector excuses it when what is left is under the slow threshold.
pub fn waited(before: CpuTimes, after: CpuTimes) -> u64 {
    after.waiting_ns.saturating_sub(before.waiting_ns)
}

/// Whether a poll of `duration_ns` was slow only because its thread waited `waited_ns` for a
/// core: what is left is under `slow_ns`.
pub fn only_waited(duration_ns: u64, waited_ns: u64, slow_ns: u64) -> bool {
    duration_ns.saturating_sub(waited_ns) < slow_ns
}

/// What a long poll spent its time on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// On a core, or waiting for one, at least three quarters of the time: computation.
    CpuBound,
    /// Asleep at least three quarters of the time: a blocking call, a lock, a sleep.
    Blocked,
    /// Neither dominates.
    Mixed,
    /// No reading covers the poll: it ended before the watchdog looked, or the OS keeps no
    /// accounting.
    Unknown,
}

impl Class {
    /// Classes the stretch of a poll between two readings `wall_ns` apart.
    pub fn of(before: CpuTimes, after: CpuTimes, wall_ns: u64) -> Class {
        if wall_ns == 0 {
            return Class::Unknown;
        }
        let busy = after.on_cpu_ns.saturating_sub(before.on_cpu_ns)
            + after.waiting_ns.saturating_sub(before.waiting_ns);
        // Both readings come from the same clock as the wall time only roughly: cap at 100%.
        let busy_share = busy.min(wall_ns) as f64 / wall_ns as f64;
        if busy_share >= 0.75 {
            Class::CpuBound
        } else if busy_share <= 0.25 {
            Class::Blocked
        } else {
            Class::Mixed
        }
    }

    /// The class's name as the report prints it.
    pub fn name(self) -> &'static str {
        match self {
            Class::CpuBound => "cpu-bound",
            Class::Blocked => "blocked",
            Class::Mixed => "mixed",
            Class::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(on_cpu_ms: u64, waiting_ms: u64) -> CpuTimes {
        CpuTimes {
            on_cpu_ns: on_cpu_ms * 1_000_000,
            waiting_ns: waiting_ms * 1_000_000,
        }
    }

    #[test]
    fn the_share_of_wanted_cpu_decides() {
        let ms = 1_000_000;
        assert_eq!(Class::of(at(0, 0), at(9, 0), 10 * ms), Class::CpuBound);
        // Waiting for a core is still wanting one: a busy machine, not a blocking call.
        assert_eq!(Class::of(at(0, 0), at(4, 5), 10 * ms), Class::CpuBound);
        assert_eq!(Class::of(at(5, 5), at(6, 5), 10 * ms), Class::Blocked);
        assert_eq!(Class::of(at(0, 0), at(5, 0), 10 * ms), Class::Mixed);
        assert_eq!(Class::of(at(0, 0), at(5, 0), 0), Class::Unknown);
    }

    #[test]
    fn the_wait_for_a_core_is_the_growth_of_the_second_field() {
        assert_eq!(waited(at(3, 2), at(4, 9)), 7_000_000);
        // A reading that went backwards (never seen, but not ours to trust) waited nothing.
        assert_eq!(waited(at(3, 9), at(4, 2)), 0);
    }

    #[test]
    fn a_poll_is_excused_only_when_the_wait_explains_all_but_a_short_poll() {
        let ms = 1_000_000;
        // 4 ms long, 3.5 ms of it preempted: half a millisecond of its own, under 1 ms.
        assert!(only_waited(4 * ms, 3 * ms + ms / 2, ms));
        // 4 ms long, 2 ms preempted: still 2 ms of its own, slow by itself.
        assert!(!only_waited(4 * ms, 2 * ms, ms));
        // Nothing waited: a slow poll stays slow.
        assert!(!only_waited(4 * ms, 0, ms));
    }

    #[test]
    fn schedstat_is_read_and_bad_text_is_none() {
        assert_eq!(
            parse("165636787 116303 13\n"),
            Some(CpuTimes {
                on_cpu_ns: 165636787,
                waiting_ns: 116303
            })
        );
        assert_eq!(parse("garbage"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn this_threads_accounting_grows_while_it_computes() {
        let Some(before) = read(current_tid()) else {
            eprintln!("no /proc/self/task/<tid>/schedstat here: nothing to check");
            return;
        };
        // Spin until the kernel has charged us for some CPU (no clock involved).
        let mut after = before;
        let mut x = 0u64;
        while after.on_cpu_ns == before.on_cpu_ns {
            for i in 0..100_000u64 {
                x = x.wrapping_mul(31).wrapping_add(i);
            }
            after = read(current_tid()).unwrap();
        }
        assert!(after.on_cpu_ns > before.on_cpu_ns, "{x}");
    }
}
