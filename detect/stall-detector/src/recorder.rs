//! The recorder: what Tokio's task hooks do on every poll, and the watchdog thread.
//!
//! Every poll of every task passes through [`Recorder::before_poll`] and
//! [`Recorder::after_poll`], so the common path is a few atomics on the worker's own slot, two
//! clock reads and one uncontended lock; anything that costs more (reading CPU accounting,
//! keeping a poll's details, logging) happens only for polls that are already long.
//!
//! Each worker has a *slot*, found by `tokio::runtime::worker_index()`: the poll it has open
//! (for the watchdog), and its tallies by spawn location (merged only when a report is asked
//! for, so workers never share a counter). Two facts about Tokio shape it:
//!
//! - `block_in_place` hands the worker's slot to another thread while the blocking poll goes
//!   on. That thread's next hook finds the slot still holding someone else's open poll: that
//!   poll was handed off, and the report excuses it, as the console lint does.
//! - Polls outside any worker (a current-thread runtime driven from a thread that does not own
//!   its driver) share one extra slot; two of them at once could look like a hand-off there.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::panic::Location;
use std::sync::atomic::{AtomicI32, AtomicU32, AtomicU64, AtomicUsize, Ordering::*};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Instant;

use tokio::runtime::TaskMeta;

use crate::config::Config;
use crate::cpu::{self, Class, CpuTimes};
use crate::report::{LongPoll, Report, Tally};
use crate::watchdog::{Action, OpenPoll, Watch};

/// Workers beyond this share the last slot (Tokio's default is one per core).
const MAX_WORKERS: usize = 256;
/// The slot of polls made outside any worker thread.
const OUTSIDE: usize = MAX_WORKERS;

/// One worker's state. Aligned to its own cache lines: workers write their slots on every
/// poll, and two slots on one line would make them fight over it.
#[repr(align(128))]
#[derive(Default)]
struct Slot {
    /// When the open poll started, in ns since the recorder started, plus one; 0 = none open.
    started: AtomicU64,
    /// The open poll's sequence number.
    seq: AtomicU64,
    /// The open poll's location, as an index into `Recorder::locations`.
    location: AtomicU32,
    /// The thread running the open poll.
    tid: AtomicI32,
    /// The sequence number of the last poll found handed off.
    handed_off: AtomicU64,
    /// The watchdog's CPU reading of the open poll: (seq, wall ns, accounting).
    sample: Mutex<Option<(u64, u64, CpuTimes)>>,
    /// Tallies by location index.
    tallies: Mutex<Vec<Tally>>,
}

/// What a thread remembers between the two hooks of its poll.
#[derive(Clone, Copy)]
struct Open {
    slot: usize,
    seq: u64,
    started: u64,
    location: u32,
}

/// A location, hashed by address: every `spawn` call site is one `'static` value.
#[derive(Clone, Copy)]
struct Site(&'static Location<'static>);

impl PartialEq for Site {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}
impl Eq for Site {}
impl std::hash::Hash for Site {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::ptr::hash(self.0, state);
    }
}

thread_local! {
    /// The polls this thread has open, innermost last (a poll can start a nested runtime on
    /// another thread, never on this one, so this holds one poll; a stack costs nothing more).
    static OPEN: RefCell<Vec<Open>> = const { RefCell::new(Vec::new()) };
    /// This thread's id and its cache of location indices, per recorder.
    static THREAD: RefCell<Option<ThreadCache>> = const { RefCell::new(None) };
}

/// Numbers recorders, so a thread's cache is never mistaken for another recorder's (an
/// address could be reused once a recorder is dropped).
static RECORDERS: AtomicU64 = AtomicU64::new(0);

/// A thread's id and the location indices it has looked up, for one recorder.
struct ThreadCache {
    recorder: u64,
    tid: i32,
    /// The last location looked up: consecutive polls of one location skip the map.
    last: Option<(Site, u32)>,
    sites: HashMap<Site, u32, BuildHasherDefault<AddressHasher>>,
}

