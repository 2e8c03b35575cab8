//! One run of the situation the lab is about: events arriving at a fixed rate, a consumer
//! that may be slower, and a channel of one variant in between.
//!
//! The producer is *open-loop*, like a real source of events: event `n` arrives at
//! `start + n × arrival_gap` whether or not the consumer kept up. It sends each event as soon
//! as it has arrived; if a send waits (`fixed`), the producer falls behind the arrivals, and
//! [`Outcome::producer_lag`] says by how much. That lag is where backpressure puts the
//! backlog: upstream, in whatever feeds the producer, instead of in this process's memory.
//!
//! The consumer handles events one at a time through a [`Sink`] and measures, for each one,
//! the time from the start of its `send` to its arrival at the consumer: the latency the
//! queue added. Both ends share the channel's counters, which is how a sampler (the probe's
//! memory plot) reads the queue's depth while the run goes on.
//!
//! Safety limits keep the anti-pattern from taking the machine with it: the run stops
//! generating events when the queue holds `max_queued` of them, or when the heap has grown by
//! [`HeapCap::bytes`] ([`Outcome::stopped_at_cap`]), and [`Finish::Abandon`] stops the
//! consumer as soon as the arrivals are over instead of draining a backlog that may take
//! minutes. A queue counted in events is not a bound on memory: `spawned-send` holds a whole
//! task per queued event, several times the event's size, so a run that must fit in memory
//! (the demo's) sets a [`HeapCap`], read from a counting allocator, which sees the events, the
//! channel's blocks and the parked tasks alike.
//!
//! [`Scenario::arrivals_end`] bounds a run in time: a producer that waits (`fixed`) would
//! otherwise send every planned event however late, and a run planned for two seconds of
//! arrivals could last as long as the consumer needs for all of them. With it, the producer
//! stops when the arrivals end; what had arrived by then but was never sent is the backlog
//! that waiting pushed upstream ([`Outcome::unsent`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use hdrhistogram::Histogram;
use serde::{Deserialize, Serialize};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::event::Event;
use crate::sink::Sink;
use crate::stats::{Counters, Snapshot};
use crate::variants::{Consumer, Producer, Variant, channel};

/// What happens to events still queued when the arrivals are over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Finish {
    /// The consumer handles every queued event before the run ends.
    Drain,
    /// The consumer stops after its current event; the queue is dropped with what it holds.
    Abandon,
}

/// A producer at a fixed arrival rate, a channel and a consumer.
#[derive(Debug, Clone, Copy)]
pub struct Scenario {
    /// The channel between producer and consumer.
    pub variant: Variant,
    /// Capacity of the bounded variants.
    pub capacity: usize,
    /// How many events arrive in total.
    pub events: u64,
    /// Time between two arrivals; zero means all at once.
    pub arrival_gap: Duration,
    /// What handling one event costs.
    pub sink: Sink,
    /// Stop generating events when the queue holds this many (the anti-pattern's seatbelt).
    pub max_queued: u64,
    /// Stop generating events when the process's heap has grown this much since the start.
    pub heap_cap: Option<HeapCap>,
    /// Stop generating events this long after the start, sent or not; `None`: send every
    /// planned event, however late.
    pub arrivals_end: Option<Duration>,
    /// Drain or drop the backlog at the end.
    pub finish: Finish,
}

/// A bound on the memory a run may accumulate, read from a counting allocator.
///
/// A plain function rather than a closure, so that a [`Scenario`] stays `Copy`: the counting
/// allocator is a `static` in the binary that sets the cap.
#[derive(Debug, Clone, Copy)]
pub struct HeapCap {
    /// Bytes of heap the whole process has in use now.
    pub in_use: fn() -> usize,
    /// The producer stops once `in_use()` is this many bytes above its value at the start.
    pub bytes: usize,
}

impl HeapCap {
    /// How far the heap has grown since `start` (an earlier reading of `in_use`), in bytes.
    fn grown(&self, start: usize) -> usize {
        (self.in_use)().saturating_sub(start)
    }
}

