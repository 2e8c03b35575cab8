//! The heap a download holds at its peak, sampled where the body passes.
//!
//! A counting global allocator (the `cap` crate: the workspace forbids `unsafe`, and a
//! `GlobalAlloc` needs it) knows the bytes in use right now, but not the most there were
//! during one download. So [`PeakHeap`] samples the count at the two places every byte of the
//! body passes: when the server makes a chunk and when the writer takes one. A download that
//! holds the whole body holds it at the moment of its first write at the latest (it cannot
//! write what it no longer has), so the peak it reaches cannot fall between two samples.
//!
//! The allocator counts the whole process, so a measurement must be alone in it: the probe
//! runs each in a child process, the tests run theirs one at a time.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The most heap seen in use since [`PeakHeap::start`], above what was in use then.
#[derive(Debug)]
pub struct PeakHeap {
    /// Reads the allocator's count of bytes in use.
    read: fn() -> usize,
    baseline: usize,
    peak: AtomicUsize,
}

impl PeakHeap {
    /// Starts watching from the heap in use now.
    pub fn start(read: fn() -> usize) -> PeakHeap {
        let baseline = read();
        PeakHeap {
            read,
            baseline,
            peak: AtomicUsize::new(baseline),
        }
    }

    /// Takes one sample.
    pub fn sample(&self) {
        self.peak.fetch_max((self.read)(), Ordering::Relaxed);
    }

    /// The peak seen, above the baseline, in bytes.
    pub fn above_baseline(&self) -> usize {
        self.sample();
        self.peak
            .load(Ordering::Relaxed)
            .saturating_sub(self.baseline)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicUsize;

    use super::*;

    static IN_USE: AtomicUsize = AtomicUsize::new(1_000);

    #[test]
    fn the_peak_is_the_highest_sample_above_the_start() {
        let read = || IN_USE.load(Ordering::Relaxed);
        let heap = PeakHeap::start(read);
        IN_USE.store(5_000, Ordering::Relaxed);
        heap.sample();
        IN_USE.store(2_000, Ordering::Relaxed);
        heap.sample();
        assert_eq!(heap.above_baseline(), 4_000);
    }
}
