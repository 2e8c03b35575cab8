//! One SVG plot per benchmark group: cost against load, one line per variant.
//!
//! The table gives exact numbers; the plot shows the shape, which is usually the lesson (the
//! anti-pattern's cost grows with load while the fix stays flat, or the gap stays constant).
//! Choices a reader may wonder about:
//!
//! - Each point is the mean, with its 95% confidence interval as an error bar. Intervals are
//!   often narrower than the dot; the caption says so, so that a missing bar reads as "tight",
//!   not as "forgotten".
//! - An axis turns logarithmic when its values span a factor of ten or more. An anti-pattern
//!   that costs 40 times the fix would otherwise flatten the fix into the x axis; on a log
//!   axis equal ratios are equal distances, which is what the chapter argues about.
//! - A group measured at a single load has no line to draw; its variants become the x axis.
//! - The legend and the stamp sit in a band under the chart: inside it they would cover data,
//!   and the stamp travels with the picture when it is copied out of the book. The stamp is
//!   also put in an XML comment for tools.
//! - Variants that cost the same draw on top of each other, and a reader must still see that
//!   there are two. So each variant has its own marker shape as well as its colour, the lines
//!   of all but `anti` and `fixed` are dashed, and each variant's points sit a little to the
//!   side of the exact load ("dodged"), so coinciding series show as neighbours.
//! - The x axis is labelled at the loads that were measured, and nowhere else: a load is a
//!   count, so `1.5 producers` or an unlabelled log decade helps nobody.
//! - SVG text is laid out by the browser, so plotters' built-in approximate text metrics are
//!   enough and no font files are needed at build time.

use std::ops::Range;

use anyhow::{Result, anyhow};
use evidence::{Estimate, Group, Stamp, number};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{AsRangedCoord, Ranged, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width and height of the whole picture, in pixels.
const SIZE: (u32, u32) = (900, 600);
/// Height of the band under the chart: legend, reading note, stamp.
const BAND_HEIGHT: u32 = 110;
/// A factor of ten or more between the smallest and the largest value makes an axis log.
const LOG_SPAN: f64 = 10.0;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// The colours of the variants, in [`Group::variants`] order: the book's one palette
/// ([`evidence::palette`]), so `anti` is red and `fixed` green in every plot.
fn colours(variants: &[&str]) -> Vec<RGBColor> {
    evidence::palette::colours(variants)
        .into_iter()
        .map(|(r, g, b)| RGBColor(r, g, b))
        .collect()
}

/// One variant's points: (x, time in the plot's unit), its colour and how it is drawn.
struct Series {
    colour: RGBColor,
    look: Look,
    points: Vec<(f64, Estimate)>,
}

/// How a variant is told apart without its colour: a marker shape and a line pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Look {
    marker: Marker,
    dashed: bool,
}

/// The marker shapes, in the order the variants take them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Circle,
    Square,
    Triangle,
    Cross,
}

/// The look of the `i`-th of the group's variants: `anti` and `fixed` solid, others dashed;
/// the shapes go round so that neighbours in the legend differ.
fn look(variant: &str, i: usize) -> Look {
    const MARKERS: [Marker; 4] = [
        Marker::Circle,
        Marker::Square,
        Marker::Triangle,
        Marker::Cross,
    ];
    Look {
        marker: MARKERS[i % MARKERS.len()],
        dashed: !matches!(variant, "anti" | "fixed"),
    }
}

/// How far the `v`-th of `n` variants is moved to the side of its load: a share of the
/// distance between two neighbouring loads (or of one category), centred on the load.
fn dodge(v: usize, n: usize, width: f64) -> f64 {
    if n < 2 {
        return 0.0;
    }
    (v as f64 - (n as f64 - 1.0) / 2.0) * width / n as f64
}

/// Everything about a chart except its axes' coordinate types, which differ between linear
/// and log scales and so are passed separately to [`Chart::draw`].
struct Chart<'a> {
    title: String,
    x_desc: String,
    y_desc: String,
    x_label: Box<dyn Fn(&f64) -> String + 'a>,
    series: Vec<Series>,
    /// Join each variant's points with a line (not when each variant is its own column).
    lines: bool,
    /// The y axis is logarithmic.
    y_log: bool,
    /// For a category x axis, the number of categories: one tick each, no vertical grid.
    categories: Option<usize>,
    /// For a numeric x axis, the measured loads: the only places labelled and gridded.
    x_ticks: Vec<f64>,
}

