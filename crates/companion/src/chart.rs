//! The figures of the docs drawn as bar charts, in plain SVG, from the Markdown tables that
//! hold them, so that a picture can never say something its table does not:
//!
//! - [`comparison_chart`]: how many times Rust is ahead of Python, one bar per figure of
//!   `docs/rust-vs-python.md`'s table (what `compare/compare.py` writes between its markers);
//! - [`table_charts`]: a table of a page drawn as the marker above it asks, as in
//!   `<!-- chart: images/NAME.svg; log; TITLE; 2=Rust; 3=Python -->` (the file, `log` or
//!   `linear`, the title, then the columns to draw, by number, with their names in the legend).
//!
//! Written out rather than taken from a charting crate (plotters, charming): those bring a font
//! stack or a JavaScript runtime for a few dozen rectangles.

use std::fmt::Write;

use crate::book::Generated;

/// A bar: from `from` to `to` on the scale, the part past `solid_to` paler (the spread of a
/// range), labelled on the left and with `text` on the right.
struct Bar {
    label: String,
    from: f64,
    solid_to: f64,
    to: f64,
    text: String,
    colour: &'static str,
}

/// Bars under a heading.
struct Group {
    heading: String,
    bars: Vec<Bar>,
}

#[derive(Clone, Copy)]
enum Scale {
    Log { low: f64, high: f64 },
    Linear { high: f64 },
}

impl Scale {
    /// Where `value` falls, from 0 (the left end) to 1.
    fn position(self, value: f64) -> f64 {
        match self {
            Scale::Log { low, high } => {
                (value.clamp(low, high).log10() - low.log10()) / (high.log10() - low.log10())
            }
            Scale::Linear { high } => value.clamp(0.0, high) / high,
        }
    }

    /// Where a bar that is not a range starts.
    fn origin(self) -> f64 {
        match self {
            Scale::Log { low, .. } => low,
            Scale::Linear { .. } => 0.0,
        }
    }

    fn ticks(self) -> Vec<f64> {
        match self {
            Scale::Log { low, high } => {
                // 1, 2 and 5 of each decade while they fit; the decades alone after.
                let steps: &[f64] = if high / low > 1000.0 {
                    &[1.0]
                } else {
                    &[1.0, 2.0, 5.0]
                };
                let mut ticks = Vec::new();
                let mut decade = 10f64.powf(low.log10().floor());
                while decade <= high * 1.001 {
                    for &step in steps {
                        let tick = decade * step;
                        if tick >= low * 0.999 && tick <= high * 1.001 {
                            ticks.push(tick);
                        }
                    }
                    decade *= 10.0;
                }
                ticks
            }
            Scale::Linear { high } => {
                let step = nice_step(high / 5.0);
                (0..)
                    .map(|i| f64::from(i) * step)
                    .take_while(|tick| *tick <= high * 1.001)
                    .collect()
            }
        }
    }

    /// A log scale from the decade below `least` to the one above `most`; a linear one from 0
    /// to a round number above `most`.
    fn fitting(log: bool, least: f64, most: f64) -> Scale {
        if log {
            Scale::Log {
                low: 10f64.powf(least.log10().floor()),
                high: 10f64.powf(most.log10().ceil()),
            }
        } else {
            let step = nice_step(most / 5.0);
            Scale::Linear {
                high: (most / step).ceil() * step,
            }
        }
    }
}

/// 1, 2 or 5 times a power of ten, at least `rough`.
fn nice_step(rough: f64) -> f64 {
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .find(|step| *step >= rough)
        .unwrap_or(power * 10.0)
}

const WIDTH: f64 = 960.0;
const LABEL_WIDTH: f64 = 440.0;
const ROW: f64 = 22.0;
const HEADING: f64 = 30.0;
const COLOURS: [&str; 3] = ["#3b7dd8", "#d8673b", "#5a9e4b"];

