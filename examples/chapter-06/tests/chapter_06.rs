//! Chapter 6, "Handling CPU-bound work": every listing, with real worker processes.
//!
//! Other processes do the work, so everything runs on the real clock. The MapReduce listings
//! count a small generated 1-gram file (five of the book's chunks), made once per build in
//! Cargo's test scratch folder; Listing 6.14 counts the default 2-million-line file, long
//! enough for its reporter to report more than once.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use example_harness::{Example, Output, Running, check_on_the_real_clock, workspace_root};

/// Lines in the small file: four full chunks of 60,000 and a partial one.
const SMALL_FILE_LINES: u64 = 250_000;

/// The small generated file, written by the `ngram_file` example the first time it is needed.
fn small_file() -> &'static Path {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("chapter-06-ngrams-250000");
        if !path.exists() {
            Example::new("ngram_file")
                .real_clock()
                .args(["--lines", &SMALL_FILE_LINES.to_string(), "--out"])
                .arg(&path)
                .run()
                .assert_success();
        }
        path
    })
}

/// Runs a MapReduce listing on the small file and checks that it found the book's count.
fn count_small_file(name: &str) -> Output {
    let out = Example::new(name)
        .real_clock()
        .arg("--file")
        .arg(small_file())
        .run();
    out.assert_success();
    assert!(
        out.stdout.contains("Aardvark has appeared 15209 times.\n"),
        "{}",
        out.stdout
    );
    out
}

/// The seconds of a `MapReduce took: S seconds` line.
fn seconds_taken(out: &Output) -> f64 {
    let line = out.lines().last().copied().unwrap_or_default();
    let seconds = line
        .strip_prefix("MapReduce took: ")
        .and_then(|rest| rest.strip_suffix(" seconds"))
        .unwrap_or_else(|| panic!("not a time line: {line:?}"));
    seconds.parse().expect("seconds")
}

/// The state letter of a process (`R` running or runnable, `S` sleeping, ...), if it exists.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the state follows the last one.
    let (_, rest) = stat.rsplit_once(')')?;
    rest.trim_start().chars().next()
}

/// Waits (at most 30 s) until the program has `count` children, and returns them.
fn wait_for_children(running: &Running, count: usize) -> Vec<u32> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let children: Vec<u32> = running.children().into_iter().map(|(pid, _)| pid).collect();
        if children.len() >= count {
            return children;
        }
        assert!(Instant::now() < deadline, "no {count} children in 30 s");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The two counts' lines, then `Completed in`. The two run at once, so on a busy machine the
/// shorter count's line may come second; the test takes them in either order.
fn assert_counted_both(out: &Output) {
    out.assert_success();
    let lines = out.lines();
    assert_eq!(lines.len(), 3, "{}", out.stdout);
    let mut counts = [lines[0], lines[1]].map(|line| {
        line.strip_prefix("Finished counting to ")
            .and_then(|rest| rest.split_once(" in "))
            .map(|(count, _)| count)
            .unwrap_or_else(|| panic!("not a count line: {line:?}"))
    });
    counts.sort_unstable();
    assert_eq!(counts, ["100000000", "200000000"], "{}", out.stdout);
    assert!(lines[2].starts_with("Completed in "), "{}", out.stdout);
}

/// The claim of 6.1: the two counting processes run at the same time. Seen by the kernel: at
/// one moment, both children are running (or ready to, on a machine busy with other tests),
/// which one interpreter with a GIL never shows of two threads.
#[test]
fn listing_6_1_counts_in_two_processes_at_once() {
    let running = Example::from_header("listing_6_1").real_clock().spawn();
    let children = wait_for_children(&running, 2);
    let both_running = (0..2000).any(|_| {
        let both = children.iter().all(|&pid| process_state(pid) == Some('R'));
        if !both {
            std::thread::sleep(Duration::from_micros(200));
        }
        both
    });
    let out = running.wait(Duration::from_secs(60));
    assert_counted_both(&out);
    assert!(both_running, "the two children were never running together");
}

#[test]
fn listing_6_1_threads_counts_in_two_threads_of_one_process() {
    assert_counted_both(
        &Example::from_header("listing_6_1_threads")
            .real_clock()
            .run(),
    );
}

