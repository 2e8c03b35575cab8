//! `plots/rates.svg`: ticks per minute against the message interval, one line per variant.
//!
//! Drawn as `cargo xtask report` draws the bench plots, so the chapter reads as one: the
//! colours of [`evidence::palette`] (`anti` red, `fixed` green, the others in a fixed order),
//! the ticks of [`evidence::number::tick`], SVG with the browser laying out the text, the
//! stamp under the chart and in an XML comment. Only three lines: the four variants that tick
//! exactly as `fixed` does at every rate would hide under its line, so the legend names them
//! on `fixed`'s line instead (the table lists them all).

use anyhow::Result;
use evidence::number::tick;
use evidence::plot::plotters::prelude::*;
use evidence::plot::{framed, plot_error};
use evidence::{Stamp, Variants, palette};
use timers_in_loops::Variant;

use crate::experiments::{PERIOD, RatePoint};
use crate::tables::OWN_COLUMN;

/// The plot of the sweep; the point with no message has no x and stays in the table.
pub fn rates(points: &[RatePoint], lab: &str, by: &str, stamp: &Stamp) -> Result<String> {
    let all = Variant::all();
    let drawn: Vec<Variant> = OWN_COLUMN.iter().copied().chain([Variant::Fixed]).collect();
    let names: Vec<String> = drawn.iter().map(|v| v.name()).collect();
    let colours = palette::colours(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let shown: Vec<&RatePoint> = points.iter().filter(|p| p.every.is_some()).collect();
    let x_max = shown
        .iter()
        .filter_map(|p| p.every)
        .map(|d| d.as_secs_f64())
        .fold(0.0_f64, f64::max);
    let y_top = 60.0 / PERIOD.as_secs_f64() * 1.2;
    let others: Vec<String> = all
        .iter()
        .filter(|v| !drawn.contains(v))
        .map(|v| v.name())
        .collect();
    let note = "Paused time: exact counts over ten virtual minutes; each tick's action takes a \
                tenth of the period.";
    framed(note, (by, stamp), |area| {
        let mut chart = ChartBuilder::on(area)
            .caption(
                format!("{lab}: periodic ticks against the message rate"),
                ("sans-serif", 22),
            )
            .margin(16)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .build_cartesian_2d(0.0..x_max * 1.02, 0.0..y_top)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .x_desc(format!(
                "one message every ... seconds (the period is {} s)",
                PERIOD.as_secs_f64()
            ))
            .y_desc("ticks per minute")
            .axis_desc_style(("sans-serif", 15))
            .label_style(("sans-serif", 13))
            .x_label_formatter(&|v| tick(*v))
            .y_label_formatter(&|v| tick(*v))
            .max_light_lines(0)
            .bold_line_style(RGBColor(215, 215, 215))
            .draw()
            .map_err(plot_error)?;
        for (k, (variant, &(r, g, b))) in drawn.iter().zip(&colours).enumerate() {
            let i = all.iter().position(|v| v == variant).expect("a variant");
            let style = RGBColor(r, g, b).stroke_width(3);
            let label = if *variant == Variant::Fixed {
                format!("fixed (and {})", others.join(", "))
            } else {
                variant.name()
            };
            let series = shown
                .iter()
                .filter_map(|p| Some((p.every?.as_secs_f64(), p.per_minute[i])));
            chart
                .draw_series(LineSeries::new(series.clone(), style))
                .map_err(plot_error)?
                .label(label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style));
            // A marker shape per line as well as a colour: told apart in grey print too.
            let colour = RGBColor(r, g, b);
            match k {
                0 => chart
                    .draw_series(series.map(|p| Cross::new(p, 5, colour.stroke_width(2))))
                    .map(|_| ()),
                1 => chart
                    .draw_series(series.map(|p| TriangleMarker::new(p, 5, colour.filled())))
                    .map(|_| ()),
                _ => chart
                    .draw_series(series.map(|p| Circle::new(p, 4, colour.filled())))
                    .map(|_| ()),
            }
            .map_err(plot_error)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .label_font(("sans-serif", 14))
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(plot_error)?;

        Ok(())
    })
}
