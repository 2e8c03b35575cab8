//! The memory and latency tables, one row per variant, and the units they are written in.

use std::time::Duration;

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
            "Each run: {} of arrivals at {} events/s (one every {}) into a consumer that \
             spends {} of CPU on each (so at most {} events/s; the scheduling around each \
             event makes it fewer), bounded variants holding {} events; one process per \
             variant; the queue is abandoned when the arrivals end, and a run stops early if {} \
             events are queued.",
            seconds(self.seconds),
            count(self.offered_rate()),
            duration(self.arrival_gap),
            duration(self.service),
            count(self.service_rate()),
            self.capacity,
            count(self.max_queued as f64),
        )
    }
}

/// Heap and queue growth per variant.
pub fn memory(runs: &[Run], setup: &Setup) -> String {
    let mut table = String::from(
        "| variant | heap growth while events arrive | queue growth | heap at its peak | deepest queue | queued when arrivals ended | stopped at the cap |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    for run in runs {
        let (growth, r2) = run.heap_growth();
        let (queue_growth, _) = run.queue_growth();
        let o = &run.outcome;
        table.push_str(&format!(
            "| `{}` | {}/s (R² {:.2}) | {} events/s | {} | {} | {} | {} |\n",
            o.variant,
            bytes(growth),
            r2,
            count(queue_growth),
            bytes(run.peak_heap() as f64),
            count(o.max_queued as f64),
            count(o.left_queued as f64),
            if o.stopped_at_cap { "yes" } else { "no" },
        ));
    }
    table.push_str(&format!(
        "\nHeap: bytes in use above the level right after the run started (channel and tasks set up), counted by a global allocator that \
         wraps the system's and sampled every {}. Growth: least-squares slope over the samples \
         taken while events arrived; R² near 1 means the growth is a straight line. `shed-oldest` \
         allocates its ring before the run starts; Tokio's channels add buffer blocks as they \
         fill, up to their capacity, which is the small step of the other bounded variants. The depth comes \
         from counters read while events move, so a bounded queue can read one over its \
         capacity for the instant between the consumer taking an event and counting it. {}\n",
        duration(setup.sample_every),
        setup.describe(),
    ));
    table
}

/// What was delivered, dropped or left, and how long the delivered events waited.
pub fn latency(runs: &[Run], setup: &Setup) -> String {
    let mut table = String::from(
        "| variant | arrived | handled | dropped (counted) | left in the queue | send → receive p50 | p99 | max | producer behind the arrivals at the end |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for run in runs {
        let o = &run.outcome;
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            o.variant,
            count(o.arrived as f64),
            count(o.delivered as f64),
            count(o.stats.dropped() as f64),
            count(o.left_queued as f64),
            duration(o.latency.p50),
            duration(o.latency.p99),
            duration(o.latency.max),
            duration(o.producer_lag),
        ));
    }
    table.push_str(&format!(
        "\nLatency: from the start of `send` to the consumer's `recv`, for every handled event \
         (an HDR histogram, 3 significant digits). \"Producer behind\": how long after its \
         arrival time the last event was sent, that is the backlog a producer that waits pushes \
         upstream. {}\n",
        setup.describe(),
    ));
    table
}

/// Bytes in binary units, e.g. `12.3 MiB`.
pub fn bytes(value: f64) -> String {
    let units = ["B", "KiB", "MiB", "GiB"];
    let mut value = value;
    let mut unit = 0;
    while value.abs() >= 1024.0 && unit < units.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", units[unit])
    } else {
        format!("{value:.1} {}", units[unit])
    }
}

/// A duration in the unit that keeps it readable, e.g. `850 µs`, `12.4 ms`, `1.20 s`.
pub fn duration(d: Duration) -> String {
    let nanos = d.as_nanos() as f64;
    if nanos < 1e3 {
        format!("{nanos:.0} ns")
    } else if nanos < 1e6 {
        format!("{:.0} µs", nanos / 1e3)
    } else if nanos < 1e9 {
        format!("{:.1} ms", nanos / 1e6)
    } else {
        format!("{:.2} s", nanos / 1e9)
    }
}

/// Seconds as written in prose.
pub fn seconds(s: f64) -> String {
    format!("{s} s")
}

/// A count with thousands separated by a thin space, e.g. `200 000`.
pub fn count(value: f64) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{2009}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_read_well() {
        assert_eq!(bytes(512.0), "512 B");
        assert_eq!(bytes(3.5 * 1024.0 * 1024.0), "3.5 MiB");
        assert_eq!(duration(Duration::from_micros(850)), "850 µs");
        assert_eq!(duration(Duration::from_millis(1200)), "1.20 s");
        assert_eq!(count(200_000.0), "200\u{2009}000");
        assert_eq!(count(999.0), "999");
    }
}