/// The SVG of `groups` on `scale`, with a darker line at `reference` (1x for ratios) and a
/// legend of the colours' names.
fn draw(
    title: &str,
    groups: &[Group],
    scale: Scale,
    reference: Option<f64>,
    legend: &[String],
) -> String {
    let plot_left = LABEL_WIDTH + 10.0;
    let plot_width = WIDTH - plot_left - 120.0;
    let x = |value: f64| plot_left + scale.position(value) * plot_width;
    let mut body = String::new();
    // The title, then the legend if the colours mean something, then the scale's numbers.
    let axis_top = if legend.len() > 1 { 64.0 } else { 44.0 };
    let mut legend_x = plot_left;
    for (name, colour) in legend.iter().zip(COLOURS).filter(|_| legend.len() > 1) {
        let _ = writeln!(
            body,
            r#"<rect x="{legend_x:.1}" y="30" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="40">{}</text>"#,
            legend_x + 16.0,
            escape(name)
        );
        legend_x += 30.0 + 7.0 * name.chars().count() as f64;
    }
    let mut y = axis_top + 6.0;
    for group in groups {
        if !group.heading.is_empty() {
            let _ = writeln!(
                body,
                r#"<text x="10" y="{:.1}" font-weight="bold">{}</text>"#,
                y + 14.0,
                escape(&shortened(&group.heading))
            );
            y += HEADING - 8.0;
        }
        for bar in &group.bars {
            let rect = |from: f64, to: f64, opacity: f64| {
                let (from, to) = (x(from), x(to));
                format!(
                    r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}" fill-opacity="{opacity}"/>"#,
                    from.min(to),
                    y + 4.0,
                    (to - from).abs().max(1.0),
                    ROW - 8.0,
                    bar.colour
                )
            };
            let _ = writeln!(
                body,
                r#"<text x="{LABEL_WIDTH:.1}" y="{:.1}" text-anchor="end">{}</text>{}{}<text x="{:.1}" y="{:.1}">{}</text>"#,
                y + 15.0,
                escape(&shortened(&bar.label)),
                rect(bar.from, bar.solid_to, 1.0),
                if bar.to == bar.solid_to {
                    String::new()
                } else {
                    rect(bar.solid_to, bar.to, 0.4)
                },
                x(bar.from).max(x(bar.to)) + 4.0,
                y + 15.0,
                escape(&bar.text)
            );
            y += ROW;
        }
        y += 8.0;
    }
    let height = y + 10.0;
    let mut grid = String::new();
    for tick in scale.ticks() {
        let stroke = if Some(tick) == reference {
            "#333"
        } else {
            "#ddd"
        };
        let unit = if reference.is_some() { "×" } else { "" };
        let _ = writeln!(
            grid,
            r##"<line x1="{0:.1}" y1="{axis_top}" x2="{0:.1}" y2="{1:.1}" stroke="{stroke}"/><text x="{0:.1}" y="{2}" text-anchor="middle" fill="#666">{3}{unit}</text>"##,
            x(tick),
            height - 10.0,
            axis_top - 4.0,
            number_text(tick)
        );
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="20" font-size="15" font-weight="bold">{}</text>
{grid}{body}</svg>
"##,
        escape(title)
    )
}

/// `19.2`, `0.66`, `331`, `10,000`: as a table writes them.
fn number_text(value: f64) -> String {
    if value >= 1000.0 {
        let digits = format!("{value:.0}");
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        return grouped;
    }
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A label that fits left of the bars.
fn shortened(text: &str) -> String {
    const MOST: usize = 68;
    if text.chars().count() <= MOST {
        return text.to_owned();
    }
    let kept: String = text.chars().take(MOST - 1).collect();
    format!("{}…", kept.trim_end())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A Markdown table's rows, as cells without backticks; the heading row first.
fn table_rows(lines: &[&str]) -> Vec<Vec<String>> {
    lines
        .iter()
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| plain(cell.trim()))
                .collect::<Vec<_>>()
        })
        .filter(|cells| {
            !cells
                .iter()
                .all(|cell| cell.starts_with("--") || cell.starts_with(":-"))
        })
        .collect()
}

/// A cell's text as a reader sees it: no backticks, links as their text.
fn plain(cell: &str) -> String {
    let mut text = String::new();
    let mut rest = cell;
    while let Some(open) = rest.find('[') {
        let Some(middle) = rest[open..].find("](").map(|at| open + at) else {
            break;
        };
        let Some(close) = rest[middle..].find(')').map(|at| middle + at) else {
            break;
        };
        text.push_str(&rest[..open]);
        text.push_str(&rest[open + 1..middle]);
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    text.replace('`', "")
}

/// `1,234.5` -> 1234.5; anything else (an empty cell, `1.01 s`) -> none.
fn number(cell: &str) -> Option<f64> {
    cell.replace(',', "").parse().ok()
}

/// The number a cell starts with (`0.29 s`, `11 ms (15)`), or the two of a range (`3,400 to
/// 4,800`); none for a cell that starts with no number (`none: all dropped`).
fn measure(cell: &str) -> Option<(f64, Option<f64>)> {
    let leading = |text: &str| -> Option<f64> {
        let digits: String = text
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        number(&digits)
    };
    let first = leading(cell)?;
    let second = cell.split_once(" to ").and_then(|(_, rest)| leading(rest));
    Some((first, second))
}

/// How many times Rust is ahead of Python, figure by figure, from the comparison page's table.
pub fn comparison_chart(page: &str) -> String {
    let table = page
        .split("<!-- table: begin -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- table: end -->").next())
        .unwrap_or_default();
    let lines: Vec<&str> = table.lines().collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut section = String::new();
    for (at, line) in lines.iter().enumerate() {
        if let Some(rest) = line.strip_prefix("**") {
            section = rest.split("**").next().unwrap_or_default().replace('`', "");
            continue;
        }
        let starts_a_table = line.starts_with('|') && (at == 0 || !lines[at - 1].starts_with('|'));
        if !starts_a_table {
            continue;
        }
        let bars = ratio_bars(&table_rows(&lines[at..]));
        if !bars.is_empty() {
            groups.push(Group {
                heading: section.clone(),
                bars,
            });
        }
    }
    let title = "How many times Rust is ahead of Python, figure by figure (log scale; left of \
                 1×, Python is ahead)";
    draw(
        title,
        &groups,
        Scale::Log {
            low: 0.5,
            high: 500.0,
        },
        Some(1.0),
        &[],
    )
}

