//! Numbers as the rest of the book writes them, through the book's one formatter
//! (`evidence::number`): three significant digits, a no-break space before the unit.

use evidence::number::{self, UNIT_GAP};

/// A duration in nanoseconds as `850 ns`, `12.3 µs`, `4.56 ms` or `1.23 s`.
///
/// Three significant digits, like every other table in the book: console-subscriber's numbers
/// are inflated by its own instrumentation and its histograms keep two digits, so more would
/// be false precision.
pub fn duration(ns: u64) -> String {
    number::time(ns as f64)
}

/// A round duration, such as a threshold, without trailing zeros: `1 ms`, `200 µs`, `1.5 ms`.
pub fn threshold(ns: u64) -> String {
    let text = duration(ns);
    let (digits, unit) = text.split_once(UNIT_GAP).unwrap_or((&text, ""));
    let digits = if digits.contains('.') {
        digits.trim_end_matches('0').trim_end_matches('.')
    } else {
        digits
    };
    format!("{digits}{UNIT_GAP}{unit}")
}

/// A time since the demo started, in whole milliseconds: `1 234 ms`.
pub fn at(ns: i64) -> String {
    format!("{}{UNIT_GAP}ms", number::count(ns / 1_000_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_keep_three_digits() {
        assert_eq!(duration(850), "850\u{a0}ns");
        assert_eq!(duration(12_345), "12.3\u{a0}µs");
        assert_eq!(duration(4_561_000), "4.56\u{a0}ms");
        assert_eq!(duration(999_000_000), "999\u{a0}ms");
        assert_eq!(duration(1_234_000_000), "1.23\u{a0}s");
    }

    #[test]
    fn thresholds_lose_their_trailing_zeros() {
        assert_eq!(threshold(1_000_000), "1\u{a0}ms");
        assert_eq!(threshold(100_000_000), "100\u{a0}ms");
        assert_eq!(threshold(200_000), "200\u{a0}µs");
        assert_eq!(threshold(1_500_000), "1.5\u{a0}ms");
    }

    #[test]
    fn times_since_start() {
        assert_eq!(at(1_234_567_890), "1\u{202f}234\u{a0}ms");
        assert_eq!(at(-2_000_000), "-2\u{a0}ms");
    }
}
