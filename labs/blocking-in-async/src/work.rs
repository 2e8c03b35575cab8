//! The work behind every request, written as the plain blocking functions it really is.
//!
//! Each kind of work a handler may have to do lives here once, as ordinary
//! synchronous Rust: [`crunch`] burns CPU, [`crunch_parallel`] burns it on rayon's pool,
//! [`read_file`] reads a file with `std::fs`, [`lookup`] is an async call that is always ready.
//! The anti-patterns in [`crate::anti`] call these functions inline from async code; the fixes
//! in [`crate::fixed`] call the very same functions from somewhere that may block. Keeping the
//! work identical is what makes the comparison fair: the variants differ only in *where* the
//! work runs, never in how much of it there is.
//!
//! Every function returns an answer that depends on the request's key and on all of the work,
//! so the optimiser cannot delete the work and the tests can check that every variant computed
//! the same thing.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::contract::{ITEM_ROUNDS, Job, Stop};

/// Bytes per read: what a streaming reader of a large file would ask for at a time.
pub const READ_CHUNK: usize = 64 * 1024;

/// How many pieces [`crunch_parallel`] splits its rounds into: enough for rayon to balance
/// them over every core of a large machine.
pub const PARALLEL_CHUNKS: u64 = 32;

/// How often [`crunch`] checks its [`Stop`] flag, in rounds (a few microseconds).
const STOP_CHECK_EVERY: u64 = 1024;

/// One step of the mixing function (SplitMix64's finaliser): cheap, and every output bit
/// depends on every input bit, so nothing about a chain of them can be precomputed.
fn mix(x: u64) -> u64 {
    let x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// CPU-bound work: `rounds` dependent steps of the mixing function, starting from `seed`.
///
/// Blocks the calling thread for as long as the rounds take. Each round depends on the one
/// before, so the loop can be neither vectorised nor skipped. Stops early when `stop` is set.
pub fn crunch(seed: u64, rounds: u64, stop: &Stop) -> u64 {
    let mut x = seed;
    for round in 0..rounds {
        if round % STOP_CHECK_EVERY == 0 && stop.is_stopped() {
            break;
        }
        x = mix(x.wrapping_add(round));
    }
    // black_box: the caller may throw the answer away (a benchmark does), and the loop must
    // still run.
    std::hint::black_box(x)
}

/// Data-parallel CPU work: `job.rounds` split into [`PARALLEL_CHUNKS`] pieces that rayon runs
/// on its own pool.
///
/// Blocks the calling thread until every piece is done. A caller that is not a rayon thread
/// (a Tokio worker, say) does not help with the work: it parks until the pool is finished.
pub fn crunch_parallel(job: &Job) -> u64 {
    use rayon::prelude::*;

    let per_chunk = job.rounds / PARALLEL_CHUNKS;
    (0..PARALLEL_CHUNKS)
        .into_par_iter()
        .map(|chunk| crunch(job.key ^ chunk, per_chunk, &job.stop))
        // Addition is commutative, so the answer does not depend on how rayon splits the work.
        .reduce(|| 0, u64::wrapping_add)
}

/// The answer [`crunch_parallel`] must give, computed on the calling thread alone.
pub fn crunch_parallel_expected(job: &Job) -> u64 {
    let per_chunk = job.rounds / PARALLEL_CHUNKS;
    (0..PARALLEL_CHUNKS)
        .map(|chunk| crunch(job.key ^ chunk, per_chunk, &job.stop))
        .fold(0, u64::wrapping_add)
}

/// The answer for sleep work: the pause computes nothing, so only the key counts.
pub fn answer(key: u64) -> u64 {
    mix(key)
}

/// An async lookup that could wait (think of a cache that fetches on a miss) but, for this
/// workload, always hits: its future is ready the first time it is polled.
///
/// That is the whole trap of the loop work. `.await` only gives the worker back to the
/// scheduler when the awaited future returns `Pending`, and this one never does.
pub async fn lookup(job: &Job, item: u64) -> u64 {
    crunch(job.key ^ item, ITEM_ROUNDS, &job.stop)
}

/// The answer the loop work must give: the sum of every item's [`lookup`].
pub fn lookup_sum_expected(job: &Job) -> u64 {
    (0..job.items())
        .map(|item| crunch(job.key ^ item, ITEM_ROUNDS, &job.stop))
        .fold(0, u64::wrapping_add)
}

/// A running checksum of a file's contents, shared by every file variant so that they all
/// give the same answer whichever API did the reading.
#[derive(Debug, Clone)]
pub struct Digest(u64);

impl Digest {
    /// A digest for the request with this key.
    pub fn new(key: u64) -> Digest {
        Digest(key)
    }

    /// Folds one chunk of the file in.
    ///
    /// It samples the chunk instead of hashing every byte: the lesson is about the read, so
    /// the work done on the bytes stays negligible next to it.
    pub fn update(&mut self, chunk: &[u8]) {
        let sample = chunk
            .iter()
            .step_by(4096)
            .fold(chunk.len() as u64, |acc, &b| mix(acc ^ u64::from(b)));
        self.0 = mix(self.0 ^ sample);
    }

    /// The checksum of everything folded in so far.
    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// Synchronous file I/O: reads `job.file` with `std::fs` in [`READ_CHUNK`] pieces.
///
/// Every `read` is a system call that blocks the thread until the kernel has copied the bytes
/// (from the page cache here; from a disk or a network file system in the worst case).
pub fn read_file(job: &Job) -> io::Result<u64> {
    let mut file = File::open(&job.file)?;
    let mut buf = vec![0; READ_CHUNK];
    let mut digest = Digest::new(job.key);
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(digest.finish());
        }
        digest.update(&buf[..n]);
    }
}

