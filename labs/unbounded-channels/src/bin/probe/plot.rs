//! The memory and queue-depth plots: one line per variant against time.
//!
//! Drawn the way `cargo xtask report` draws the bench plots, so the chapter reads as one: the
//! colours of [`evidence::palette`] (`anti` red, `fixed` green, the others in a fixed order),
//! the ticks of [`evidence::number::tick`], SVG with the browser laying out the text (no fonts
//! needed to build), the stamp under the chart and in an XML comment. The axes are linear and
//! start at zero: the lesson is a line that climbs next to lines that stay flat, and a log
//! axis would flatten exactly that.
//!
//! One grid line per labelled tick and no finer ones: plotters' default "light" lines fall
//! on the labelled ones too, which draws every labelled line twice. A count of events is
//! whole, so its axis never gets a tick between two whole numbers.

use anyhow::Result;
use evidence::number::{count, tick};
use evidence::plot::plotters::prelude::*;
use evidence::plot::{framed, plot_error};
use evidence::{Stamp, Variants, palette};

use crate::timeline::{Run, Sample};

/// Labelled ticks per axis at most (plotters' default).
const TICKS: usize = 10;

/// What one chart shows on its y axis.
struct YAxis<'a> {
    label: &'a str,
    value: fn(&Sample) -> f64,
    /// Whole numbers only (a count): no tick between two of them.
    whole: bool,
}

/// Heap above the start of the run, in MiB, against time.
pub fn memory(runs: &[Run], lab: &str, by: &str, stamp: &Stamp) -> Result<String> {
    line_chart(
        runs,
        &format!("{lab}: heap in use while events arrive"),
        YAxis {
            label: "heap in use above the start (MiB)",
            value: |s| s.heap as f64 / (1024.0 * 1024.0),
            whole: false,
        },
        "Heap bytes counted by a global allocator wrapping the system's, sampled from a thread of its own.",
        (by, stamp),
    )
}

/// Queue depth in events, against time.
pub fn queue(runs: &[Run], lab: &str, by: &str, stamp: &Stamp) -> Result<String> {
    line_chart(
        runs,
        &format!("{lab}: events waiting in the queue"),
        YAxis {
            label: "queued events",
            value: |s| s.queued as f64,
            whole: true,
        },
        "Queued = accepted - evicted - received, from the counters every variant keeps.",
        (by, stamp),
    )
}

/// How many labelled ticks an axis from 0 to `top` may have: for whole numbers, never more
/// than there are whole numbers on it, so that plotters' step cannot fall below 1.
fn ticks(top: f64, whole: bool) -> usize {
    if whole {
        (top.floor() as usize + 1).clamp(2, TICKS)
    } else {
        TICKS
    }
}

