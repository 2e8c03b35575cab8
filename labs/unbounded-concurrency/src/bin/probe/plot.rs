//! `peak.svg`: the most requests in flight at the server against the job's size, per variant.
//!
//! Both axes are logarithmic: the sizes span two orders of magnitude, and the lesson is a line
//! that climbs with the size next to lines that stay flat at the cap. Several variants share a
//! line (every capped one sits at 8; the two unbounded ones at `N`), so each is drawn a little
//! narrower than the one before it, with a marker of its own size: a shared line shows as
//! nested bands, and every series can still be told apart. Colours from
//! [`evidence::palette`] (`anti` red, `fixed` green), as in every plot of the book.

use anyhow::Result;
use evidence::number::count;
use evidence::plot::plotters::prelude::*;
use evidence::plot::{framed, plot_error};
use evidence::{Stamp, Variants, palette};
use unbounded_concurrency::Variant;

use crate::peak::{INPUTS, Row, find};

/// The plot, as SVG text.
pub fn peaks(rows: &[Row], lab: &str, by: &str, stamp: &Stamp) -> Result<String> {
    let variants = Variant::all();
    let names: Vec<String> = variants.iter().map(|v| v.name()).collect();
    let colours = palette::colours(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let x_min = *INPUTS.first().expect("sizes") as f64;
    let x_max = *INPUTS.last().expect("sizes") as f64;
    let y_max = rows
        .iter()
        .map(|r| r.outcome.counts.peak_in_flight as f64)
        .fold(1.0, f64::max);
    framed(
        "Peak in flight counted by the loopback server; 10 ms per item, cap 8, paused clock. \
         Lines that coincide are drawn as nested bands.",
        (by, stamp),
        |area| {
            let mut chart = ChartBuilder::on(area)
                .caption(
                    format!("{lab}: requests in flight at the server"),
                    ("sans-serif", 22),
                )
                .margin(16)
                .x_label_area_size(50)
                .y_label_area_size(80)
                .build_cartesian_2d(
                    (x_min * 0.8..x_max * 1.25).log_scale(),
                    (0.8..y_max * 1.6).log_scale(),
                )
                .map_err(plot_error)?;
            chart
                .configure_mesh()
                .x_desc("ids in the job (log scale)")
                .y_desc("most requests in flight at once (log scale)")
                .axis_desc_style(("sans-serif", 15))
                .label_style(("sans-serif", 13))
                .x_label_formatter(&|v| count(v.round() as i64))
                .y_label_formatter(&|v| count(v.round() as i64))
                .max_light_lines(0)
                .bold_line_style(RGBColor(215, 215, 215))
                .draw()
                .map_err(plot_error)?;
            let widest = variants.len() as u32 * 2 + 1;
            for (i, (&variant, &(r, g, b))) in variants.iter().zip(&colours).enumerate() {
                let width = widest - 2 * i as u32;
                let colour = RGBColor(r, g, b);
                let points: Vec<(f64, f64)> = INPUTS
                    .iter()
                    .filter_map(|&n| {
                        find(rows, variant, n)
                            .map(|row| (n as f64, row.outcome.counts.peak_in_flight as f64))
                    })
                    .collect();
                let style = colour.stroke_width(width);
                chart
                    .draw_series(LineSeries::new(points.iter().copied(), style))
                    .map_err(plot_error)?
                    .label(variant.name())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style));
                chart
                    .draw_series(
                        points
                            .iter()
                            .map(|&p| Circle::new(p, width as i32 + 2, colour.filled())),
                    )
                    .map_err(plot_error)?;
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
        },
    )
}
