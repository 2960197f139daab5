//! Drawing the recorded spans and polls: one row per task, at most 61 columns of time, so a
//! figure fits in 80 columns with its labels.

use std::fmt::Write;
use std::time::Duration;

use super::Kind;
use super::record::{PollRecord, SpanRecord};

/// Which lane a span or poll belongs to: the `main` future, or a tokio task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Row {
    Main,
    Task(tokio::task::Id),
}

const LABEL_WIDTH: usize = 16;
const MAX_COLUMNS: u128 = 61;
const TICK_EVERY: usize = 10;
// Enough for every figure in the articles; a benchmark's thousands of tasks are summed up.
const MAX_ROWS: usize = 40;

/// What a row is doing in one column, in the order they win when several happen in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Activity {
    Idle,
    Waiting,
    Io,
    Sleeping,
    Running,
}

impl Activity {
    fn of(kind: Kind) -> Self {
        match kind {
            Kind::Task => Activity::Waiting,
            Kind::Sleep => Activity::Sleeping,
            Kind::Io => Activity::Io,
        }
    }

    fn symbol(self) -> char {
        match self {
            Activity::Idle => ' ',
            Activity::Waiting => '-',
            Activity::Io => '=',
            Activity::Sleeping => '~',
            Activity::Running => '#',
        }
    }
}

/// The figure for `total` seconds of recording, ending with a newline.
pub(crate) fn render(spans: &[SpanRecord], polls: &[PollRecord], total: Duration) -> String {
    let step = column_width(total);
    let columns = usize::try_from(total.as_nanos() / step.as_nanos() + 1)
        .expect("column_width keeps the count small");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "timeline: one row per task, one column per {} s",
        seconds(step)
    );
    out.push_str(axis(step, columns).trim_end());
    out.push('\n');
    let rows = rows(spans);
    for &(row, label) in rows.iter().take(MAX_ROWS) {
        let mut lane = vec![Activity::Idle; columns];
        for span in spans.iter().filter(|span| span.row == row) {
            let end = span.end.unwrap_or(total);
            paint(&mut lane, step, span.start, end, Activity::of(span.kind));
        }
        for poll in polls.iter().filter(|poll| poll.row == row) {
            paint(&mut lane, step, poll.start, poll.end, Activity::Running);
        }
        let lane: String = lane.into_iter().map(Activity::symbol).collect();
        let label: String = label.chars().take(LABEL_WIDTH).collect();
        let _ = writeln!(out, "{label:<LABEL_WIDTH$} {}", lane.trim_end());
    }
    if rows.len() > MAX_ROWS {
        let _ = writeln!(out, "(and {} more tasks, not drawn)", rows.len() - MAX_ROWS);
    }
    out.push_str("# running   ~ sleeping   = waiting on I/O   - waiting on something else\n");
    let _ = writeln!(out, "total {:.3} s", total.as_secs_f64());
    out
}

/// The smallest of 1, 2 and 5 times a power of ten (from a millisecond up) that fits `total`
/// into `MAX_COLUMNS` columns, counting the column of the very end.
fn column_width(total: Duration) -> Duration {
    let mut unit = Duration::from_millis(1);
    loop {
        for factor in [1, 2, 5] {
            let step = unit * factor;
            if total.as_nanos() / step.as_nanos() < MAX_COLUMNS {
                return step;
            }
        }
        unit *= 10;
    }
}

/// The rows in the order their first span started: `main` is always first, as it starts the
/// rest. A row is named after its first span that is not the whole task (`delay(3)`), else
/// after the whole task's span (where it was spawned).
fn rows(spans: &[SpanRecord]) -> Vec<(Row, &str)> {
    let mut rows: Vec<(Row, &str, bool)> = Vec::new();
    for span in spans {
        let named = !span.whole_task;
        match rows.iter_mut().find(|(row, _, _)| *row == span.row) {
            Some(entry) => {
                if named && !entry.2 {
                    (entry.1, entry.2) = (&span.label, true);
                }
            }
            None => rows.push((span.row, &span.label, named)),
        }
    }
    rows.sort_by_key(|(row, _, _)| *row != Row::Main);
    rows.into_iter()
        .map(|(row, label, _)| (row, if row == Row::Main { "main" } else { label }))
        .collect()
}

/// Marks the columns that `[start, end)` overlaps, or the one column holding `start` when the
/// two are equal (a poll under the paused clock takes no time at all).
fn paint(lane: &mut [Activity], step: Duration, start: Duration, end: Duration, what: Activity) {
    let last = lane.len() - 1;
    let first = column(start, step).min(last);
    let end_column = if end > start {
        column(end - Duration::from_nanos(1), step).min(last)
    } else {
        first
    };
    for cell in &mut lane[first..=end_column] {
        *cell = (*cell).max(what);
    }
}

fn column(at: Duration, step: Duration) -> usize {
    usize::try_from(at.as_nanos() / step.as_nanos()).unwrap_or(usize::MAX)
}

/// The time axis: a label every `TICK_EVERY` columns, starting at the first column.
fn axis(step: Duration, columns: usize) -> String {
    let mut line = " ".repeat(LABEL_WIDTH + 1);
    for tick in (0..columns).step_by(TICK_EVERY) {
        let at = LABEL_WIDTH + 1 + tick;
        line.truncate(at.min(line.len()));
        line.extend(std::iter::repeat_n(' ', at - line.len()));
        let factor = u32::try_from(tick).expect("at most MAX_COLUMNS");
        let _ = write!(line, "{}s", seconds(step * factor));
    }
    line
}