/// A file of known size for the file work, that no run can leave behind.
///
/// The file work needs a real file that the variants open by path (opening is part of what
/// they do), and it may be 256 MiB, so a leftover in the temporary directory would matter. A
/// file deleted "when we are done" is left behind by an abort, a SIGKILL, or a reader pressing
/// Ctrl-C. So on Linux the file is unlinked the moment it is created, before a byte is
/// written: it then lives only as long as our open handle, and the kernel frees it when the
/// process ends, however it ends. The variants open it through `/proc/self/fd/<n>`, which on
/// Linux opens the very file again with a read position of its own, just as opening it by
/// name would. Elsewhere it keeps its name and is deleted on drop (best effort).
#[derive(Debug)]
pub struct ScratchFile {
    /// Keeps the file alive; on Linux, its only reference.
    file: File,
    /// Where the variants open it.
    path: PathBuf,
    /// Whether the file still has a name in the temporary directory to remove on drop.
    named: bool,
}

impl ScratchFile {
    /// Writes a file of `bytes` bytes in the system's temporary directory.
    pub fn create(bytes: usize) -> io::Result<ScratchFile> {
        // Tests run in parallel threads and processes, so each file gets its own name.
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "blocking-in-async-{}-{}.bin",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        // `create_new`: never write into a file someone else put there under our name.
        let file = File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        let mut scratch = Self::unlink(file, path)?;
        let contents: Vec<u8> = (0..bytes).map(|i| mix(i as u64) as u8).collect();
        scratch.file.write_all(&contents)?;
        Ok(scratch)
    }

    /// Removes the file's name at once; it stays reachable through our descriptor.
    #[cfg(target_os = "linux")]
    fn unlink(file: File, path: PathBuf) -> io::Result<ScratchFile> {
        use std::os::fd::AsRawFd as _;
        std::fs::remove_file(&path)?;
        let path = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        Ok(ScratchFile {
            file,
            path,
            named: false,
        })
    }

    /// Without `/proc/self/fd` the file keeps its name until it is dropped.
    #[cfg(not(target_os = "linux"))]
    fn unlink(file: File, path: PathBuf) -> io::Result<ScratchFile> {
        Ok(ScratchFile {
            file,
            path,
            named: true,
        })
    }

