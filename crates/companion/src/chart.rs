//! The comparison with Python drawn: one bar per figure of `docs/rust-vs-python.md`'s table
//! that sets Rust against Python, on a log scale, so that 3x and 30x look as different as they
//! are. Made from the table itself (what `compare/compare.py` writes between its markers), so
//! the picture can never say something the table does not.
//!
//! Plain SVG written out: a charting crate (plotters, charming) would bring a font stack or a
//! JavaScript runtime for a few dozen rectangles.

use std::fmt::Write;

/// A bar: the table it comes from, its label, and how many times Rust is ahead (below 1:
/// behind).
struct Bar {
    section: String,
    label: String,
    ratio: f64,
}

const WIDTH: f64 = 960.0;
const LABEL_WIDTH: f64 = 440.0;
const ROW: f64 = 22.0;
const SECTION: f64 = 30.0;
/// The scale runs from 0.5x to 500x.
const LOWEST: f64 = 0.5;
const HIGHEST: f64 = 500.0;

/// The chart of `page`'s table, as an SVG document.
pub fn comparison_chart(page: &str) -> String {
    let bars = bars(page);
    let plot_left = LABEL_WIDTH + 10.0;
    let plot_width = WIDTH - plot_left - 70.0;
    let (low, high) = (LOWEST.log10(), HIGHEST.log10());
    let x = |ratio: f64| plot_left + (ratio.log10() - low) / (high - low) * plot_width;
    let mut body = String::new();
    let mut y = 60.0;
    let mut section = "";
    for bar in &bars {
        if bar.section != section {
            section = &bar.section;
            y += 8.0;
            let _ = writeln!(
                body,
                r#"<text x="10" y="{:.1}" font-weight="bold">{}</text>"#,
                y + 14.0,
                escape(section)
            );
            y += SECTION - 8.0;
        }
        let (from, to) = (x(1.0), x(bar.ratio.clamp(LOWEST, HIGHEST)));
        let (left, width) = (from.min(to), (to - from).abs().max(1.0));
        let colour = if bar.ratio >= 1.0 {
            "#3b7dd8"
        } else {
            "#d8673b"
        };
        let _ = writeln!(
            body,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{left:.1}" y="{:.1}" width="{width:.1}" height="{:.1}" fill="{colour}"/><text x="{:.1}" y="{:.1}">{}×</text>"##,
            LABEL_WIDTH,
            y + 15.0,
            escape(&bar.label),
            y + 4.0,
            ROW - 8.0,
            from.max(to) + 4.0,
            y + 15.0,
            trim_number(bar.ratio)
        );
        y += ROW;
    }
    let height = y + 20.0;
    let mut grid = String::new();
    for ratio in [0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0] {
        let stroke = if ratio == 1.0 { "#333" } else { "#ddd" };
        let _ = writeln!(
            grid,
            r##"<line x1="{0:.1}" y1="44" x2="{0:.1}" y2="{1:.1}" stroke="{stroke}"/><text x="{0:.1}" y="40" text-anchor="middle" fill="#666">{2}×</text>"##,
            x(ratio),
            height - 14.0,
            trim_number(ratio)
        );
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="20" font-size="15" font-weight="bold">How many times Rust is ahead of Python, figure by figure (log scale; left of 1×, Python is ahead)</text>
{grid}{body}</svg>
"##
    )
}

/// `19.2`, `0.66`, `331`: as few digits as the table's own.
fn trim_number(ratio: f64) -> String {
    let text = format!("{ratio:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The bars of every table between the page's `<!-- table: begin -->` and `<!-- table: end
/// -->`: each column whose heading sets Python against Rust (`Python / Rust`, `Rust /
/// Python`, `Rust's advantage`, or `Python's ... / this` against each program), oriented so
/// that above 1 Rust is ahead, as the table's own columns are.
fn bars(page: &str) -> Vec<Bar> {
    let table = page
        .split("<!-- table: begin -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- table: end -->").next())
        .unwrap_or_default();
    let mut bars = Vec::new();
    let mut section = String::new();
    let mut headings: Vec<String> = Vec::new();
    let mut ratio_columns: Vec<usize> = Vec::new();
    for line in table.lines() {
        if let Some(rest) = line.strip_prefix("**") {
            section = rest.split("**").next().unwrap_or_default().replace('`', "");
            headings.clear();
            continue;
        }
        if !line.starts_with('|') {
            continue;
        }
        let cells: Vec<String> = line
            .trim_matches('|')
            .split('|')
            .map(|cell| cell.trim().replace('`', ""))
            .collect();
        if cells
            .iter()
            .all(|cell| cell.starts_with("--") || cell.starts_with(":-"))
        {
            continue;
        }
        if headings.is_empty() {
            ratio_columns = (0..cells.len())
                .filter(|&i| is_ratio_heading(&cells[i]))
                .collect();
            headings = cells;
            continue;
        }
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
                section: section.clone(),
                label,
                ratio,
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

/// `1,234.5` -> 1234.5; anything else (an empty cell, `1.01 s`) -> none.
fn number(cell: &str) -> Option<f64> {
    cell.replace(',', "").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_the_ratio_columns_of_each_table() {
        let page = "x\n<!-- table: begin -->\n**Scale**\n\n| tasks | Rust | Python | Python / Rust | Rust, bytes | Python, bytes | Python / Rust |\n|---:|---:|---:|---:|---:|---:|---:|\n| 10,000 | 1 s | 2 s | 2.00 | 400 | 1,600 | 4.00 |\n\n**Files**\n\n| program | s | Python's 6.9 / this |\n|---|---:|---:|\n| reading | 0.02 | 331 |\n| Rust, `x` | 1 | 6.19 |\n<!-- table: end -->\n| a | Python / Rust |\n|---|---|\n| after | 9 |\n";
        let bars = bars(page);
        let seen: Vec<(&str, &str, f64)> = bars
            .iter()
            .map(|bar| (bar.section.as_str(), bar.label.as_str(), bar.ratio))
            .collect();
        assert_eq!(
            seen,
            [
                ("Scale", "10,000, time", 2.0),
                ("Scale", "10,000, memory", 4.0),
                ("Files", "Rust, x", 6.19),
            ]
        );
        let svg = comparison_chart(page);
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("<rect x=").count(), 3);
    }
}
