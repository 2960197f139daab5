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
use std::time::Duration;

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

/// A real-clock figure varies from run to run, and on a busy machine its CPU-bound runs
/// stretch, moving everything after them (and, past 6 s in all, the figure's scale). So the
/// figure is compared by what it shows, in seconds on each figure's own scale:
/// - the same rows, in the same order, each made of the same runs of symbols;
/// - every run starts and ends in the same order relative to every other as in the docs
///   (what one task does before or after another), to a column, and boundaries the docs show
///   in one column within two columns of each other;
/// - every sleep (`~`) lasts as long as in the docs, to two columns: a sleep is real time,
///   which a busy machine does not stretch.
fn assert_same_shape(quoted: &str, actual: &str, command: &[String]) {
    let (expected, got) = (Drawing::read(quoted), Drawing::read(actual));
    let fail = |why: String| -> ! {
        panic!(
            "{command:?} draws a figure of another shape than the docs show: {why}; regenerate \
             with UPDATE_TIMELINES=1 cargo test -p companion --test timelines\n--- docs ---\n\
             {quoted}--- now ---\n{actual}"
        )
    };
    let shape = |figure: &Drawing| -> Vec<(String, String)> {
        figure
            .rows
            .iter()
            .map(|(label, runs)| (label.clone(), runs.iter().map(|run| run.symbol).collect()))
            .collect()
    };
    if shape(&expected) != shape(&got) {
        fail("other rows or other runs".into());
    }
    let (before, after) = (expected.boundaries(), got.boundaries());
    for i in 0..before.len() {
        for j in i + 1..before.len() {
            let ((a, which_a), (b, which_b)) = (before[i], before[j]);
            let (a_now, b_now) = (after[i].0, after[j].0);
            let together = a == b;
            let order_kept = if together {
                a_now.abs_diff(b_now) <= got.columns(2)
            } else if a < b {
                a_now <= b_now + got.columns(1)
            } else {
                b_now <= a_now + got.columns(1)
            };
            if !order_kept {
                fail(format!(
                    "the boundaries {which_a:?} and {which_b:?} (row, run, start or end) are no \
                     longer in the same order: {a:?} and {b:?} in the docs, {a_now:?} and \
                     {b_now:?} now"
                ));
            }
        }
    }
    for ((_, runs), (_, runs_now)) in expected.rows.iter().zip(&got.rows) {
        for (run, now) in runs.iter().zip(runs_now) {
            let (length, length_now) = (expected.length(run), got.length(now));
            if run.symbol == '~' && length.abs_diff(length_now) > got.columns(2) {
                fail(format!(
                    "a sleep of {length:?} in the docs lasts {length_now:?} now"
                ));
            }
        }
    }
}

/// A drawn timeline, read back: its scale and each row's runs of one symbol.
struct Drawing {
    /// The time one column stands for.
    step: Duration,
    rows: Vec<(String, Vec<Run>)>,
}

/// A run of one symbol in a row: its first and last column.
struct Run {
    symbol: char,
    first: usize,
    last: usize,
}

/// Which boundary of the figure: (row, run, 0 for its start or 1 for its end).
type Boundary = (usize, usize, usize);

impl Drawing {
    fn read(text: &str) -> Drawing {
        let mut lines = text.lines();
        let step = lines
            .next()
            .and_then(|line| line.strip_prefix("timeline: one row per task, one column per "))
            .and_then(|rest| rest.strip_suffix(" s"))
            .and_then(|seconds| seconds.parse().ok())
            .map(Duration::from_secs_f64)
            .unwrap_or_else(|| panic!("a figure starts with its scale:\n{text}"));
        let rows = lines
            .skip(1)
            .take_while(|line| !line.starts_with("# running"))
            .map(|line| {
                let (label, lane) = line.split_at(line.len().min(17));
                let mut runs: Vec<Run> = Vec::new();
                for (column, symbol) in lane.chars().enumerate() {
                    match runs.last_mut() {
                        Some(run) if run.symbol == symbol && run.last + 1 == column => {
                            run.last = column;
                        }
                        _ if symbol == ' ' => {}
                        _ => runs.push(Run {
                            symbol,
                            first: column,
                            last: column,
                        }),
                    }
                }
                (label.trim_end().to_owned(), runs)
            })
            .collect();
        Drawing { step, rows }
    }

    /// Every run's start and end, in time, with which boundary each is, in row order.
    fn boundaries(&self) -> Vec<(Duration, Boundary)> {
        let mut all = Vec::new();
        for (row, (_, runs)) in self.rows.iter().enumerate() {
            for (index, run) in runs.iter().enumerate() {
                for (end, column) in [(0, run.first), (1, run.last + 1)] {
                    all.push((self.columns(column), (row, index, end)));
                }
            }
        }
        all
    }

    fn length(&self, run: &Run) -> Duration {
        self.columns(run.last + 1 - run.first)
    }

    /// `count` columns of this figure, in time.
    fn columns(&self, count: usize) -> Duration {
        self.step * u32::try_from(count).expect("a figure is 61 columns wide")
    }
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

/// The comparison of real-clock figures passes a busy machine's stretched run and fails a run
/// that tells another story.
#[test]
fn a_stretched_figure_has_the_same_shape_and_a_reordered_one_does_not() {
    let figure = |rows: &[&str], step: &str| -> String {
        let mut text = format!("timeline: one row per task, one column per {step} s\naxis\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        text.push_str("# running   ~ sleeping   = waiting on I/O   - waiting on something else\n");
        text
    };
    let docs = figure(
        &[
            "main             #---#~~~~~~~~~~#",
            "cpu_bound_work(5 ###",
            "cpu_bound_work(5 --###",
        ],
        "0.1",
    );
    let command = ["example".to_owned()];
    let same = |actual: &str| {
        std::panic::catch_unwind(|| assert_same_shape(&docs, actual, &command)).is_ok()
    };
    // Twice as slow to compute, the same second of sleep: the same story.
    let stretched = figure(
        &[
            "main             #-------#~~~~~~~~~~#",
            "cpu_bound_work(5 #######",
            "cpu_bound_work(5 ----#######",
        ],
        "0.1",
    );
    assert!(same(&stretched));
    // The two jobs at once (threads): not the story of one blocked thread.
    let parallel = figure(
        &[
            "main             #---#~~~~~~~~~~#",
            "cpu_bound_work(5 ###",
            "cpu_bound_work(5 ###",
        ],
        "0.1",
    );
    assert!(!same(&parallel));
    // A sleep of half a second instead of a second.
    let short_sleep = figure(
        &[
            "main             #---#~~~~~#",
            "cpu_bound_work(5 ###",
            "cpu_bound_work(5 --###",
        ],
        "0.1",
    );
    assert!(!same(&short_sleep));
}