/// The latency added between `send` and `recv`, in percentiles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Latency {
    /// Events measured.
    pub count: u64,
    /// Median.
    pub p50: Duration,
    /// 99th percentile.
    pub p99: Duration,
    /// Largest.
    pub max: Duration,
}

/// What one run measured.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    /// The channel measured.
    pub variant: Variant,
    /// Its capacity (meaningless for `anti`).
    pub capacity: usize,
    /// Events that arrived at the producer (fewer than planned if it stopped at the cap); with
    /// [`Scenario::arrivals_end`], every event due before the end, sent or not.
    pub arrived: u64,
    /// Whether the run stopped early because the queue reached `max_queued`, or the heap its
    /// [`HeapCap`].
    pub stopped_at_cap: bool,
    /// Events that had arrived when [`Scenario::arrivals_end`] stopped the producer but were
    /// never sent, because it was still waiting for room: the backlog pushed upstream. Zero
    /// without an end, and when the run stopped at its cap.
    pub unsent: u64,
    /// With a [`HeapCap`]: the most the heap grew above its start, in bytes, as the producer
    /// read it before each event.
    pub heap_peak: Option<u64>,
    /// The channel's counts when the run ended.
    pub stats: Snapshot,
    /// Events the consumer handled.
    pub delivered: u64,
    /// Deepest queue seen right after a send.
    pub max_queued: u64,
    /// Events in the queue when the arrivals were over: lost on `Abandon`, or on a crash.
    pub left_queued: u64,
    /// Whether the consumer saw sequence numbers in increasing order.
    pub in_order: bool,
    /// How late, behind its arrival time, the last event was sent.
    pub producer_lag: Duration,
    /// From the first arrival to the return of the last send.
    pub arrivals_took: Duration,
    /// From the first arrival to the end of the run.
    pub took: Duration,
    /// Send-to-receive latency of the events the consumer handled.
    pub latency: Latency,
}

/// A scenario under way; see [`Scenario::start`].
#[derive(Debug)]
pub struct Running {
    counters: Arc<Counters>,
    abandon: Arc<AtomicBool>,
    started: Instant,
    finish: Finish,
    scenario: Scenario,
    producer: JoinHandle<ProducerReport>,
    consumer: JoinHandle<ConsumerReport>,
}

#[derive(Debug)]
struct ProducerReport {
    arrived: u64,
    stopped_at_cap: bool,
    unsent: u64,
    heap_peak: Option<u64>,
    max_queued: u64,
    lag: Duration,
    took: Duration,
}

#[derive(Debug)]
struct ConsumerReport {
    delivered: u64,
    in_order: bool,
    latency: Latency,
}

impl Scenario {
    /// Spawns the producer and the consumer on the current runtime.
    pub fn start(self) -> Running {
        let (producer, consumer) = channel(self.variant, self.capacity);
        let counters = producer.counters();
        let abandon = Arc::new(AtomicBool::new(false));
        let started = Instant::now();
        Running {
            counters,
            abandon: Arc::clone(&abandon),
            started,
            finish: self.finish,
            scenario: self,
            producer: tokio::spawn(produce(self, producer, started)),
            consumer: tokio::spawn(consume(consumer, self.sink, latency_histogram(), abandon)),
        }
    }

    /// Runs the scenario to its end on the current runtime.
    pub async fn run(self) -> Outcome {
        self.start().finish().await
    }
}

impl Running {
    /// The channel's live counters, for sampling the queue while the run goes on.
    pub fn counters(&self) -> Arc<Counters> {
        Arc::clone(&self.counters)
    }

    /// Waits for the arrivals to end, then drains or abandons the queue, and reports.
    pub async fn finish(self) -> Outcome {
        let produced = self.producer.await.expect("the producer never panics");
        let left_queued = self.counters.snapshot().queued();
        if self.finish == Finish::Abandon {
            self.abandon.store(true, Ordering::Relaxed);
        }
        let consumed = self.consumer.await.expect("the consumer never panics");
        Outcome {
            variant: self.scenario.variant,
            capacity: self.scenario.capacity,
            arrived: produced.arrived,
            stopped_at_cap: produced.stopped_at_cap,
            unsent: produced.unsent,
            heap_peak: produced.heap_peak,
            stats: self.counters.snapshot(),
            delivered: consumed.delivered,
            max_queued: produced.max_queued,
            left_queued,
            in_order: consumed.in_order,
            producer_lag: produced.lag,
            arrivals_took: produced.took,
            took: self.started.elapsed(),
            latency: consumed.latency,
        }
    }
}

