//! The memory and latency tables, one row per variant.

use std::time::Duration;

use evidence::number::{UNIT_GAP, bytes, count, duration, three_digits};

use crate::timeline::Run;

/// The conditions every run shared, for the notes under the tables.
#[derive(Debug, Clone, Copy)]
pub struct Setup {
    /// Time between two arrivals.
    pub arrival_gap: Duration,
    /// The consumer's time per event.
    pub service: Duration,
    /// Capacity of the bounded variants.
    pub capacity: usize,
    /// Queue depth at which a run stops generating events.
    pub max_queued: u64,
    /// Interval between samples.
    pub sample_every: Duration,
    /// Seconds of arrivals per run.
    pub seconds: f64,
}

impl Setup {
    /// Events arriving per second.
    pub fn offered_rate(&self) -> f64 {
        1.0 / self.arrival_gap.as_secs_f64()
    }

    /// Events the consumer can handle per second.
    pub fn service_rate(&self) -> f64 {
        1.0 / self.service.as_secs_f64()
    }

    /// One sentence describing the runs.
    pub fn describe(&self) -> String {
        format!(
            "Each run: {} of arrivals at {} (one every {}) into a consumer that \
             spends {} of CPU on each (so at most {}; the scheduling around each \
             event makes it fewer), bounded variants holding {} events; one process per \
             variant; the queue is abandoned when the arrivals end, and a run stops early if {} \
             events are queued.",
            duration(Duration::from_secs_f64(self.seconds)),
            per_second(self.offered_rate()),
            duration(self.arrival_gap),
            duration(self.service),
            per_second(self.service_rate()),
            count(self.capacity as u64),
            count(self.max_queued),
        )
    }
}

/// Heap and queue growth per variant.
pub fn memory(runs: &[Run], setup: &Setup) -> String {
    let mut table = String::from(
        "| variant | heap growth (R²) | queue growth | peak heap | deepest queue \
         | queued at the end | hit the cap |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    for run in runs {
        let (growth, r2) = run.heap_growth();
        let (queue_growth, _) = run.queue_growth();
        let o = &run.outcome;
        table.push_str(&format!(
            "| `{}` | {}/s ({}) | {} | {} | {} | {} | {} |\n",
            o.variant,
            bytes(growth),
            three_digits(r2),
            per_second(queue_growth),
            bytes(run.peak_heap() as f64),
            count(o.max_queued),
            count(o.left_queued),
            if o.stopped_at_cap { "yes" } else { "no" },
        ));
    }
    table.push_str(&format!(
        "\nHeap: bytes in use above the level right after the run started (channel and tasks \
         set up), counted by a global allocator that wraps the system's and sampled every {}. \
         Growth: least-squares slope over the samples taken while events arrived, with the \
         fit's R² in brackets: near 1, the growth is a straight line. *Queued at the end*: \
         when the arrivals ended. *Hit the cap*: the run stopped early because its queue \
         reached the cap. `shed-oldest` allocates its ring before the run starts; Tokio's \
         channels add buffer blocks as they fill, up to their capacity, which is the small \
         step of the other bounded variants. The depth comes from counters read while events \
         move, so a bounded queue can read one over its capacity for the instant between the \
         consumer taking an event and counting it. {}\n",
        duration(setup.sample_every),
        setup.describe(),
    ));
    table
}

/// What was delivered, dropped or left, and how long the delivered events waited: two
/// tables, since nine columns do not fit the book's page (the reader would lose the last one,
/// which the chapter points at).
pub fn latency(runs: &[Run], setup: &Setup) -> String {
    let mut table = String::from(
        "**What became of the events:**\n\n\
         | variant | arrived | handled | dropped (counted) | left in the queue |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
    );
    for run in runs {
        let o = &run.outcome;
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            o.variant,
            count(o.arrived),
            count(o.delivered),
            count(o.stats.dropped()),
            count(o.left_queued),
        ));
    }
    table.push_str(
        "\n**How long the handled events waited, and how far the producer fell behind:**\n\n\
         | variant | send → receive p50 | p99 | max | producer behind |\n\
         | --- | ---: | ---: | ---: | ---: |\n",
    );
    for run in runs {
        let o = &run.outcome;
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            o.variant,
            duration(o.latency.p50),
            duration(o.latency.p99),
            duration(o.latency.max),
            duration(o.producer_lag),
        ));
    }
    table.push_str(&format!(
        "\nLatency: from the start of `send` to the consumer's `recv`, for every handled event \
         (an HDR histogram, 3 significant digits). *Producer behind*: how long after its \
         arrival time the last event was sent, when the arrivals ended; that is the backlog a \
         producer that waits pushes upstream. {}\n",
        setup.describe(),
    ));
    table
}

/// A rate of events, whole: `200 000 events/s`.
pub fn per_second(rate: f64) -> String {
    format!("{}{UNIT_GAP}events/s", count(rate.round() as i64))
}