/// Renders the plot for `group` as an SVG document.
/// `load_name` says what the load counts (the catalogue's `[loads]`), for the x axis.
pub fn render(group: &Group, stamp: &Stamp, load_name: &str, measure: &str) -> Result<String> {
    let variants = group.variants();
    let colours = colours(&variants);
    let looks: Vec<Look> = variants
        .iter()
        .enumerate()
        .map(|(i, v)| look(v, i))
        .collect();
    let loads = group.loads();

    // One unit for the whole plot, picked from the geometric middle of the data so that the
    // tick labels stay short at both ends.
    let all: Vec<Estimate> = group.measurements.iter().map(|m| m.headline()).collect();
    let (low, high) = bounds(&all);
    let unit = number::unit_for((low * high).sqrt());
    let y_log = high / low >= LOG_SPAN;
    let y_range = if y_log {
        // Headroom on each side, in ratio terms, so no dot or bar sits on the frame.
        (low / unit.nanos / 1.5)..(high / unit.nanos * 1.5)
    } else {
        // A linear time axis starts at zero: anything else exaggerates differences.
        0.0..(high / unit.nanos * 1.1)
    };
    let per = if group.has_elements() {
        "operation"
    } else {
        "iteration"
    };
    let scale = if y_log { ", log scale" } else { "" };

    // Every variant's points, placed on the x axis by `x_of(variant index, load index)`.
    let series = |x_of: &dyn Fn(usize, usize) -> f64| -> Vec<Series> {
        let point = |variant: &str, load: &str| {
            let e = group.get(variant, load)?.headline();
            Some(Estimate {
                point: e.point / unit.nanos,
                lower: e.lower / unit.nanos,
                upper: e.upper / unit.nanos,
                ..e
            })
        };
        let points = |v: usize| {
            let at = |(l, load): (usize, &&str)| Some((x_of(v, l), point(variants[v], load)?));
            loads.iter().enumerate().filter_map(at).collect()
        };
        (0..variants.len())
            .map(|v| Series {
                colour: colours[v],
                look: looks[v],
                points: points(v),
            })
            .collect()
    };
    let mut chart = Chart {
        title: group.id.clone(),
        x_desc: String::new(),
        y_desc: format!("{measure} per {per} ({}{scale})", unit.symbol),
        x_label: Box::new(|v: &f64| number::tick(*v)),
        series: Vec::new(),
        lines: true,
        y_log,
        categories: None,
        x_ticks: Vec::new(),
    };
    let n = variants.len();

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let (chart_area, band) = root.split_vertically(SIZE.1 - BAND_HEIGHT);
        let numeric: Option<Vec<f64>> = loads.iter().map(|l| l.parse::<f64>().ok()).collect();

        match numeric {
            Some(xs) if loads.len() > 1 => {
                // The usual case: cost against a numeric load, one line per variant.
                let (x_low, x_high) = xs
                    .iter()
                    .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
                let x_log = x_low > 0.0 && x_high / x_low >= LOG_SPAN;
                // Dodged by a share of the narrowest gap between loads, in the axis's terms
                // (a ratio on a log axis), so no variant reaches its neighbour load.
                let mut sorted = xs.clone();
                sorted.sort_by(f64::total_cmp);
                let gap = sorted
                    .windows(2)
                    .map(|w| {
                        if x_log {
                            (w[1] / w[0]).ln()
                        } else {
                            w[1] - w[0]
                        }
                    })
                    .fold(f64::MAX, f64::min);
                chart.series = series(&|v, l| {
                    let shift = dodge(v, n, gap * 0.25);
                    if x_log {
                        xs[l] * shift.exp()
                    } else {
                        xs[l] + shift
                    }
                });
                chart.x_ticks = xs.clone();
                chart.x_desc = format!("{load_name}{}", if x_log { " (log scale)" } else { "" });
                if x_log {
                    chart.draw_with_y(
                        &chart_area,
                        ((x_low / 1.4)..(x_high * 1.4)).log_scale(),
                        y_range,
                    )?;
                } else {
                    chart.draw_with_y(&chart_area, padded(x_low, x_high), y_range)?;
                }
            }
            _ if loads.len() > 1 => {
                // Loads that are names, not numbers: evenly spaced, still one line per variant.
                chart.series = series(&|v, l| l as f64 + dodge(v, n, 0.3));
                chart.x_desc = load_name.to_string();
                chart.x_label = Box::new(|v: &f64| category(&loads, *v));
                chart.categories = Some(loads.len());
                chart.draw_with_y(&chart_area, -0.5..(loads.len() as f64 - 0.5), y_range)?;
            }
            _ => {
                // A single load: nothing to draw a line along, so each variant is a column.
                chart.series = series(&|v, _| v as f64);
                chart.x_desc = format!(
                    "variant (at load {})",
                    loads.first().copied().unwrap_or_default()
                );
                chart.x_label = Box::new(|v: &f64| category(&variants, *v));
                chart.categories = Some(variants.len());
                chart.lines = false;
                chart.draw_with_y(&chart_area, -0.5..(variants.len() as f64 - 0.5), y_range)?;
            }
        }

        let legend: Vec<(&str, RGBColor, Look)> = variants
            .iter()
            .enumerate()
            .map(|(i, &v)| (v, colours[i], looks[i]))
            .collect();
        draw_band(&band, &legend, &evidence::svg::wrap(&stamp.plain(), 115))?;
        root.present().map_err(plot_error)?;
    }
    Ok(evidence::svg::with_stamp_comment(
        svg,
        "`cargo xtask report`",
        &stamp.plain(),
    ))
}