#[test]
fn listing_6_2_applies_in_a_worker_process() {
    check_on_the_real_clock("listing_6_2");
}

#[test]
fn listing_6_3_applies_asynchronously() {
    check_on_the_real_clock("listing_6_3");
}

/// The executor's `map` gives the results in the jobs' order, although the workers finish the
/// small counts first: the 100,000,000 comes last, after its worker's line.
#[test]
fn listing_6_4_maps_in_order() {
    let out = check_on_the_real_clock("listing_6_4");
    let results: Vec<&str> = out
        .lines()
        .into_iter()
        .filter(|line| !line.starts_with("Finished"))
        .collect();
    assert_eq!(
        results,
        ["1", "3", "5", "22", "100000000"],
        "{}",
        out.stdout
    );
}

#[test]
fn listing_6_5_awaits_the_pool_from_the_event_loop() {
    check_on_the_real_clock("listing_6_5");
}

#[test]
fn listing_6_6_counts_words_and_merges_the_counts() {
    check_on_the_real_clock("listing_6_6");
}

#[test]
fn listing_6_7_counts_the_file_in_one_process() {
    let out = Example::new("listing_6_7")
        .real_clock()
        .arg("--file")
        .arg(small_file())
        .run();
    out.assert_success();
    let seconds: f64 = out.stdout.trim().parse().expect("the time, alone");
    assert!(seconds > 0.0, "{}", out.stdout);
}

#[test]
fn listing_6_8_maps_in_the_pool() {
    let out = count_small_file("listing_6_8");
    assert!(seconds_taken(&out) > 0.0);
}

#[test]
fn listing_6_9_maps_and_reduces_in_the_pool() {
    let out = count_small_file("listing_6_9");
    assert!(seconds_taken(&out) > 0.0);
}

#[test]
fn listing_6_9_rayon_counts_with_threads() {
    let out = count_small_file("listing_6_9_rayon");
    assert!(seconds_taken(&out) > 0.0);
}

/// A file that is not there, and a line that is not a 1-gram, are one clear line each.
#[test]
fn the_mapreduce_listings_refuse_bad_files_clearly() {
    let bad = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("chapter-06-bad-ngrams-{}", std::process::id()));
    std::fs::write(&bad, "Aardvark\t2008\t12\t3\nthis line has no tabs\n").unwrap();
    for name in [
        "listing_6_8",
        "listing_6_9",
        "listing_6_9_rayon",
        "listing_6_14",
    ] {
        let out = Example::new(name)
            .real_clock()
            .args(["--file", "/nonexistent/1gram"])
            .run();
        out.assert_clean_failure();
        assert!(
            out.stderr.contains("cannot read /nonexistent/1gram"),
            "{name}: {}",
            out.stderr
        );

        let out = Example::new(name)
            .real_clock()
            .arg("--file")
            .arg(&bad)
            .run();
        out.assert_clean_failure();
        assert!(
            out.stderr.contains("this line has no tabs"),
            "{name}: {}",
            out.stderr
        );
    }
    let _ = std::fs::remove_file(&bad);
}

/// The reporter on the event loop reports while the workers count: more than one line on the
/// default file (a debug build takes about two seconds), the counts rising, the last below 33.
#[test]
fn listing_6_14_reports_progress_while_the_map_runs() {
    let out = Example::from_header("listing_6_14").real_clock().run();
    out.assert_success();
    let lines = out.lines();
    assert_eq!(
        lines.last(),
        Some(&"Aardvark has appeared 15209 times."),
        "{}",
        out.stdout
    );
    let done: Vec<u32> = lines[..lines.len() - 1]
        .iter()
        .map(|line| {
            let count = line
                .strip_prefix("Finished ")
                .and_then(|rest| rest.strip_suffix("/33 map operations"))
                .unwrap_or_else(|| panic!("not a progress line: {line:?}"));
            count.parse().expect("a count")
        })
        .collect();
    assert!(done.len() >= 2, "{}", out.stdout);
    assert!(done.is_sorted(), "{}", out.stdout);
    assert!(done.iter().all(|&count| count < 33), "{}", out.stdout);
}

