//! The frame of every plot a probe draws: a white SVG, the chart on top, a grey caption band
//! under it with the plot's note and its stamp, and the stamp again as an XML comment.
//!
//! Only the frame is shared: what goes inside it (axes, series, legend) is the lesson of each
//! plot and stays in its lab. Behind the `plot` feature, so that a lab whose probe draws
//! nothing does not build plotters.

use anyhow::{Result, anyhow};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::Stamp;

/// The plotters this frame is drawn with, for the chart inside it: one version for all.
pub use plotters;

/// The drawing area a chart is drawn on.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Width and height of the picture, in pixels (it scales down to the book's column).
pub const SIZE: (u32, u32) = (900, 520);
/// Height of the caption band under the chart.
const CAPTION_HEIGHT: u32 = 70;
/// Characters per caption line before the stamp wraps.
const CAPTION_WIDTH: usize = 130;

/// Draws a plot: `chart` draws on the area above the caption, which holds `note` and
/// `stamp`; `by` is the command that generated it, named in the XML comment.
pub fn framed(
    note: &str,
    (by, stamp): (&str, &Stamp),
    chart: impl FnOnce(&Area<'_>) -> Result<()>,
) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let (chart_area, caption_area) = root.split_vertically(SIZE.1 - CAPTION_HEIGHT);
        chart(&chart_area)?;
        let style = ("sans-serif", 12).into_font().color(&RGBColor(90, 90, 90));
        let mut lines = vec![note.to_string()];
        lines.extend(crate::svg::wrap(&stamp.plain(), CAPTION_WIDTH));
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
    Ok(crate::svg::with_stamp_comment(svg, by, &stamp.plain()))
}

/// A plotters error as ours: plotters' errors are generic over the backend, so only their
/// description travels.
pub fn plot_error<E: std::fmt::Debug>(err: E) -> anyhow::Error {
    anyhow!("cannot draw the plot: {err:?}")
}