impl Chart<'_> {
    /// Draws with a linear or a log y axis, as [`Chart::y_log`] says.
    fn draw_with_y<XS>(&self, area: &Area, x_spec: XS, y_range: Range<f64>) -> Result<()>
    where
        XS: AsRangedCoord<Value = f64>,
        XS::CoordDescType: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        if self.y_log {
            self.draw(area, x_spec, y_range.log_scale())
        } else {
            self.draw(area, x_spec, y_range)
        }
    }

    /// Draws the chart on `area`: axes, grid, error bars, dots and lines.
    fn draw<XS, YS>(&self, area: &Area, x_spec: XS, y_spec: YS) -> Result<()>
    where
        XS: AsRangedCoord<Value = f64>,
        XS::CoordDescType: Ranged<ValueType = f64> + ValueFormatter<f64>,
        YS: AsRangedCoord<Value = f64>,
        YS::CoordDescType: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let mut chart = ChartBuilder::on(area)
            .caption(&self.title, ("sans-serif", 26))
            .margin(16)
            .x_label_area_size(50)
            .y_label_area_size(80)
            .build_cartesian_2d(x_spec, y_spec)
            .map_err(plot_error)?;

        // Plotters picks its own tick positions, which on a log axis can miss every measured
        // load (2 and 8 fall between its key points) and leave a decade unlabelled. So on a
        // numeric x axis and on a log y axis, this draws the labels and grid lines itself, at
        // the loads and at 1, 2 and 5 times each power of ten; plotters draws the rest.
        let own_x = !self.x_ticks.is_empty();
        let mut mesh = chart.configure_mesh();
        mesh.x_desc(&self.x_desc)
            .y_desc(&self.y_desc)
            .axis_desc_style(("sans-serif", 18))
            .label_style(("sans-serif", 16))
            .x_label_formatter(&self.x_label)
            .y_label_formatter(&|v: &f64| number::tick(*v))
            .light_line_style(RGBColor(238, 238, 238))
            .bold_line_style(RGBColor(205, 205, 205));
        if let Some(n) = self.categories {
            // Asking for as many labels as categories makes plotters step by one, so each
            // category gets exactly one tick; vertical grid lines would only add clutter.
            mesh.x_labels(n).disable_x_mesh();
        }
        let blank = |_: &f64| String::new();
        if own_x {
            mesh.x_label_formatter(&blank)
                .disable_x_mesh()
                .set_tick_mark_size(LabelAreaPosition::Bottom, 0);
        }
        if self.y_log {
            mesh.y_label_formatter(&blank)
                .disable_y_mesh()
                .set_tick_mark_size(LabelAreaPosition::Left, 0);
        }
        mesh.draw().map_err(plot_error)?;

        let (x_span, y_span) = (chart.x_range(), chart.y_range());
        let base = area.get_base_pixel();
        let grid = RGBColor(225, 225, 225).stroke_width(1);
        let label = ("sans-serif", 16).into_font().color(&BLACK);
        let mut grid_lines = Vec::new();
        let mut labels = Vec::new();
        if own_x {
            for &load in &self.x_ticks {
                grid_lines.push(vec![(load, y_span.start), (load, y_span.end)]);
                let (px, py) = chart.backend_coord(&(load, y_span.start));
                let at = (px - base.0, py - base.1 + 8);
                labels.push((number::tick(load), at, Pos::new(HPos::Center, VPos::Top)));
            }
        }
        if self.y_log {
            for value in log_ticks(y_span.start, y_span.end) {
                grid_lines.push(vec![(x_span.start, value), (x_span.end, value)]);
                let (px, py) = chart.backend_coord(&(x_span.start, value));
                let at = (px - base.0 - 8, py - base.1);
                labels.push((number::tick(value), at, Pos::new(HPos::Right, VPos::Center)));
            }
        }
        chart
            .draw_series(
                grid_lines
                    .into_iter()
                    .map(|line| PathElement::new(line, grid)),
            )
            .map_err(plot_error)?;
        for (text, at, pos) in labels {
            area.draw(&Text::new(text, at, label.clone().pos(pos)))
                .map_err(plot_error)?;
        }

        for s in &self.series {
            // The error bar: a vertical line from the lower to the upper bound, with short caps
            // drawn in pixels (a cap's width in data units would change with the axis scale).
            let bar = s.colour.stroke_width(1);
            let bars = s
                .points
                .iter()
                .map(|&(x, e)| PathElement::new(vec![(x, e.lower), (x, e.upper)], bar));
            chart.draw_series(bars).map_err(plot_error)?;
            for bound in [|e: &Estimate| e.lower, |e: &Estimate| e.upper] {
                let cap = |&(x, e): &(f64, Estimate)| {
                    EmptyElement::at((x, bound(&e))) + PathElement::new(vec![(-5, 0), (5, 0)], bar)
                };
                chart
                    .draw_series(s.points.iter().map(cap))
                    .map_err(plot_error)?;
            }
            if self.lines {
                let points = s.points.iter().map(|&(x, e)| (x, e.point));
                if s.look.dashed {
                    let line = DashedLineSeries::new(points, 9, 5, s.colour.stroke_width(2));
                    chart.draw_series(line).map_err(plot_error)?;
                } else {
                    let line = LineSeries::new(points, s.colour.stroke_width(2));
                    chart.draw_series(line).map_err(plot_error)?;
                }
            }
            for &(x, e) in &s.points {
                let at = EmptyElement::at((x, e.point));
                chart
                    .draw_series(std::iter::once(at + marker(s.look.marker, s.colour)))
                    .map_err(plot_error)?;
            }
        }
        Ok(())
    }
}

