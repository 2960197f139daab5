//! The smoke test of the Rust-vs-Python comparison (`compare/compare.py`,
//! `docs/rust-vs-python.md`): the whole path runs, at tiny sizes, and every row of the table
//! gets its numbers.
//!
//! It runs `python3 compare/compare.py --smoke` against the debug builds of `scale_tasks`,
//! `fanout_bench`, `web`, `test9`, `listing_5_8`, `book_postgres`, `ngram_file`,
//! `listing_6_9`, `listing_6_9_rayon`, `listing_6_15`, `listing_7_17`, `listing_7_19`,
//! `listing_8_13`, `chat_benchmark`, `listing_9_2` and `http_load` that
//! `cargo test` has built next to this test (the PostgreSQL ones need the server binaries, as chapter 5's tests do). The
//! numbers are printed (`cargo test -- --nocapture` shows them), not judged: a debug build at
//! 1,000 tasks says nothing about speed. The first run creates `target/compare-venv` and
//! installs aiohttp, FastAPI, uvicorn and asyncpg from PyPI (about 20 s here); later runs reuse it and
//! take about 10 s. Needs `python3` (3.11 or later) on the PATH.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use example_harness::workspace_root;

/// Room for the first run's `pip install` on a slow network.
const TIME_LIMIT: Duration = Duration::from_secs(600);

#[test]
#[ignore = "needs python3 (3.11+) and PyPI; .ci/run runs it with `cargo test -p companion --test compare_smoke -- --ignored`"]
fn smoke_run_fills_every_row_of_the_table() {
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compare-smoke");
    // Leftovers of an earlier run must not pass for this run's table.
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch).expect("CARGO_TARGET_TMPDIR is writable");
    let table_path = scratch.join("table.md");
    let log_path = scratch.join("stderr.txt");

    let child = Command::new("python3")
        .arg(workspace_root().join("compare").join("compare.py"))
        .arg("--smoke")
        .arg("--bin-dir")
        .arg(examples_dir())
        .arg("--out")
        .arg(&table_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::create(&log_path).expect("the scratch folder is writable"))
        .spawn()
        .expect("python3 is on the PATH");
    let status = wait_with_limit(child, TIME_LIMIT);
    let log = fs::read_to_string(&log_path).unwrap_or_default();
    assert!(
        status.success(),
        "compare.py --smoke failed ({status}):\n{log}"
    );

    let table = fs::read_to_string(&table_path).expect("compare.py wrote the table");
    println!("{log}\n{table}");
    // The smoke sizes: 1,000 tasks, 10 requests, n = 100,000 for the CPU jobs.
    let scale = row(&table, "| 1,000 |");
    assert_eq!(seconds(scale).len(), 2, "Rust and Python times: {scale}");
    let bytes: Vec<u64> = cells(scale)[4..6]
        .iter()
        .map(|cell| cell.replace(',', "").parse().expect("bytes per task"))
        .collect();
    assert!(bytes.iter().all(|&b| b > 0), "bytes per task: {scale}");
    let fan_out = row(&table, "| 10 |");
    assert_eq!(seconds(fan_out).len(), 4, "four pairings: {fan_out}");
    let default_limit = row(&table, "| 10 with aiohttp's default limit");
    assert_eq!(seconds(default_limit).len(), 1, "{default_limit}");
    let cpu = row(&table, "| 100,000 |");
    assert_eq!(seconds(cpu).len(), 2, "Rust and Python times: {cpu}");
    for way in ["| in sequence |", "| at once, pool of 6 |"] {
        let pool = row(&table, way);
        let rates: Vec<&str> = cells(pool)
            .into_iter()
            .filter(|cell| cell.ends_with("/s"))
            .collect();
        assert_eq!(rates.len(), 2, "Rust and Python queries per second: {pool}");
    }
    for program in [
        "| reading the file from the page cache |",
        "| Python, `mapreduce.py` (processes) |",
        "| Rust, `listing_6_9` (processes) |",
        "| Rust, `listing_6_9_rayon` (threads) |",
    ] {
        let mapreduce = row(&table, program);
        assert_eq!(seconds(mapreduce).len(), 1, "{mapreduce}");
    }
    for work in ["| 7.17: scrypt", "| 7.19: the means"] {
        let threads = row(&table, work);
        assert_eq!(
            seconds(threads).len(),
            2,
            "Rust and Python times: {threads}"
        );
    }
    let joined = row(&table, "| every user joined |");
    assert_eq!(seconds(joined).len(), 2, "Rust and Python times: {joined}");
    let message = row(&table, "| a message reached everyone (median of 10) |");
    let millis = cells(message)
        .into_iter()
        .filter(|cell| cell.ends_with(" ms"))
        .count();
    assert_eq!(millis, 2, "Rust and Python times: {message}");
    let load = row(&table, "| requests per second (Rust / Python) |");
    let rates = cells(load)
        .into_iter()
        .filter(|cell| cell.ends_with("/s"))
        .count();
    assert_eq!(rates, 2, "Rust and Python requests per second: {load}");
    for latency in ["| latency, median", "| latency, 99th percentile"] {
        let latency = row(&table, latency);
        let millis = cells(latency)
            .into_iter()
            .filter(|cell| cell.ends_with(" ms"))
            .count();
        assert_eq!(millis, 2, "Rust and Python latencies: {latency}");
    }
    let processes = row(&table, "| 5 × 200 |");
    let rates = cells(processes)
        .into_iter()
        .filter(|cell| cell.ends_with("/s"))
        .count();
    assert_eq!(rates, 2, "Rust and Python queries per second: {processes}");
    assert!(
        table.contains("- CPU: "),
        "the machine is described:\n{table}"
    );
}

/// `target/<profile>/examples`, beside the `deps` folder that holds this test's binary.
fn examples_dir() -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary has a path");
    test_binary
        .parent()
        .and_then(Path::parent)
        .expect("the test binary lives in target/<profile>/deps")
        .join("examples")
}

/// Waits for `child`; kills it and fails the test once `limit` has passed.
fn wait_with_limit(mut child: std::process::Child, limit: Duration) -> ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("waiting for compare.py") {
            return status;
        }
        if Instant::now() > deadline {
            // The script's servers get SIGTERM when it dies (it asks the kernel for that).
            let _ = child.kill();
            let _ = child.wait();
            panic!("compare.py --smoke still running after {limit:?}");
        }
        thread::sleep(Duration::from_millis(100));
    }
}

/// The table row that starts with `prefix`.
fn row<'a>(table: &'a str, prefix: &str) -> &'a str {
    table
        .lines()
        .find(|line| line.starts_with(prefix))
        .unwrap_or_else(|| panic!("no row starting with {prefix:?} in:\n{table}"))
}

fn cells(row: &str) -> Vec<&str> {
    row.trim_matches('|').split('|').map(str::trim).collect()
}

/// The cells that hold a duration (`1.006 s`, or `1.006 s (1.01)` in the fan-out table).
fn seconds(row: &str) -> Vec<f64> {
    cells(row)
        .iter()
        .filter_map(|cell| {
            let (number, rest) = cell.split_once(' ')?;
            (rest == "s" || rest.starts_with("s (")).then(|| number.parse().ok())?
        })
        .collect()
}
