//! Numbers as the rest of the book writes them: `240 µs`, three significant digits.

/// A duration in nanoseconds as `850 ns`, `12.3 µs`, `4.56 ms` or `1.23 s`.
///
/// Three significant digits, like every other table in the book: console-subscriber's numbers
/// are inflated by its own instrumentation and its histograms keep two digits, so more would
/// be false precision.
pub fn duration(ns: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "µs")];
    for (scale, unit) in UNITS {
        if ns >= scale {
            return format!("{} {unit}", three_digits(ns as f64 / scale as f64));
        }
    }
    format!("{ns} ns")
}

/// A round duration, such as a threshold, without trailing zeros: `1 ms`, `200 µs`, `1.5 ms`.
pub fn threshold(ns: u64) -> String {
    let text = duration(ns);
    let (number, unit) = text.split_once(' ').unwrap_or((&text, ""));
    let number = if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.')
    } else {
        number
    };
    format!("{number} {unit}")
}

/// A time since the demo started, in whole milliseconds: `1234 ms`.
pub fn at(ns: i64) -> String {
    format!("{} ms", ns / 1_000_000)
}

/// A number with three significant digits, without a trailing `.0`: `240`, `24.0`, `2.40`.
fn three_digits(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_keep_three_digits() {
        assert_eq!(duration(850), "850 ns");
        assert_eq!(duration(12_345), "12.3 µs");
        assert_eq!(duration(4_561_000), "4.56 ms");
        assert_eq!(duration(999_000_000), "999 ms");
        assert_eq!(duration(1_234_000_000), "1.23 s");
    }

    #[test]
    fn thresholds_lose_their_trailing_zeros() {
        assert_eq!(threshold(1_000_000), "1 ms");
        assert_eq!(threshold(100_000_000), "100 ms");
        assert_eq!(threshold(200_000), "200 µs");
        assert_eq!(threshold(1_500_000), "1.5 ms");
    }

    #[test]
    fn times_since_start() {
        assert_eq!(at(1_234_567_890), "1234 ms");
        assert_eq!(at(-2_000_000), "-2 ms");
    }
}