/// The band under the chart: the legend (a coloured line per variant), how to read the
/// plot, and the stamp.
fn draw_band(area: &Area, legend: &[(&str, RGBColor, Look)], stamp: &[String]) -> Result<()> {
    let text = ("sans-serif", 17).into_text_style(area);
    let mut x = 16;
    for &(variant, colour, look) in legend {
        if look.dashed {
            for dash in [(x, x + 9), (x + 14, x + 23)] {
                area.draw(&PathElement::new(
                    vec![(dash.0, 14), (dash.1, 14)],
                    colour.stroke_width(3),
                ))
                .map_err(plot_error)?;
            }
        } else {
            area.draw(&PathElement::new(
                vec![(x, 14), (x + 28, 14)],
                colour.stroke_width(3),
            ))
            .map_err(plot_error)?;
        }
        area.draw(&(EmptyElement::at((x + 14, 14)) + marker(look.marker, colour)))
            .map_err(plot_error)?;
        area.draw(&Text::new(variant, (x + 36, 5), text.clone()))
            .map_err(plot_error)?;
        // The built-in text metrics are estimates; a generous gap keeps names apart.
        let (width, _) = area
            .estimate_text_size(variant, &text)
            .map_err(plot_error)?;
        x += 36 + width as i32 + 28;
    }
    let note = ("sans-serif", 15).into_font().color(&RGBColor(80, 80, 80));
    let reading = "Markers: means, set a little apart at each load so equal ones stay visible. Bars: 95% \
         confidence intervals (hidden behind the marker when narrower).";
    let lines = std::iter::once(reading).chain(stamp.iter().map(String::as_str));
    for (i, line) in lines.enumerate() {
        area.draw(&Text::new(line, (16, 36 + 18 * i as i32), note.clone()))
            .map_err(plot_error)?;
    }
    Ok(())
}