fn line_chart(
    runs: &[Run],
    title: &str,
    y: YAxis<'_>,
    note: &str,
    (by, stamp): (&str, &Stamp),
) -> Result<String> {
    let names: Vec<String> = runs.iter().map(|r| r.outcome.variant.name()).collect();
    let colours = palette::colours(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let x_max = runs
        .iter()
        .flat_map(|r| r.samples.iter().map(|s| s.at))
        .fold(0.0_f64, f64::max)
        .max(0.1);
    let y_max = runs
        .iter()
        .flat_map(|r| r.samples.iter().map(y.value))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let y_top = y_max * 1.08;
    framed(note, (by, stamp), |area| {
        let mut chart = ChartBuilder::on(area)
            .caption(title, ("sans-serif", 22))
            .margin(16)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(0.0..x_max * 1.02, 0.0..y_top)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .x_desc("time since the first arrival (s)")
            .y_desc(y.label)
            .axis_desc_style(("sans-serif", 15))
            .label_style(("sans-serif", 13))
            .x_label_formatter(&|v| tick(*v))
            // A count is grouped in thousands like every count in the book (`50 000`).
            .y_label_formatter(&|v| match y.whole {
                true => count(v.round() as i64),
                false => tick(*v),
            })
            .y_labels(ticks(y_top, y.whole))
            .max_light_lines(0)
            .bold_line_style(RGBColor(215, 215, 215))
            .draw()
            .map_err(plot_error)?;
        for (run, (name, &(r, g, b))) in runs.iter().zip(names.iter().zip(&colours)) {
            let style = RGBColor(r, g, b).stroke_width(2);
            chart
                .draw_series(LineSeries::new(
                    run.samples.iter().map(|s| (s.at, (y.value)(s))),
                    style,
                ))
                .map_err(plot_error)?
                .label(name.as_str())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font(("sans-serif", 14))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(plot_error)?;

        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::Sample;
    use evidence::Mode;
    use unbounded_channels::Variant;
    use unbounded_channels::scenario::Outcome;

    /// Every `<text>` element: its x coordinate and its text.
    fn texts(svg: &str) -> Vec<(f64, String)> {
        svg.split("<text x=\"")
            .skip(1)
            .filter_map(|t| {
                let (x, rest) = t.split_once('"')?;
                let text = rest.split_once('>')?.1.split_once("</text>")?.0;
                Some((x.parse().ok()?, text.trim().to_owned()))
            })
            .collect()
    }

    /// The grid's lines, as their coordinates.
    fn lines(svg: &str) -> Vec<String> {
        svg.split("<line")
            .skip(1)
            .filter_map(|l| Some(l[l.find("x1=")?..l.find("/>")?].to_owned()))
            .collect()
    }

    fn run(variant: Variant, queued: &[u64]) -> Run {
        let outcome: Outcome = serde_json::from_value(serde_json::json!({
            "variant": variant, "capacity": 1, "arrived": 0, "stopped_at_cap": false,
            "unsent": 0, "stats": {"accepted": 0, "rejected": 0, "evicted": 0, "received": 0},
            "delivered": 0, "max_queued": 0, "left_queued": 0, "in_order": true,
            "producer_lag": {"secs": 0, "nanos": 0}, "arrivals_took": {"secs": 1, "nanos": 0},
            "took": {"secs": 1, "nanos": 0},
            "latency": {"count": 0, "p50": {"secs": 0, "nanos": 0},
                        "p99": {"secs": 0, "nanos": 0}, "max": {"secs": 0, "nanos": 0}},
        }))
        .expect("a valid outcome");
        let samples = queued
            .iter()
            .enumerate()
            .map(|(i, &queued)| Sample {
                at: i as f64 * 0.1,
                heap: queued * 256,
                queued,
            })
            .collect();
        Run { outcome, samples }
    }

    #[test]
    fn a_small_count_gets_whole_ticks_each_once_and_every_grid_line_is_drawn_once() {
        let stamp = Stamp::collect(std::path::Path::new("."), Mode::Manual);
        let runs = [
            run(Variant::Anti, &[0, 1, 2, 3]),
            run(Variant::Fixed, &[0, 1, 1, 1]),
        ];
        let svg = queue(&runs, "lab", "a test", &stamp).expect("a plot");
        // The y axis's labels stand left of the plot area (margin and label area: 96 px).
        let y_ticks: Vec<String> = texts(&svg)
            .into_iter()
            .filter(|(x, text)| *x < 96.0 && text.parse::<f64>().is_ok())
            .map(|(_, text)| text)
            .collect();
        assert!(y_ticks.len() >= 3, "{y_ticks:?}");
        for tick in &y_ticks {
            assert!(
                !tick.contains('.'),
                "a count of events got a fractional tick: {y_ticks:?}"
            );
        }
        let mut unique = y_ticks.clone();
        unique.dedup();
        assert_eq!(unique, y_ticks, "a tick drawn twice");
        let mut grid = lines(&svg);
        let all = grid.len();
        grid.sort();
        grid.dedup();
        assert_eq!(grid.len(), all, "a grid line drawn twice");
    }
}