async fn produce(scenario: Scenario, producer: Producer, started: Instant) -> ProducerReport {
    let gap = scenario.arrival_gap.as_nanos() as u64;
    let due = |seq: u64| started + Duration::from_nanos(gap.saturating_mul(seq));
    let end = scenario.arrivals_end.map(|after| started + after);
    let heap_at_start = scenario.heap_cap.map(|cap| (cap.in_use)());
    let mut report = ProducerReport {
        arrived: 0,
        stopped_at_cap: false,
        unsent: 0,
        heap_peak: heap_at_start.map(|_| 0),
        max_queued: 0,
        lag: Duration::ZERO,
        took: Duration::ZERO,
    };
    for seq in 0..scenario.events {
        let mut over_heap = false;
        if let (Some(cap), Some(start)) = (scenario.heap_cap, heap_at_start) {
            let grown = cap.grown(start);
            report.heap_peak = report.heap_peak.max(Some(grown as u64));
            over_heap = grown >= cap.bytes;
        }
        if over_heap || producer.stats().queued() >= scenario.max_queued {
            report.stopped_at_cap = true;
            break;
        }
        let due = due(seq);
        if end.is_some_and(|end| due >= end) {
            break; // the arrivals are over
        }
        if Instant::now() < due {
            tokio::time::sleep_until(due).await;
        }
        report.arrived += 1;
        let sent = match end {
            // Cancelling a send is safe for every variant: `fixed` waits for a permit before
            // it takes the event, and the others never wait.
            Some(end) => match tokio::time::timeout_at(end, producer.send(Event::new(seq))).await {
                Ok(sent) => sent,
                Err(_) => break, // still waiting for room when the arrivals ended
            },
            None => producer.send(Event::new(seq)).await,
        };
        if sent.is_err() {
            break; // the consumer is gone: nothing more can be delivered
        }
        report.max_queued = report.max_queued.max(producer.stats().queued());
        report.lag = Instant::now().saturating_duration_since(due);
    }
    report.took = started.elapsed();
    if let (Some(after), false) = (scenario.arrivals_end, report.stopped_at_cap) {
        // The events due before the end: those with `seq × gap < after`.
        let due_by_end = match gap {
            0 => scenario.events,
            gap => scenario.events.min((after.as_nanos() as u64).div_ceil(gap)),
        };
        // They all arrived, in the open-loop sense, whether or not the producer got to them.
        report.arrived = due_by_end;
        report.unsent = due_by_end.saturating_sub(producer.stats().sent());
    }
    // `producer` is dropped here, which closes the channel once it is empty.
    report
}

/// Three significant digits, up to an hour, in nanoseconds. Allocated in full before the run
/// starts, so recording never allocates while the probe is counting bytes.
fn latency_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 3_600_000_000_000, 3).expect("the bounds are valid")
}

async fn consume(
    mut consumer: Consumer,
    sink: Sink,
    mut histogram: Histogram<u64>,
    abandon: Arc<AtomicBool>,
) -> ConsumerReport {
    let (mut delivered, mut in_order, mut last) = (0, true, None);
    while let Some(event) = consumer.recv().await {
        let waited = event.sent_at.elapsed();
        histogram.saturating_record(u64::try_from(waited.as_nanos()).unwrap_or(u64::MAX).max(1));
        in_order &= last.is_none_or(|last| event.seq > last);
        last = Some(event.seq);
        sink.handle(&event).await;
        delivered += 1;
        if abandon.load(Ordering::Relaxed) {
            break;
        }
    }
    let at = |q: f64| Duration::from_nanos(histogram.value_at_quantile(q));
    ConsumerReport {
        delivered,
        in_order,
        latency: Latency {
            count: histogram.len(),
            p50: at(0.5),
            p99: at(0.99),
            max: Duration::from_nanos(histogram.max()),
        },
    }
}