#[test]
fn listing_6_14_reports_on_a_small_file_too() {
    let out = count_small_file("listing_6_14");
    assert!(out.stdout.starts_with("Finished "), "{}", out.stdout);
    assert!(out.stdout.contains("/4 map operations\n"), "{}", out.stdout);
}

#[test]
fn listing_6_10_shares_a_value_and_an_array_with_two_children() {
    check_on_the_real_clock("listing_6_10");
}

/// The lost update happens, between two real processes: a trial ends with 1, and the program
/// fails its assertion as the book's does. The start line makes it come within a few trials.
#[test]
fn listing_6_11_loses_an_update() {
    let out = check_on_the_real_clock("listing_6_11");
    let trials = out.lines().len() - 1;
    assert!(trials <= 1000, "{trials} trials before a lost update");
}

/// With the lock, no update is lost: 100 trials of 2.
#[test]
fn listing_6_12_loses_no_update_with_the_lock() {
    let out = check_on_the_real_clock("listing_6_12");
    assert_eq!(out.lines(), vec!["2"; 100]);
}

#[test]
fn listing_6_13_hands_the_value_to_the_workers_through_the_initializer() {
    check_on_the_real_clock("listing_6_13");
}

/// The workers' shared memory is an anonymous file (a memfd): nothing is left of it in any
/// folder once the processes end. Ctrl-C, as a terminal sends it to the whole process group,
/// ends the parent and its workers at once.
#[test]
fn an_interrupted_run_leaves_no_worker_and_no_shared_file() {
    let mut running = Example::from_header("listing_6_14").real_clock().spawn();
    let _ = running.wait_for_line("map operations");
    let workers = wait_for_children(&running, 2);
    let maps = std::fs::read_to_string(format!("/proc/{}/maps", workers[0])).unwrap();
    assert!(
        maps.contains("/memfd:"),
        "no memfd mapping in a worker:\n{maps}"
    );

    running.interrupt_group();
    let out = running.wait(Duration::from_secs(30));
    assert!(out.code != Some(0), "{out:?}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while workers
        .iter()
        .any(|&pid| process_state(pid).is_some_and(|state| state != 'Z'))
    {
        assert!(Instant::now() < deadline, "a worker outlived Ctrl-C");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn the_generated_file_is_the_same_every_time_and_holds_the_books_aardvark() {
    // The header's `--out target/ngrams-sample` is relative to the workspace, as for a reader.
    let out = Example::from_header("ngram_file")
        .real_clock()
        .current_dir(workspace_root())
        .run();
    out.assert_matches_header();
    assert!(out.stdout.contains("15209"), "{}", out.stdout);
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let first = folder.join(format!("chapter-06-twice-a-{}", std::process::id()));
    let second = folder.join(format!("chapter-06-twice-b-{}", std::process::id()));
    for path in [&first, &second] {
        chapter_06::ngrams::write(path, 20_000).unwrap();
    }
    let (first_text, second_text) = (
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&second).unwrap(),
    );
    assert_eq!(first_text, second_text);
    assert_eq!(first_text.lines().count(), 20_000);
    let aardvark: u64 = first_text
        .lines()
        .filter_map(|line| line.strip_prefix("Aardvark\t"))
        .map(|rest| rest.split('\t').nth(1).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(aardvark, chapter_06::ngrams::AARDVARK_TOTAL);
    for path in [first, second] {
        let _ = std::fs::remove_file(path);
    }
}

/// Five workers' event loops, each with 6 connections, against the throwaway PostgreSQL: every
/// worker's query lines, never more running at once than the pool has workers (one per CPU),
/// and the 50,000 rows in the parent.
#[test]
fn listing_6_15_runs_an_event_loop_in_each_worker() {
    let out = check_on_the_real_clock("listing_6_15");
    let cpus = std::thread::available_parallelism().unwrap().get();
    let (mut running, mut most, mut started) = (0usize, 0usize, 0usize);
    for line in out.lines() {
        if line.starts_with("starting query_products_concurrently") {
            started += 1;
            running += 1;
            most = most.max(running);
        } else if line.starts_with("finished query_products_concurrently") {
            running -= 1;
        }
    }
    assert_eq!(started, 5, "{}", out.stdout);
    assert!(
        most <= cpus,
        "{most} at once on {cpus} workers:\n{}",
        out.stdout
    );
}