/// A table's bars: each column whose heading sets Python against Rust (`Python / Rust`,
/// `Rust / Python`, `Rust's advantage`, or `Python's ... / this` against each program),
/// oriented so that above 1 Rust is ahead, as the table's own columns are.
fn ratio_bars(rows: &[Vec<String>]) -> Vec<Bar> {
    let Some((headings, rows)) = rows.split_first() else {
        return Vec::new();
    };
    let ratio_columns: Vec<usize> = (0..headings.len())
        .filter(|&i| is_ratio_heading(&headings[i]))
        .collect();
    let mut bars = Vec::new();
    for cells in rows {
        for &column in &ratio_columns {
            let Some(ratio) = cells.get(column).and_then(|cell| number(cell)) else {
                continue;
            };
            // Against "this" program, only the Rust programs' rows set Rust against Python.
            if headings[column].ends_with("this") && !cells[0].contains("Rust") {
                continue;
            }
            let mut label = cells[0].clone();
            if ratio_columns.len() > 1 {
                let measure = if headings[column - 1].contains("bytes") {
                    "memory"
                } else {
                    "time"
                };
                label = format!("{label}, {measure}");
            }
            bars.push(Bar {
                label,
                from: 1.0,
                solid_to: ratio,
                to: ratio,
                text: format!("{}×", number_text(ratio)),
                colour: if ratio >= 1.0 { COLOURS[0] } else { COLOURS[1] },
            });
        }
    }
    bars
}

fn is_ratio_heading(heading: &str) -> bool {
    heading == "Python / Rust"
        || heading == "Rust / Python"
        || heading == "Rust's advantage"
        || (heading.starts_with("Python's") && heading.ends_with("/ this"))
}

/// The charts that `<!-- chart: ... -->` markers of `page` ask for, each drawn from the table
/// right under it (or under the markers below it). `page` names the page in messages.
///
/// # Panics
/// If a marker cannot be read or has no table under it.
pub fn table_charts(page: &str, text: &str) -> Vec<Generated> {
    let lines: Vec<&str> = text.lines().collect();
    let mut charts = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let Some(marker) = line
            .trim()
            .strip_prefix("<!-- chart: ")
            .and_then(|rest| rest.strip_suffix(" -->"))
        else {
            continue;
        };
        let fields: Vec<&str> = marker.split("; ").collect();
        let [file, scale, title, columns @ ..] = fields.as_slice() else {
            panic!("{page}: `{line}` should read `<!-- chart: FILE; log; TITLE; 2=NAME -->`");
        };
        let columns: Vec<(usize, String)> = columns
            .iter()
            .map(|column| {
                let (number, name) = column.split_once('=').unwrap_or_else(|| {
                    panic!("{page}: `{column}` should be COLUMN=NAME, as `2=Rust`")
                });
                let number: usize = number
                    .parse()
                    .unwrap_or_else(|_| panic!("{page}: `{number}` is not a column number"));
                (number - 1, name.to_owned())
            })
            .collect();
        // Markers may stand one above the other, over one table.
        let rest: Vec<&str> = lines[at + 1..]
            .iter()
            .copied()
            .skip_while(|line| line.trim().starts_with("<!-- chart: "))
            .collect();
        let rows = table_rows(&rest);
        assert!(rows.len() > 1, "{page}: no table right under `{line}`");
        charts.push(Generated {
            path: (*file).into(),
            text: table_chart(title, *scale == "log", &rows, &columns),
        });
    }
    charts
}