/// Seconds without trailing zeros: `0.05`, `1`, `2.5`.
fn seconds(duration: Duration) -> String {
    let text = format!("{:.3}", duration.as_secs_f64());
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task_ids(count: usize) -> Vec<tokio::task::Id> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let mut ids = Vec::new();
            for _ in 0..count {
                ids.push(tokio::spawn(async { tokio::task::id() }).await.unwrap());
            }
            ids
        })
    }

    fn at(seconds: f64) -> Duration {
        Duration::from_secs_f64(seconds)
    }

    fn span(row: Row, label: &str, kind: Kind, start: f64, end: Option<f64>) -> SpanRecord {
        SpanRecord {
            row,
            label: label.to_owned(),
            kind,
            start: at(start),
            end: end.map(at),
            whole_task: false,
        }
    }

    fn poll(row: Row, start: f64, end: f64) -> PollRecord {
        PollRecord {
            row,
            start: at(start),
            end: at(end),
        }
    }

    #[test]
    fn three_sleepers_under_the_paused_clock() {
        let ids = task_ids(3);
        let mut spans = vec![span(Row::Main, "main", Kind::Task, 0.0, Some(3.0))];
        let mut polls = vec![poll(Row::Main, 0.0, 0.0), poll(Row::Main, 3.0, 3.0)];
        for id in ids {
            spans.push(span(Row::Task(id), "delay(3)", Kind::Sleep, 0.0, Some(3.0)));
            polls.extend([poll(Row::Task(id), 0.0, 0.0), poll(Row::Task(id), 3.0, 3.0)]);
        }
        let sleeper = format!("delay(3)         #{}#\n", "~".repeat(59));
        let expected = [
            "timeline: one row per task, one column per 0.05 s\n",
            "                 0s        0.5s      1s        1.5s      2s        2.5s      3s\n",
            &format!("main             #{}#\n", "-".repeat(59)),
            &sleeper,
            &sleeper,
            &sleeper,
            "# running   ~ sleeping   = waiting on I/O   - waiting on something else\n",
            "total 3.000 s\n",
        ]
        .concat();
        assert_eq!(render(&spans, &polls, at(3.0)), expected);
    }

    #[test]
    fn columns_are_1_2_or_5_times_a_power_of_ten_and_at_most_61() {
        for (total, step) in [
            (0.0, 0.001),
            (0.06, 0.001),
            (0.061, 0.002),
            (1.0, 0.02),
            (3.0, 0.05),
            (3.06, 0.1),
            (60.0, 1.0),
            (61.0, 2.0),
            (1000.0, 20.0),
        ] {
            assert_eq!(column_width(at(total)), at(step), "total {total} s");
        }
    }

    #[test]
    fn running_beats_sleeping_beats_io_beats_waiting() {
        let row = Row::Main;
        let spans = [
            span(row, "main", Kind::Task, 0.0, Some(1.0)),
            span(row, "GET /", Kind::Io, 0.2, Some(0.8)),
            span(row, "delay(1)", Kind::Sleep, 0.4, Some(0.6)),
        ];
        let polls = [poll(row, 0.5, 0.52)];
        let figure = render(&spans, &polls, at(1.0));
        let main = figure.lines().nth(2).unwrap();
        assert_eq!(
            main,
            format!(
                "main             {}{}{}#{}{}",
                "-".repeat(10),
                "=".repeat(10),
                "~".repeat(5),
                "~".repeat(4),
                "=".repeat(10) + &"-".repeat(10)
            )
        );
    }

    #[test]
    fn a_span_still_open_at_the_end_runs_to_the_edge_and_labels_are_cut() {
        let [id] = task_ids(1)[..] else { panic!() };
        let spans = [
            span(
                Row::Task(id),
                "a_very_long_function_name(1, 2)",
                Kind::Io,
                0.5,
                None,
            ),
            // Recorded after the task's span, `main` is still drawn first.
            span(Row::Main, "main", Kind::Task, 0.0, Some(1.0)),
        ];
        let figure = render(&spans, &[], at(1.0));
        let rows: Vec<&str> = figure.lines().skip(2).take(2).collect();
        assert_eq!(rows[0], format!("main             {}", "-".repeat(50)));
        assert_eq!(
            rows[1],
            format!("a_very_long_func {}{}", " ".repeat(25), "=".repeat(25))
        );
    }

    #[test]
    fn past_40_tasks_the_rest_are_counted_not_drawn() {
        let spans: Vec<SpanRecord> = task_ids(45)
            .into_iter()
            .map(|id| span(Row::Task(id), "GET /", Kind::Io, 0.0, Some(1.0)))
            .collect();
        let figure = render(&spans, &[], at(1.0));
        assert_eq!(
            figure.lines().filter(|l| l.starts_with("GET /")).count(),
            40
        );
        assert!(
            figure.contains("\n(and 5 more tasks, not drawn)\n"),
            "{figure}"
        );
    }

    #[test]
    fn every_line_fits_in_80_columns() {
        for total in [0.0, 0.7, 9.99, 59.0, 123.4, 3600.0] {
            let spans = [span(Row::Main, "main", Kind::Task, 0.0, None)];
            for line in render(&spans, &[], at(total)).lines() {
                assert!(
                    line.len() <= 80,
                    "{total} s: {line:?} is {} long",
                    line.len()
                );
            }
        }
    }
}
