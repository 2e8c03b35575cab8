//! The memory and queue-depth plots: one line per variant against time.
//!
//! Drawn the way `cargo xtask report` draws the bench plots, so the chapter reads as one:
//! `anti` red, `fixed` green, the others in a fixed order; SVG with the browser laying out the
//! text (no fonts needed to build); the stamp under the chart and in an XML comment. The axes
//! are linear and start at zero: the lesson is a line that climbs next to lines that stay
//! flat, and a log axis would flatten exactly that.

use anyhow::{Result, anyhow};
use evidence::Stamp;
use plotters::prelude::*;
use unbounded_channels::Variant;

use crate::tables::count;
use crate::timeline::{Run, Sample};

/// Width and height of the picture, in pixels.
const SIZE: (u32, u32) = (900, 520);
/// Height of the caption band under the chart.
const CAPTION_HEIGHT: u32 = 70;

/// Heap above the start of the run, in MiB, against time.
pub fn memory(runs: &[Run], stamp: &Stamp) -> Result<String> {
    line_chart(
        runs,
        "unbounded-channels: heap in use while events arrive",
        "heap in use above the start (MiB)",
        |s| s.heap as f64 / (1024.0 * 1024.0),
        |mib| format!("{mib:.0}"),
        "Heap bytes counted by a global allocator wrapping the system's, sampled from a thread of its own.",
        stamp,
    )
}

/// Queue depth in events, against time.
pub fn queue(runs: &[Run], stamp: &Stamp) -> Result<String> {
    line_chart(
        runs,
        "unbounded-channels: events waiting in the queue",
        "queued events",
        |s| s.queued as f64,
        count,
        "Queued = accepted - evicted - received, from the counters every variant keeps.",
        stamp,
    )
}

/// The colour of a variant, as in the bench plots.
fn colour(variant: Variant) -> RGBColor {
    match variant {
        Variant::Anti => RGBColor(214, 39, 40),
        Variant::Fixed => RGBColor(44, 160, 44),
        Variant::ShedNewest => RGBColor(31, 119, 180),
        Variant::ShedOldest => RGBColor(255, 127, 14),
        Variant::SpawnedSend => RGBColor(148, 103, 189),
    }
}

fn line_chart(
    runs: &[Run],
    title: &str,
    y_label: &str,
    value: impl Fn(&Sample) -> f64,
    y_tick: fn(f64) -> String,
    note: &str,
    stamp: &Stamp,
) -> Result<String> {
    let x_max = runs
        .iter()
        .flat_map(|r| r.samples.iter().map(|s| s.at))
        .fold(0.0_f64, f64::max)
        .max(0.1);
    let y_max = runs
        .iter()
        .flat_map(|r| r.samples.iter().map(&value))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let (chart_area, caption_area) = root.split_vertically(SIZE.1 - CAPTION_HEIGHT);
        let mut chart = ChartBuilder::on(&chart_area)
            .caption(title, ("sans-serif", 22))
            .margin(16)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(0.0..x_max * 1.02, 0.0..y_max * 1.08)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .x_desc("time since the first arrival (s)")
            .y_desc(y_label)
            .axis_desc_style(("sans-serif", 15))
            .label_style(("sans-serif", 13))
            .y_label_formatter(&|v| y_tick(*v))
            .light_line_style(RGBColor(235, 235, 235))
            .bold_line_style(RGBColor(200, 200, 200))
            .draw()
            .map_err(plot_error)?;
        for run in runs {
            let style = colour(run.outcome.variant).stroke_width(2);
            chart
                .draw_series(LineSeries::new(
                    run.samples.iter().map(|s| (s.at, value(s))),
                    style,
                ))
                .map_err(plot_error)?
                .label(run.outcome.variant.name())
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

        let style = ("sans-serif", 12).into_font().color(&RGBColor(90, 90, 90));
        let mut lines = vec![note.to_string()];
        lines.extend(evidence::svg::wrap(&stamp.plain(), 130));
        for (i, line) in lines.iter().enumerate() {
            caption_area
                .draw(&Text::new(
                    line.as_str(),
                    (16, 8 + 16 * i as i32),
                    style.clone(),
                ))
                .map_err(plot_error)?;
        }
        root.present().map_err(plot_error)?;
    }
    Ok(evidence::svg::with_stamp_comment(
        svg,
        "the unbounded-channels probe",
        &stamp.plain(),
    ))
}

fn plot_error<E: std::fmt::Debug>(err: E) -> anyhow::Error {
    anyhow!("cannot draw the plot: {err:?}")
}