/// `table`: the heading row, then the rows.
fn table_chart(
    title: &str,
    log: bool,
    table: &[Vec<String>],
    columns: &[(usize, String)],
) -> String {
    let (headings, rows) = table.split_first().expect("a table with a heading row");
    let measures = |cells: &Vec<String>| {
        columns
            .iter()
            .map(|(column, name)| {
                let cell = cells.get(*column).cloned().unwrap_or_default();
                (name.clone(), measure(&cell), cell)
            })
            .collect::<Vec<_>>()
    };
    let values: Vec<f64> = rows
        .iter()
        .flat_map(measures)
        .filter_map(|(_, measured, _)| measured)
        .flat_map(|(first, second)| [Some(first), second])
        .flatten()
        .filter(|value| *value > 0.0)
        .collect();
    let least = values.iter().copied().fold(f64::INFINITY, f64::min);
    let most = values.iter().copied().fold(0.0, f64::max);
    let scale = Scale::fitting(log, least, most);
    let origin = scale.origin();
    let bars = |cells: &Vec<String>| -> Vec<Bar> {
        measures(cells)
            .into_iter()
            .zip(COLOURS)
            .map(|((name, measured, cell), colour)| {
                let (solid_to, to) = match measured {
                    Some((low, Some(high))) => (low, high),
                    Some((value, None)) => (value, value),
                    None => (origin, origin),
                };
                let text = if cell.is_empty() {
                    "not measured".to_owned()
                } else {
                    cell
                };
                let label = if columns.len() == 1 {
                    cells[0].clone()
                } else {
                    name
                };
                Bar {
                    label,
                    from: origin,
                    solid_to,
                    to,
                    text,
                    colour,
                }
            })
            .collect()
    };
    // One column: a bar per row, under no heading; several: a group of bars per row.
    let groups: Vec<Group> = if columns.len() == 1 {
        vec![Group {
            heading: String::new(),
            bars: rows.iter().flat_map(bars).collect(),
        }]
    } else {
        rows.iter()
            .map(|cells| Group {
                // `1,000 users`: the row's first cell, and what the column holds.
                heading: format!("{} {}", cells[0], headings[0]),
                bars: bars(cells),
            })
            .collect()
    };
    let legend: Vec<String> = columns.iter().map(|(_, name)| name.clone()).collect();
    draw(title, &groups, scale, None, &legend)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_the_ratio_columns_of_each_table_of_the_comparison() {
        let page = "x\n<!-- table: begin -->\n**Scale**\n\n| tasks | Rust | Python | Python / Rust | Rust, bytes | Python, bytes | Python / Rust |\n|---:|---:|---:|---:|---:|---:|---:|\n| 10,000 | 1 s | 2 s | 2.00 | 400 | 1,600 | 4.00 |\n\n**Files**\n\n| program | s | Python's 6.9 / this |\n|---|---:|---:|\n| reading | 0.02 | 331 |\n| Rust, `x` | 1 | 6.19 |\n<!-- table: end -->\n| a | Python / Rust |\n|---|---|\n| after | 9 |\n";
        let svg = comparison_chart(page);
        assert!(svg.starts_with("<svg"));
        for label in [
            "10,000, time",
            "10,000, memory",
            "Rust, x",
            "2×",
            "4×",
            "6.19×",
        ] {
            assert!(svg.contains(&format!(">{label}<")), "{label} in {svg}");
        }
        assert!(!svg.contains(">reading<") && !svg.contains(">after<"));
    }

    #[test]
    fn draws_a_marked_table_with_ranges_and_missing_cells() {
        let page = "text\n<!-- chart: images/x.svg; log; Join time; 2=Rust; 3=Python -->\n| users | Rust | Python |\n|---:|---:|---:|\n| 100 | 0.008 s | 0.04 s |\n| 5,000 | 2.7 to 3 s | none: all dropped |\n| 9,000 | 53 s | |\n\nafter\n";
        let charts = table_charts("page.md", page);
        assert_eq!(charts.len(), 1);
        assert_eq!(charts[0].path, std::path::Path::new("images/x.svg"));
        let svg = &charts[0].text;
        for text in [
            "Join time",
            ">100<",
            ">0.008 s<",
            ">2.7 to 3 s<",
            ">none: all dropped<",
            ">not measured<",
            ">Python<",
        ] {
            assert!(svg.contains(text), "{text} in {svg}");
        }
        assert_eq!(measure("3,400 to 4,800"), Some((3400.0, Some(4800.0))));
        assert_eq!(measure("11 ms (15)"), Some((11.0, None)));
        assert_eq!(measure("none"), None);
        assert_eq!(plain("the twin, [`x.md`](x.md), `y`"), "the twin, x.md, y");
    }
}
