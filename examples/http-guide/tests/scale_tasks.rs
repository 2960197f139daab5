//! The scale demo, run small: N tasks (or threads) that each sleep 1 s all finish in about
//! 1 s, not N seconds, and a task costs hundreds of bytes where a thread costs kilobytes.
//!
//! The example measures real time and real memory, so these tests run on the real clock and
//! only check the shape of the output and sane bounds; the figures worth quoting come from the
//! release build (see the example's header).

use std::time::Duration;

use example_harness::{Example, Output, header};

const NAME: &str = "scale_tasks";

/// What the three lines of a successful run say.
#[derive(Debug)]
struct Report {
    seconds: f64,
    peak_mb: f64,
    before_mb: f64,
    bytes_each: u64,
}

/// Checks the three lines for `n` tasks or threads (`unit` is `task` or `thread`) and reads
/// their numbers.
fn report(out: &Output, n: usize, unit: &str) -> Report {
    out.assert_success();
    let lines = out.lines();
    let heading = match unit {
        "task" => format!("{n} tokio tasks, each sleeping 1 s"),
        _ => format!("{n} OS threads, each sleeping 1 s"),
    };
    assert_eq!(lines.len(), 3, "three lines expected:\n{}", out.stdout);
    assert_eq!(lines[0], heading);
    let seconds = lines[1]
        .strip_prefix(&format!("all {n} finished in "))
        .and_then(|rest| rest.strip_suffix(" s"))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("unexpected second line: {}", lines[1]));
    let (memory, bytes_each) = lines[2]
        .strip_prefix("peak memory ")
        .and_then(|rest| rest.strip_suffix(&format!(" bytes per {unit}")))
        .and_then(|rest| rest.split_once(" before they started): "))
        .unwrap_or_else(|| panic!("unexpected third line: {}", lines[2]));
    let (peak_mb, before_mb) = memory
        .split_once(" MB (")
        .and_then(|(peak, before)| Some((peak, before.strip_suffix(" MB")?)))
        .unwrap_or_else(|| panic!("unexpected memory figures: {}", lines[2]));
    let number = |text: &str| -> f64 {
        text.parse()
            .unwrap_or_else(|_| panic!("{text:?} is not a number in: {}", lines[2]))
    };
    Report {
        seconds,
        peak_mb: number(peak_mb),
        before_mb: number(before_mb),
        bytes_each: bytes_each
            .parse()
            .unwrap_or_else(|_| panic!("{bytes_each:?} is not a whole number")),
    }
}

/// Everything sleeps at once: one second and a bit, where one after the other would take N.
fn assert_concurrent(out: &Output, report: &Report) {
    assert!(
        (1.0..5.0).contains(&report.seconds),
        "all sleepers of 1 s should finish together: {report:?}"
    );
    assert!(
        out.wall >= Duration::from_secs(1),
        "the run took {:?} of real time",
        out.wall
    );
    assert!(report.peak_mb >= report.before_mb, "{report:?}");
}

#[test]
fn the_default_run_prints_the_header_transcript() {
    let out = Example::new(NAME).real_clock().run();
    out.assert_stdout_matches(&header(NAME).transcript);
    let report = report(&out, 100_000, "task");
    assert_concurrent(&out, &report);
    // 100,000 tasks are tens of megabytes, whatever the build: the task cell's layout does not
    // depend on optimisation.
    assert!(
        (100..1_000).contains(&report.bytes_each),
        "a sleeping task should cost a few hundred bytes: {report:?}"
    );
}

#[test]
fn a_thousand_tasks_sleep_at_once() {
    let out = Example::new(NAME)
        .real_clock()
        .args(["--tasks", "1000"])
        .run();
    let report = report(&out, 1000, "task");
    assert_concurrent(&out, &report);
}

#[test]
fn threads_sleep_at_once_and_cost_kilobytes_each() {
    let out = Example::new(NAME)
        .real_clock()
        .args(["--threads", "100"])
        .run();
    let report = report(&out, 100, "thread");
    assert_concurrent(&out, &report);
    // At least the stack page each thread touches.
    assert!(
        report.bytes_each >= 4096,
        "a thread touches at least one page of stack: {report:?}"
    );
}

#[test]
fn bad_arguments_fail_with_one_line() {
    let too_many = usize::MAX.to_string();
    let cases: [&[&str]; 7] = [
        &["--tasks", "lots"],
        &["--tasks", "-3"],
        &["--tasks", "0"],
        &["--tasks"],
        &["--tasks", "10", "--threads", "10"],
        &["--fibers", "10"],
        // More threads than any kernel's mapping limit allows: refused before any starts.
        &["--threads", &too_many],
    ];
    for args in cases {
        let out = Example::new(NAME).real_clock().args(args).run();
        out.assert_clean_failure();
        assert_eq!(out.stdout, "", "nothing should start for {args:?}");
        // One line that says what is wrong: ours (`Error: ...`), or clap's, with its hint.
        let stderr = out.stderr.trim_end();
        let first = stderr.lines().next().unwrap_or_default();
        let ours = first.starts_with("Error: ") && !stderr.contains('\n');
        let clap = first.starts_with("error: ") && out.code == Some(2);
        assert!(
            ours || clap,
            "{args:?} should give one clear line, got:\n{stderr}"
        );
    }
}
