//! How many times a call puts a thread to sleep: context switches per call, per thread.
//!
//! A thread that parks (waits on a futex, a condition variable or `epoll_wait`) and is woken
//! again makes one *voluntary* context switch, and Linux counts them per thread in
//! `/proc/<pid>/task/<tid>/status`. Read before and after many calls, they count the
//! cross-thread wake-ups a bridge pays: the round trip of [`crate::round_trip`] pays two (its
//! caller parks in `recv` once, its helper once), a runtime on the calling thread pays none.
//! We split them between the calling thread and every other thread of the process, so a
//! reader can see who was woken.

use std::collections::HashMap;

/// Voluntary context switches per call, on the caller and elsewhere.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hops {
    /// Calls measured.
    pub calls: u64,
    /// Times the calling thread parked and was woken, per call.
    pub caller: f64,
    /// Times any other thread of the process parked and was woken, per call.
    pub others: f64,
}

impl Hops {
    /// Every voluntary context switch per call, caller and others together.
    pub fn total(&self) -> f64 {
        self.caller + self.others
    }
}

/// Makes `calls` calls through `call` on this thread and counts the context switches.
///
/// `None` where `/proc` is missing (not Linux). Threads started during the calls count from
/// zero; threads that exit during them are lost, so measure a bridge in its steady state.
pub fn measure(calls: u64, mut call: impl FnMut(u64)) -> Option<Hops> {
    let me = own_tid()?;
    let before = switches_by_thread()?;
    for key in 0..calls {
        call(key);
    }
    let after = switches_by_thread()?;
    let (mut caller, mut others) = (0, 0);
    for (tid, count) in &after {
        let gained = count.saturating_sub(before.get(tid).copied().unwrap_or(0));
        if *tid == me {
            caller += gained;
        } else {
            others += gained;
        }
    }
    // Reading /proc is not free either, but it happens twice per measurement, not per call.
    Some(Hops {
        calls,
        caller: caller as f64 / calls as f64,
        others: others as f64 / calls as f64,
    })
}

/// This thread's id, as `/proc/self/task` names it.
fn own_tid() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/thread-self/status").ok()?;
    field(&status, "Pid:")
}

/// Voluntary context switches of every thread of this process, by thread id.
fn switches_by_thread() -> Option<HashMap<u64, u64>> {
    let mut switches = HashMap::new();
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let Some(tid) = task.file_name().to_str().and_then(|n| n.parse().ok()) else {
            continue;
        };
        // A thread can exit between the listing and the read; it simply is not counted.
        if let Ok(status) = std::fs::read_to_string(task.path().join("status"))
            && let Some(count) = field(&status, "voluntary_ctxt_switches:")
        {
            switches.insert(tid, count);
        }
    }
    Some(switches)
}

/// The number after `name` in a `/proc` status text.
fn field(status: &str, name: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_kernel_format() {
        let status = "Name:\tprobe\nPid:\t42\nvoluntary_ctxt_switches:\t17\nnonvoluntary_ctxt_switches:\t3\n";
        assert_eq!(field(status, "Pid:"), Some(42));
        assert_eq!(field(status, "voluntary_ctxt_switches:"), Some(17));
        assert_eq!(field(status, "Threads:"), None);
    }

    #[test]
    fn counts_per_call_and_finds_the_calling_thread() {
        let mut made = 0;
        let hops = measure(50, |_| made += 1).expect("the tests run on Linux");
        assert_eq!((made, hops.calls), (50, 50));
        assert_eq!(hops.total(), hops.caller + hops.others);
        let me = own_tid().expect("the tests run on Linux");
        assert!(switches_by_thread().expect("Linux").contains_key(&me));
    }
}
