//! How numbers are written, everywhere in the book: one formatter for every table and axis.
//!
//! Criterion works in nanoseconds; people read `240 µs` faster than `240000 ns`. Every number
//! gets three significant digits (more would claim a precision the confidence intervals do
//! not support), and an interval is written in the unit of its point estimate so the two can
//! be compared at a glance. Large counts are grouped in thousands with a narrow no-break
//! space (U+202F), the SI style: it never lets a browser wrap `12 345` across two lines of a
//! narrow table cell, and it cannot be mistaken for a decimal point in any language.

use std::time::Duration;

/// The thousands separator: a narrow no-break space.
pub const THOUSANDS: char = '\u{202f}';
/// Between a number and its unit: a no-break space, so `240 µs` stays on one line.
pub const UNIT_GAP: char = '\u{a0}';

/// A unit of time, with its size in nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeUnit {
    /// The symbol, as printed.
    pub symbol: &'static str,
    /// How many nanoseconds one of it is.
    pub nanos: f64,
}

const UNITS: [TimeUnit; 4] = [
    TimeUnit {
        symbol: "ns",
        nanos: 1.0,
    },
    TimeUnit {
        symbol: "µs",
        nanos: 1e3,
    },
    TimeUnit {
        symbol: "ms",
        nanos: 1e6,
    },
    TimeUnit {
        symbol: "s",
        nanos: 1e9,
    },
];

/// The largest unit in which `nanos` is at least 1 (nanoseconds for anything smaller).
pub fn unit_for(nanos: f64) -> TimeUnit {
    UNITS
        .iter()
        .rev()
        .copied()
        .find(|u| nanos >= u.nanos)
        .unwrap_or(UNITS[0])
}

/// A number with three significant digits, without a trailing `.0`: `240`, `24.0`, `2.40`.
pub fn three_digits(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    let magnitude = value.abs().log10().floor() as i32;
    if magnitude >= 3 {
        // Four digits and more: whole, grouped; the digits past the third are not
        // significant, but rounding `12 345` to `12 300` would look like a different count.
        return grouped(value.round() as i128);
    }
    let decimals = (2 - magnitude).max(0) as usize;
    format!("{value:.decimals$}")
}

/// A whole count, grouped in thousands: `950`, `12 345`, `1 048 576` (narrow spaces).
pub fn count(n: impl Into<i128>) -> String {
    grouped(n.into())
}

fn grouped(n: i128) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() * 2);
    if n < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(THOUSANDS);
        }
        out.push(digit);
    }
    out
}

/// A [`Duration`], in its own unit: `20.0 ms`, `250 ms`, `1.50 s`.
pub fn duration(d: Duration) -> String {
    time(d.as_nanos() as f64)
}

/// A share as a percentage with three significant digits: `0.25` → `25.0 %`.
pub fn percent(share: f64) -> String {
    format!("{}{UNIT_GAP}%", three_digits(share * 100.0))
}

/// Bytes in the unit that suits them, three significant digits: `512 B`, `37.9 KiB`, `31.5 MiB`,
/// `1.20 GiB` (binary units, as memory is counted).
pub fn bytes(n: f64) -> String {
    const UNITS: [(&str, f64); 4] = [
        ("GiB", 1024.0 * 1024.0 * 1024.0),
        ("MiB", 1024.0 * 1024.0),
        ("KiB", 1024.0),
        ("B", 1.0),
    ];
    let (symbol, size) = UNITS
        .iter()
        .copied()
        .find(|&(_, size)| n.abs() >= size)
        .unwrap_or(("B", 1.0));
    format!("{}{UNIT_GAP}{symbol}", three_digits(n / size))
}

/// Bytes in mebibytes, three significant digits: `31.5 MiB`.
pub fn mib(bytes: f64) -> String {
    format!("{}{UNIT_GAP}MiB", three_digits(bytes / (1024.0 * 1024.0)))
}

/// A time in nanoseconds, in its own unit: `5.90 µs`.
pub fn time(nanos: f64) -> String {
    let unit = unit_for(nanos);
    format!(
        "{}{UNIT_GAP}{}",
        three_digits(nanos / unit.nanos),
        unit.symbol
    )
}

/// A time and its interval, both in the point's unit: `5.90 µs (5.70–6.15)`.
pub fn time_with_interval(point: f64, lower: f64, upper: f64) -> String {
    let unit = unit_for(point);
    format!(
        "{}{UNIT_GAP}{} ({}–{})",
        three_digits(point / unit.nanos),
        unit.symbol,
        three_digits(lower / unit.nanos),
        three_digits(upper / unit.nanos)
    )
}

/// A ratio: two decimals below 10 (`1.02×`), three significant digits above (`40.7×`, `123×`).
pub fn ratio(value: f64) -> String {
    if value < 10.0 {
        format!("{value:.2}×")
    } else {
        format!("{}×", three_digits(value))
    }
}

/// An axis tick: whole numbers without decimals, others with up to three significant digits.
pub fn tick(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 * value.abs().max(1.0) {
        grouped(value.round() as i128)
    } else {
        three_digits(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_significant_digits() {
        assert_eq!(three_digits(240.0), "240");
        assert_eq!(three_digits(24.04), "24.0");
        assert_eq!(three_digits(2.404), "2.40");
        assert_eq!(three_digits(0.02404), "0.0240");
        assert_eq!(three_digits(12345.0), "12\u{202f}345");
        assert_eq!(three_digits(-1234.4), "-1\u{202f}234");
    }

    #[test]
    fn times_pick_their_unit() {
        assert_eq!(time(999.0), "999\u{a0}ns");
        assert_eq!(time(5_900.0), "5.90\u{a0}µs");
        assert_eq!(time(240_000.0), "240\u{a0}µs");
        assert_eq!(time(1_500_000.0), "1.50\u{a0}ms");
        assert_eq!(time(2.5e9), "2.50\u{a0}s");
        assert_eq!(time(0.5), "0.500\u{a0}ns");
    }

    #[test]
    fn counts_group_thousands_with_narrow_spaces() {
        assert_eq!(count(950u32), "950");
        assert_eq!(count(1_000u32), "1\u{202f}000");
        assert_eq!(count(1_048_576u64), "1\u{202f}048\u{202f}576");
        assert_eq!(count(-12_345i64), "-12\u{202f}345");
        assert_eq!(duration(Duration::from_millis(250)), "250\u{a0}ms");
        assert_eq!(percent(0.25), "25.0\u{a0}%");
        assert_eq!(bytes(512.0), "512\u{a0}B");
        assert_eq!(bytes(38_800.0), "37.9\u{a0}KiB");
        assert_eq!(bytes(1.5 * 1024.0 * 1024.0), "1.50\u{a0}MiB");
    }

    #[test]
    fn intervals_use_the_points_unit() {
        assert_eq!(
            time_with_interval(5_900.0, 950.0, 6_150.0),
            "5.90\u{a0}µs (0.950–6.15)"
        );
    }

    #[test]
    fn ratios_and_ticks() {
        assert_eq!(ratio(1.0169), "1.02×");
        assert_eq!(ratio(40.68), "40.7×");
        assert_eq!(tick(16.0), "16");
        assert_eq!(tick(50_000.0), "50\u{202f}000");
        assert_eq!(tick(0.25), "0.250");
    }
}