    /// Where the file is: the path the variants open.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's size in bytes.
    pub fn bytes(&self) -> io::Result<u64> {
        Ok(self.file.metadata()?.len())
    }
}

impl Drop for ScratchFile {
    fn drop(&mut self) {
        if self.named {
            // Best effort: only reached where the file could not be unlinked at creation.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// How many rounds of [`crunch`] take about `target` on this machine.
///
/// Measured, not assumed: the same lab runs on laptops and on CI machines several times
/// slower, and every variant should face work of the same length in time, not in rounds.
pub fn rounds_for(target: Duration) -> u64 {
    let stop = Stop::default();
    let mut rounds = 10_000;
    loop {
        let start = Instant::now();
        crunch(1, rounds, &stop);
        let took = start.elapsed();
        // Scale up until one measurement lasts long enough for the clock to be trusted.
        if took >= Duration::from_millis(20) {
            let per_round = took.as_secs_f64() / rounds as f64;
            return ((target.as_secs_f64() / per_round) as u64).max(ITEM_ROUNDS);
        }
        rounds *= 4;
    }
}

/// How many bytes [`read_file`] reads in about `target` on this machine (with a warm page
/// cache, which is what a service reading the same files again and again gets).
pub fn file_bytes_for(target: Duration) -> io::Result<usize> {
    const PROBE: usize = 8 * 1024 * 1024;
    let file = ScratchFile::create(PROBE)?;
    let job = Job::new(0).with_file(file.path());
    read_file(&job)?; // warm the page cache
    let start = Instant::now();
    let reads = 4;
    for _ in 0..reads {
        read_file(&job)?;
    }
    let per_byte = start.elapsed().as_secs_f64() / (reads * PROBE) as f64;
    let bytes = (target.as_secs_f64() / per_byte) as usize;
    // Whole chunks, and never more than 256 MiB of scratch space.
    Ok(bytes.clamp(READ_CHUNK, 256 * 1024 * 1024) / READ_CHUNK * READ_CHUNK)
}

/// A job whose every kind of work costs about the same time on this machine, and the file it
/// reads (kept alive, and deleted, with it).
#[derive(Debug)]
pub struct Calibrated {
    /// The job: a pause of `cost`, rounds and a file that each take about `cost`.
    pub job: Job,
    file: Option<ScratchFile>,
}

impl Calibrated {
    /// Measures this machine and builds the job for every kind of work. Takes a few hundred
    /// milliseconds; the scratch file (up to 256 MiB) is only written `with_file`.
    pub fn new(cost: Duration, with_file: bool) -> io::Result<Calibrated> {
        let file = if with_file {
            Some(ScratchFile::create(file_bytes_for(cost)?)?)
        } else {
            None
        };
        let mut job = Job::new(0).with_pause(cost).with_rounds(rounds_for(cost));
        if let Some(file) = &file {
            job = job.with_file(file.path());
        }
        Ok(Calibrated { job, file })
    }

    /// The size of the file the file work reads (zero when there is none).
    pub fn file_bytes(&self) -> u64 {
        self.file
            .as_ref()
            .and_then(|file| file.bytes().ok())
            .unwrap_or(0)
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn the_scratch_file_has_no_name_on_disk_and_still_reads_in_full() {
        let bytes = 3 * READ_CHUNK + 5;
        let file = ScratchFile::create(bytes).unwrap();
        // The only scratch file of this process (the other tests live in other processes).
        let ours = format!("blocking-in-async-{}-", std::process::id());
        let named = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_name().to_string_lossy().starts_with(&ours))
            .count();
        assert_eq!(named, 0, "the scratch file still has a name");
        assert_eq!(file.bytes().unwrap(), bytes as u64);
        assert_eq!(std::fs::read(file.path()).unwrap().len(), bytes);
        // Each open has its own read position: two reads of the whole file agree.
        let job = Job::new(1).with_file(file.path());
        assert_eq!(read_file(&job).unwrap(), read_file(&job).unwrap());
    }
}
