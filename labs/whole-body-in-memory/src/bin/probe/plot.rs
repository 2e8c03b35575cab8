//! `plots/memory.svg`: peak heap against body size, one line per download.
//!
//! Linear axes from zero, as the channels lab draws its memory: the lesson is two lines that
//! climb with the body next to three that stay on the floor, and a log axis would make the
//! floor look like a slope. The flat lines lie on top of each other at this scale, so each
//! has its own marker, and the legend says which is which.

use anyhow::Result;
use evidence::number::tick;
use evidence::plot::plotters::prelude::*;
use evidence::plot::{framed, plot_error};
use evidence::{Stamp, palette};

use crate::Run;
use crate::table::names;

const MIB: f64 = 1024.0 * 1024.0;

/// The plot, as SVG.
pub fn memory(runs: &[Run], lab: &str, by: &str, stamp: &Stamp) -> Result<String> {
    let names = names(runs);
    let colours = palette::colours(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let x_max = runs
        .iter()
        .map(|r| r.held.len as f64 / MIB)
        .fold(1.0, f64::max);
    let y_max = runs
        .iter()
        .map(|r| r.held.peak_heap as f64 / MIB)
        .fold(1.0, f64::max);
    framed(
        "Heap counted by a global allocator wrapping the system's, sampled wherever the body passes (the server's chunks, the writer's writes).",
        (by, stamp),
        |area| {
            let mut chart = ChartBuilder::on(area)
                .caption(
                    format!("{lab}: peak heap against body size"),
                    ("sans-serif", 22),
                )
                .margin(16)
                .x_label_area_size(50)
                .y_label_area_size(80)
                .build_cartesian_2d(0.0..x_max * 1.04, 0.0..y_max * 1.08)
                .map_err(plot_error)?;
            chart
                .configure_mesh()
                .x_desc("body size (MiB)")
                .y_desc("peak heap above the start (MiB)")
                .axis_desc_style(("sans-serif", 15))
                .label_style(("sans-serif", 13))
                .x_label_formatter(&|v| tick(*v))
                .y_label_formatter(&|v| tick(*v))
                .max_light_lines(0)
                .bold_line_style(RGBColor(215, 215, 215))
                .draw()
                .map_err(plot_error)?;
            for (i, (name, &(r, g, b))) in names.iter().zip(&colours).enumerate() {
                let colour = RGBColor(r, g, b);
                let mut points: Vec<(f64, f64)> = runs
                    .iter()
                    .filter(|run| &run.download == name)
                    .map(|run| (run.held.len as f64 / MIB, run.held.peak_heap as f64 / MIB))
                    .collect();
                points.sort_by(|a, b| a.0.total_cmp(&b.0));
                chart
                    .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
                    .map_err(plot_error)?
                    .label(name.as_str())
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 24, y)], colour.stroke_width(2))
                    });
                // A marker of its own per line: circles, triangles, crosses, squares.
                let size = 6;
                match i % 4 {
                    0 => chart.draw_series(
                        points
                            .iter()
                            .map(|&p| Circle::new(p, size, colour.filled())),
                    ),
                    1 => chart.draw_series(
                        points
                            .iter()
                            .map(|&p| TriangleMarker::new(p, size + 1, colour.filled())),
                    ),
                    2 => chart.draw_series(
                        points
                            .iter()
                            .map(|&p| Cross::new(p, size, colour.stroke_width(2))),
                    ),
                    _ => chart.draw_series(points.iter().map(|&(x, y)| {
                        EmptyElement::at((x, y))
                            + Rectangle::new([(-size, -size), (size, size)], colour.stroke_width(2))
                    })),
                }
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