/// Hashes an address with one multiplication: the keys are a handful of distinct addresses,
/// and SipHash, the default, would cost more than the rest of the hook.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, address: usize) {
        self.0 = (address as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The shared state behind the hooks, the watchdog and the handle.
pub struct Recorder {
    id: u64,
    config: Config,
    epoch: Instant,
    slots: Box<[Slot]>,
    /// One past the highest worker slot used, so the watchdog scans only those.
    used: AtomicUsize,
    /// Every location seen, by index.
    locations: Mutex<Vec<&'static Location<'static>>>,
    /// The longest polls, with their details, longest first.
    worst: Mutex<Vec<LongPoll>>,
    stalls_reported_live: AtomicU64,
}

impl Recorder {
    /// A recorder, and its watchdog thread, which stops once the recorder is dropped.
    pub fn start(config: Config) -> std::io::Result<Arc<Recorder>> {
        let recorder = Arc::new(Recorder {
            id: RECORDERS.fetch_add(1, Relaxed),
            config,
            epoch: Instant::now(),
            slots: (0..=MAX_WORKERS).map(|_| Slot::default()).collect(),
            used: AtomicUsize::new(0),
            locations: Mutex::new(Vec::new()),
            worst: Mutex::new(Vec::new()),
            stalls_reported_live: AtomicU64::new(0),
        });
        let weak = Arc::downgrade(&recorder);
        std::thread::Builder::new()
            .name("stall-watchdog".into())
            .spawn(move || watch(weak, config))?;
        Ok(recorder)
    }

    fn now(&self) -> u64 {
        // +1 so that 0 can mean "no poll open".
        self.epoch.elapsed().as_nanos() as u64 + 1
    }

    /// The hook Tokio calls before each poll.
    pub fn before_poll(&self, meta: &TaskMeta<'_>) {
        self.before(meta.spawned_at());
    }

    /// The hook Tokio calls after each poll.
    pub fn after_poll(&self, _meta: &TaskMeta<'_>) {
        self.after();
    }

    /// A poll of something spawned (or, for a watched future, written) at `site` begins.
    pub fn before(&self, site: &'static Location<'static>) {
        let (tid, location) = self.thread_and_site(site);
        let slot_index = match tokio::runtime::worker_index() {
            Some(i) => i.min(MAX_WORKERS - 1),
            None => OUTSIDE,
        };
        // Read first: a write to this shared line on every poll would make the workers fight.
        if self.used.load(Relaxed) <= slot_index {
            self.used.fetch_max(slot_index + 1, Relaxed);
        }
        let slot = &self.slots[slot_index];
        // Only the thread holding the worker writes its slot's number: no read-modify-write.
        let previous = slot.seq.load(Relaxed);
        slot.seq.store(previous + 1, Relaxed);
        self.take_over(slot, tid, previous);
        let seq = previous + 1;
        let started = self.now();
        slot.location.store(location, Relaxed);
        slot.tid.store(tid, Relaxed);
        // Published last: the watchdog reads `started` first and trusts the rest only if it
        // has not changed meanwhile.
        slot.started.store(started, Release);
        let open = Open {
            slot: slot_index,
            seq,
            started,
            location,
        };
        OPEN.with_borrow_mut(|stack| stack.push(open));
    }

    /// The hook Tokio calls when a worker is about to park: a thread that took over a slot
    /// from a `block_in_place` may park before it polls anything.
    pub fn before_park(&self) {
        if let Some(i) = tokio::runtime::worker_index() {
            let slot = &self.slots[i.min(MAX_WORKERS - 1)];
            self.take_over(slot, self.thread_id(), slot.seq.load(Relaxed));
        }
    }

    /// Marks the poll open in `slot` (number `open_seq`) as handed off if another thread has
    /// it: this thread is using the slot, so that thread gave its worker away.
    fn take_over(&self, slot: &Slot, tid: i32, open_seq: u64) {
        if slot.started.load(Acquire) != 0 && slot.tid.load(Relaxed) != tid {
            slot.handed_off.fetch_max(open_seq, Relaxed);
            slot.started.store(0, Relaxed);
        }
    }

    /// The poll that [`Recorder::before`] began on this thread ends.
    pub fn after(&self) {
        let Some(open) = OPEN.with_borrow_mut(Vec::pop) else {
            return;
        };
        let ended = self.now();
        let duration = ended - open.started;
        let slot = &self.slots[open.slot];
        // Close the slot if it is still ours; after a hand-off it belongs to another thread.
        let ours = slot
            .started
            .compare_exchange(open.started, 0, Release, Relaxed)
            .is_ok();
        let slow = duration >= self.config.thresholds.slow_ns;
        let handed_off = !ours || slot.handed_off.load(Relaxed) >= open.seq;
        let (class, waited) = if slow {
            self.classify(slot, &open, ended)
        } else {
            (Class::Unknown, None)
        };
        // Long only because the thread waited for a core (a busy machine preempted it): what
        // is left of the poll was short, so it blocked nothing of its own doing. Only the wait
        // after the watchdog's reading is known, so a poll is excused on that part alone.
        let preempted = slow
            && !handed_off
            && waited
                .is_some_and(|w| cpu::only_waited(duration, w, self.config.thresholds.slow_ns));
        {
            let mut tallies = lock(&slot.tallies);
            let index = open.location as usize;
            if tallies.len() <= index {
                tallies.resize_with(index + 1, Tally::default);
            }
            let tally = &mut tallies[index];
            tally.histogram.record(duration);
            tally.max_ns = tally.max_ns.max(duration);
            if slow {
                tally.slow += 1;
                tally.excused += u64::from(handed_off);
                tally.preempted += u64::from(preempted);
                tally.classes.add(class);
            }
        }
        if slow {
            self.keep(LongPoll {
                location: self.site_name(open.location),
                duration_ns: duration,
                class,
                handed_off,
                preempted,
                running: false,
            });
            if duration >= self.config.thresholds.stall_ns {
                tracing::warn!(
                    target: "stall_detector",
                    location = %self.site_name(open.location),
                    millis = duration / 1_000_000,
                    class = class.name(),
                    handed_off,
                    "a poll held its worker thread past the stall threshold"
                );
            }
        }
    }

    /// What a long poll spent its time on, from the watchdog's reading to now, and how long
    /// of that the thread waited for a core.
    fn classify(&self, slot: &Slot, open: &Open, ended: u64) -> (Class, Option<u64>) {
        let sample = lock(&slot.sample).filter(|(seq, _, _)| *seq == open.seq);
        match (sample, cpu::read(self.thread_id())) {
            (Some((_, at, before)), Some(after)) => (
                Class::of(before, after, ended.saturating_sub(at)),
                Some(cpu::waited(before, after)),
            ),
            _ => (Class::Unknown, None),
        }
    }

    fn keep(&self, poll: LongPoll) {
        let mut worst = lock(&self.worst);
        let at = worst.partition_point(|p| p.duration_ns >= poll.duration_ns);
        if at < self.config.keep_worst {
            worst.insert(at, poll);
            worst.truncate(self.config.keep_worst);
        }
    }

    /// Runs `f` on this thread's cache for this recorder, made on first use.
    fn with_cache<R>(&self, f: impl FnOnce(&mut ThreadCache) -> R) -> R {
        let me = self.id;
        THREAD.with_borrow_mut(|cache| {
            let cache = match cache {
                Some(c) if c.recorder == me => c,
                _ => cache.insert(ThreadCache {
                    recorder: me,
                    tid: cpu::current_tid(),
                    last: None,
                    sites: HashMap::default(),
                }),
            };
            f(cache)
        })
    }

    fn thread_id(&self) -> i32 {
        self.with_cache(|cache| cache.tid)
    }

    /// This thread's id and `site`'s index, from the thread's cache when it can.
    fn thread_and_site(&self, site: &'static Location<'static>) -> (i32, u32) {
        self.with_cache(|cache| {
            let site = Site(site);
            if let Some((last, index)) = cache.last
                && last == site
            {
                return (cache.tid, index);
            }
            let index = *cache.sites.entry(site).or_insert_with(|| {
                let mut all = lock(&self.locations);
                match all.iter().position(|s| std::ptr::eq(*s, site.0)) {
                    Some(i) => i as u32,
                    None => {
                        all.push(site.0);
                        (all.len() - 1) as u32
                    }
                }
            });
            cache.last = Some((site, index));
            (cache.tid, index)
        })
    }

    fn site_name(&self, index: u32) -> String {
        let all = lock(&self.locations);
        all.get(index as usize)
            .map_or_else(|| "?".into(), |s| s.to_string())
    }

    /// The polls open now, as the watchdog and the report see them.
    fn open_polls(&self) -> Vec<(OpenPoll, u32, i32)> {
        let used = self.used.load(Relaxed).min(MAX_WORKERS);
        let slots = (0..used).chain([OUTSIDE]);
        slots
            .filter_map(|i| {
                let slot = &self.slots[i];
                let started = slot.started.load(Acquire);
                if started == 0 {
                    return None;
                }
                let (seq, location, tid) = (
                    slot.seq.load(Relaxed),
                    slot.location.load(Relaxed),
                    slot.tid.load(Relaxed),
                );
                // A poll that ended and another that began while we read: skip this round.
                (slot.started.load(Acquire) == started).then_some((
                    OpenPoll {
                        slot: i,
                        seq,
                        started_ns: started,
                    },
                    location,
                    tid,
                ))
            })
            .collect()
    }

    /// Everything recorded so far, merged across workers and judged.
    pub fn report(&self) -> Report {
        let now = self.now();
        let names: Vec<String> = lock(&self.locations)
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut merged: Vec<Tally> = vec![Tally::default(); names.len()];
        for slot in self.slots.iter() {
            // A location first seen after `names` was read is left for the next report.
            for (mine, tally) in merged.iter_mut().zip(lock(&slot.tallies).iter()) {
                mine.merge(tally);
            }
        }
        let mut running: Vec<Option<u64>> = vec![None; names.len()];
        let mut worst = lock(&self.worst).clone();
        for (poll, location, _) in self.open_polls() {
            let ns = now.saturating_sub(poll.started_ns);
            let i = location as usize;
            // A poll of a location registered since `names` was read: next report's.
            if i >= names.len() {
                continue;
            }
            running[i] = Some(running[i].unwrap_or(0).max(ns));
            if ns >= self.config.thresholds.slow_ns {
                worst.push(LongPoll {
                    location: names[i].clone(),
                    duration_ns: ns,
                    class: Class::Unknown,
                    handed_off: false,
                    // Still running: whatever it waited so far, it holds its worker now.
                    preempted: false,
                    running: true,
                });
            }
        }
        worst.sort_by_key(|p| std::cmp::Reverse(p.duration_ns));
        worst.truncate(self.config.keep_worst);
        let thresholds = self.config.thresholds;
        let mut locations: Vec<_> = merged
            .iter()
            .zip(names)
            .zip(running)
            .filter(|((tally, _), running)| tally.histogram.count() > 0 || running.is_some())
            .map(|((tally, name), running)| tally.judge(name, running, &thresholds))
            .collect();
        locations.sort_by_key(|l| {
            (
                l.verdict != long_poll::Judgement::Fires,
                std::cmp::Reverse(l.slow),
            )
        });
        Report {
            active: true,
            inactive_reason: None,
            thresholds,
            locations,
            worst,
            stalls_reported_live: self.stalls_reported_live.load(Relaxed),
        }
    }
}

/// The watchdog thread's loop: look, act, sleep; stop when the recorder is gone.
fn watch(recorder: Weak<Recorder>, config: Config) {
    let mut watch = Watch::default();
    loop {
        #[expect(
            clippy::disallowed_methods,
            reason = "the watchdog is a plain thread, outside any runtime, that paces itself"
        )]
        std::thread::sleep(config.watch_every);
        let Some(recorder) = recorder.upgrade() else {
            return;
        };
        let open = recorder.open_polls();
        let polls: Vec<OpenPoll> = open.iter().map(|(p, _, _)| *p).collect();
        let now = recorder.now();
        let details = |poll: &OpenPoll| {
            open.iter()
                .find(|(p, _, _)| p == poll)
                .map(|&(_, l, t)| (l, t))
        };
        for action in watch.observe(now, &polls, &config.thresholds) {
            match action {
                Action::Sample(poll) => {
                    if let Some(times) = details(&poll).and_then(|(_, tid)| cpu::read(tid)) {
                        *lock(&recorder.slots[poll.slot].sample) = Some((poll.seq, now, times));
                    }
                }
                Action::Stalled { poll, running_ns } => {
                    let location = details(&poll).map_or(u32::MAX, |(l, _)| l);
                    recorder.stalls_reported_live.fetch_add(1, Relaxed);
                    tracing::warn!(
                        target: "stall_detector",
                        location = %recorder.site_name(location),
                        millis = running_ns / 1_000_000,
                        worker = poll.slot,
                        "a poll is holding its worker thread right now"
                    );
                }
            }
        }
    }
}

/// Locks, and carries on after a panic elsewhere: a tally is still worth reporting.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