/// A marker of `shape`, drawn in pixels around the point it is added to.
fn marker<DB: DrawingBackend>(
    shape: Marker,
    colour: RGBColor,
) -> DynElement<'static, DB, (i32, i32)> {
    let style = colour.filled();
    match shape {
        Marker::Circle => Circle::new((0, 0), 4, style).into_dyn(),
        Marker::Square => Rectangle::new([(-4, -4), (4, 4)], style).into_dyn(),
        Marker::Triangle => TriangleMarker::new((0, 0), 6, style).into_dyn(),
        Marker::Cross => Cross::new((0, 0), 5, colour.stroke_width(2)).into_dyn(),
    }
}

/// The label of a category axis: the name at each whole position, nothing between them.
fn category(names: &[&str], x: f64) -> String {
    let i = x.round();
    let whole = (x - i).abs() < 1e-6 && i >= 0.0;
    if whole {
        names
            .get(i as usize)
            .map(|n| n.to_string())
            .unwrap_or_default()
    } else {
        String::new()
    }
}

/// The values 1, 2 and 5 times a power of ten between `low` and `high`: the labelled ticks of
/// a log axis (every integer multiple would overprint; powers of ten alone can leave a short
/// axis with one label or none).
fn log_ticks(low: f64, high: f64) -> Vec<f64> {
    if !(low > 0.0 && high > low) {
        return Vec::new();
    }
    let mut ticks = Vec::new();
    let mut decade = 10f64.powf(low.log10().floor());
    while decade <= high {
        for m in [1.0, 2.0, 5.0] {
            let value = decade * m;
            if value >= low && value <= high {
                ticks.push(value);
            }
        }
        decade *= 10.0;
    }
    ticks
}

/// The smallest lower and largest upper bound, never zero (a log axis cannot show zero).
fn bounds(estimates: &[Estimate]) -> (f64, f64) {
    if estimates.is_empty() {
        return (1.0, 10.0);
    }
    let low = estimates
        .iter()
        .map(|e| e.lower.min(e.point))
        .fold(f64::MAX, f64::min)
        .max(1e-3);
    let high = estimates
        .iter()
        .map(|e| e.upper.max(e.point))
        .fold(f64::MIN, f64::max);
    (low, high.max(low * 1.01))
}

/// A linear x range with 5% of room on each side.
fn padded(low: f64, high: f64) -> Range<f64> {
    let pad = ((high - low) * 0.05).max(0.5);
    (low - pad)..(high + pad)
}

fn plot_error<E: std::fmt::Debug>(err: E) -> anyhow::Error {
    anyhow!("cannot draw the plot: {err:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_ticks_are_one_two_five_times_each_power_of_ten_in_range() {
        assert_eq!(log_ticks(15.0, 600.0), [20.0, 50.0, 100.0, 200.0, 500.0]);
        assert_eq!(log_ticks(0.15, 0.6), [0.2, 0.5]);
        assert!(log_ticks(0.0, 10.0).is_empty());
    }

    #[test]
    fn dodged_points_are_centred_on_the_load_and_stay_inside_the_gap() {
        assert_eq!(dodge(0, 1, 1.0), 0.0);
        let shifts: Vec<f64> = (0..4).map(|v| dodge(v, 4, 1.0)).collect();
        assert!((shifts.iter().sum::<f64>()).abs() < 1e-12);
        assert!(shifts.iter().all(|s| s.abs() < 0.5));
    }

    #[test]
    fn categories_are_labelled_at_whole_positions() {
        let names = ["anti", "fixed"];
        assert_eq!(category(&names, 1.0), "fixed");
        assert_eq!(category(&names, 0.5), "");
        assert_eq!(category(&names, 2.0), "");
    }
}
