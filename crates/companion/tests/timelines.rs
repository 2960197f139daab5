//! The timelines drawn in `docs/` are the examples' own, under the paused clock.
//!
//! A figure in the docs sits in a ```text block right after a marker naming the example and
//! its arguments: `<!-- timeline: listing_2_19 50000000 -->`. This test runs each example with
//! `ASYNCIO_TIMELINE=1` and checks that the figure it prints is the one in the docs, so the
//! figures cannot go stale. After a deliberate change, regenerate them all with
//!
//! ```text
//! UPDATE_TIMELINES=1 cargo test -p companion --test timelines
//! ```
//!
//! which rewrites the blocks in place instead of comparing them.

use std::fs;

use companion::markdown_files;
use example_harness::Example;

/// The examples whose timelines issue #6 asks the docs to show, next to the text they explain.
const REQUIRED: [&str; 13] = [
    "deep_4_2_3_gather",
    "listing_4_4",
    "listing_4_5",
    "listing_4_14",
    "listing_2_7",
    "listing_2_9",
    "listing_2_10",
    "listing_2_17",
    "listing_2_19",
    "test1",
    "test4",
    "test5",
    "test8",
];

const MARKER: &str = "<!-- timeline: ";

/// A figure in a docs page: the marker's line and the lines of its ```text block.
struct Figure {
    command: Vec<String>,
    first_line: usize,
    end_line: usize,
}

fn figures(text: &str) -> Vec<Figure> {
    let lines: Vec<&str> = text.lines().collect();
    let mut figures = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(command) = line
            .trim()
            .strip_prefix(MARKER)
            .and_then(|rest| rest.strip_suffix(" -->"))
        else {
            continue;
        };
        assert_eq!(
            lines.get(index + 1).map(|l| l.trim()),
            Some("```text"),
            "`{line}` must be followed by a ```text block"
        );
        let length = lines[index + 2..]
            .iter()
            .position(|l| l.trim() == "```")
            .unwrap_or_else(|| panic!("the block after `{line}` is never closed"));
        figures.push(Figure {
            command: command.split_whitespace().map(str::to_owned).collect(),
            first_line: index + 2,
            end_line: index + 2 + length,
        });
    }
    figures
}

/// A marker whose command ends with this word is run on the real clock: CPU-bound work takes
/// no time on the paused one, so its figure would not show what the listing is about.
const REAL_CLOCK: &str = "(real-clock)";

/// The figure the example prints after its own output, from the `timeline:` line to the end.
fn timeline_of(command: &[String]) -> String {
    let real_clock = command.iter().any(|word| word == REAL_CLOCK);
    let mut words = command.iter().filter(|word| *word != REAL_CLOCK);
    let name = words.next().expect("the marker names an example");
    let mut example = Example::new(name).args(words);
    if real_clock {
        example = example.real_clock();
    }
    let output = example.env("ASYNCIO_TIMELINE", "1").run();
    output.assert_success();
    let lines = output.lines();
    let start = lines
        .iter()
        .position(|line| line.starts_with("timeline: "))
        .unwrap_or_else(|| panic!("`{name}` printed no timeline with ASYNCIO_TIMELINE=1"));
    lines[start..]
        .iter()
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn the_figures_in_the_docs_are_what_the_examples_draw() {
    let update = std::env::var_os("UPDATE_TIMELINES").is_some_and(|v| v == "1");
    let mut drawn = Vec::new();
    for page in markdown_files() {
        let text = fs::read_to_string(&page).expect("a readable docs page");
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        // From the last figure up, so that rewriting one keeps the line numbers of the others.
        for figure in figures(&text).into_iter().rev() {
            let actual = timeline_of(&figure.command);
            for line in actual.lines() {
                assert!(
                    line.chars().count() <= 80,
                    "{:?} draws a line wider than 80 columns: {line:?}",
                    figure.command
                );
            }
            let quoted: String = lines[figure.first_line..figure.end_line]
                .iter()
                .map(|line| format!("{line}\n"))
                .collect();
            if update {
                lines.splice(
                    figure.first_line..figure.end_line,
                    actual.lines().map(str::to_owned),
                );
            } else if figure.command.iter().any(|word| word == REAL_CLOCK) {
                assert_same_shape(&quoted, &actual, &figure.command);
            } else {
                assert_eq!(
                    quoted,
                    actual,
                    "{} shows a stale timeline for {:?}; regenerate with \
                     UPDATE_TIMELINES=1 cargo test -p companion --test timelines",
                    page.display(),
                    figure.command
                );
            }
            drawn.push(figure.command[0].clone());
        }
        if update {
            fs::write(&page, lines.join("\n") + "\n").expect("the docs page is writable");
        }
    }
    for name in REQUIRED {
        assert!(
            drawn.iter().any(|drawn| drawn == name),
            "no page in docs/ shows the timeline of `{name}`"
        );
    }
}

/// A real-clock figure varies from run to run by a few columns: the rows must be the same, in
/// the same order, each made of the same runs of symbols, every run starting and ending within
/// 3 columns of where the docs show it.
fn assert_same_shape(quoted: &str, actual: &str, command: &[String]) {
    // A run of one symbol: the symbol, its first and its last column.
    type Run = (char, usize, usize);
    fn runs(lane: &str) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for (column, symbol) in lane.chars().enumerate() {
            match runs.last_mut() {
                Some((last, _, end)) if *last == symbol => *end = column,
                _ => runs.push((symbol, column, column)),
            }
        }
        runs.retain(|(symbol, _, _)| *symbol != ' ');
        runs
    }
    let rows = |figure: &str| -> Vec<(String, Vec<Run>)> {
        figure
            .lines()
            .skip(2)
            .take_while(|line| !line.starts_with("# running"))
            .map(|line| {
                let (label, lane) = line.split_at(line.len().min(17));
                (label.trim_end().to_owned(), runs(lane))
            })
            .collect()
    };
    let (expected, got) = (rows(quoted), rows(actual));
    let same = expected.len() == got.len()
        && expected
            .iter()
            .zip(&got)
            .all(|((label_e, runs_e), (label_g, runs_g))| {
                label_e == label_g
                    && runs_e.len() == runs_g.len()
                    && runs_e.iter().zip(runs_g).all(|(e, g)| {
                        e.0 == g.0 && e.1.abs_diff(g.1) <= 3 && e.2.abs_diff(g.2) <= 3
                    })
            });
    assert!(
        same,
        "{command:?} draws a figure of another shape than the docs show (rows, symbols, or \
         columns more than 3 off); regenerate with UPDATE_TIMELINES=1 cargo test -p companion --test \
         timelines\n--- docs ---\n{quoted}--- now ---\n{actual}"
    );
}

/// Without the variable an example prints only the article's lines: the checked transcripts
/// prove that for every example; this proves the variable is what adds the figure.
#[test]
fn the_timeline_is_printed_only_when_asked_for() {
    let quiet = Example::new("listing_2_9").run();
    quiet.assert_success();
    assert!(!quiet.lines().iter().any(|l| l.starts_with("timeline: ")));

    let off = Example::new("listing_2_9")
        .env("ASYNCIO_TIMELINE", "0")
        .run();
    assert!(!off.lines().iter().any(|l| l.starts_with("timeline: ")));

    let drawn = Example::new("listing_2_9")
        .env("ASYNCIO_TIMELINE", "1")
        .run();
    drawn.assert_success();
    let lines = drawn.lines();
    // The article's six lines come first, untouched, then the figure, then the total.
    assert_eq!(lines[..6], quiet.lines()[..]);
    assert_eq!(
        lines[6],
        "timeline: one row per task, one column per 0.05 s"
    );
    assert_eq!(lines.last(), Some(&"total 3.000 s"));
}

/// On the real clock the figure shows real time: Listing 2.7's one-second delay is drawn as
/// sleeping, and the total is a second and a little.
#[test]
fn on_the_real_clock_the_figure_shows_real_time() {
    let drawn = Example::new("listing_2_7")
        .real_clock()
        .env("ASYNCIO_TIMELINE", "1")
        .run();
    drawn.assert_success();
    let lines = drawn.lines();
    let total: f64 = lines
        .last()
        .and_then(|l| l.strip_prefix("total "))
        .and_then(|l| l.strip_suffix(" s"))
        .and_then(|l| l.parse().ok())
        .expect("the figure ends with `total S s`");
    assert!((1.0..1.5).contains(&total), "total {total} s");
    let main = lines
        .iter()
        .find(|l| l.starts_with("main "))
        .expect("a row for main");
    assert!(main.matches('~').count() >= 40, "{main}");
}
