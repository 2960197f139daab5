//! Scale demo: a million sleeping tasks, or ten thousand sleeping threads.
//!
//! The articles' claim, measured. The book's chapters 1 and 2 rest on one thread keeping many
//! coroutines waiting at once, and the complete guide says async is cheaper than threads
//! because every thread has a stack of its own (several megabytes; it cites 8 MB on Linux).
//! `--tasks N` spawns N tokio tasks that each sleep 1 s; `--threads N` starts N OS threads
//! that each block in `std::thread::sleep` for 1 s. Both wait for all of them and print the
//! wall time and the memory it took: the high-water resident size (`VmHWM` in
//! `/proc/self/status`) minus the resident size just before the first spawn, per task or
//! thread. Linux only; build with `--release`, the numbers are the point.
//!
//! Run with:
//! ```text
//! cargo run --release --example scale_tasks -- --tasks 1000000
//! cargo run --release --example scale_tasks -- --threads 10000
//! ```
//!
//! Expected output with no arguments, which means `--tasks 100000`, numbers varying:
//! ```text
//! 100000 tokio tasks, each sleeping 1 s
//! all 100000 finished in [..] s
//! peak memory [..] MB ([..] MB before they started): [..] bytes per task
//! ```
//!
//! Measured on this project's 2-core machine (release build, medians of 7 runs):
//!
//! | run | wall time | bytes each |
//! |---|---|---|
//! | `--tasks 10000` | 1.006 s | 463 |
//! | `--tasks 100000` | 1.048 s | 458 |
//! | `--tasks 1000000` | 1.475 s | 455 |
//! | `--threads 1000` | 1.041 s | 9,879 |
//! | `--threads 10000` | 1.413 s | 9,795 |
//!
//! The CPython twin (asyncio, one thread) took 21.5 s and 1,679 bytes a task for a million
//! in the same measuring run (`docs/rust-vs-python.md`). Where the bytes go is explained in
//! `docs/tasks-vs-threads.md`.
//!
//! Choices, each measured with a million tasks (medians of 7 runs):
//! - The task is the `Sleep` future itself: `tasks.spawn(sleep(ONE_SECOND))`. `sleep` reads
//!   the clock when it is called, so each task's second starts when it is spawned. Written
//!   `async { sleep(ONE_SECOND).await }`, the clock is read at the task's first poll, which
//!   comes after the whole spawning loop, as for a coroutine in asyncio: 1.90 s instead of
//!   1.48 s, same memory. `sleep_until` one shared deadline took 1.36 s, but then the last
//!   tasks sleep less than a second, so it does not show what the line says.
//! - A `JoinSet` to wait for them all: 1.479 s, 455 bytes. A `Vec` of `JoinHandle`s took
//!   1.451 s but 463 bytes (8 for the `Vec`), tokio-util's `TaskTracker` 1.463 s and 455
//!   bytes, a `JoinSet` built with `collect()` and `join_all()` 1.480 s.
//! - A `current_thread` runtime, like asyncio's one loop. The multi-thread runtime was not
//!   faster on two cores (1.57 to 1.77 s depending on the variant, 447 bytes a task).
//!
//! Where Rust differs:
//! - A tokio task is one heap block holding the future and tokio's bookkeeping: 256 bytes
//!   aligned to 128, which costs 448 bytes of glibc's heap. An asyncio task is a Task object,
//!   a coroutine with its frame, a Future, a TimerHandle and more, each allocated apart.
//! - A Rust thread reserves a 2 MiB stack (Rust's default for spawned threads, not the 8 MB
//!   of the main thread) but only touches two pages of it; the kernel's share (a 16 KiB
//!   kernel stack, page tables) is not in the resident size at all. Each thread also takes
//!   four memory mappings, and the kernel caps those per process (`vm.max_map_count`), so
//!   `--threads` checks the room first: past the cap, Rust's thread start-up aborts the
//!   process instead of returning an error.

use std::thread;
use std::time::{Duration, Instant};

use clap::Parser;
use tokio::task::JoinSet;
use tokio::time::sleep;
use util::cli::at_least_one;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const ONE_SECOND: Duration = Duration::from_secs(1);

/// N tokio tasks (or N OS threads) sleeping 1 s at once: the time it takes and the memory
/// each one costs
#[derive(Parser)]
struct Args {
    /// How many tokio tasks to start
    #[arg(long, value_name = "N", conflicts_with = "threads", value_parser = at_least_one)]
    tasks: Option<usize>,
    /// Start N OS threads instead of tasks
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    threads: Option<usize>,
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    match Args::parse() {
        Args {
            threads: Some(n), ..
        } => threads(n),
        Args { tasks: n, .. } => tasks(n.unwrap_or(100_000)),
    }
}

fn tasks(n: usize) -> Result<(), BoxError> {
    // One thread and a timer: all that sleeping tasks need (no I/O driver).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(async {
        println!("{n} tokio tasks, each sleeping 1 s");
        let before = memory("VmRSS")?;
        let started = Instant::now();
        let mut tasks = JoinSet::new();
        for _ in 0..n {
            // `sleep` reads the clock here, so each second counts from the spawn, although no
            // task runs before this loop ends (see the header).
            tasks.spawn(sleep(ONE_SECOND));
        }
        while let Some(finished) = tasks.join_next().await {
            finished?;
        }
        report(n, "task", started, before)
    })
}

fn threads(n: usize) -> Result<(), BoxError> {
    check_room_for_threads(n)?;
    println!("{n} OS threads, each sleeping 1 s");
    let before = memory("VmRSS")?;
    let started = Instant::now();
    let mut sleepers = Vec::with_capacity(n);
    for i in 0..n {
        let sleeper = thread::Builder::new()
            .spawn(|| thread::sleep(ONE_SECOND))
            .map_err(|e| format!("cannot start thread {}: {e}", i + 1))?;
        sleepers.push(sleeper);
    }
    for sleeper in sleepers {
        sleeper
            .join()
            .expect("a thread that only sleeps does not panic");
    }
    report(n, "thread", started, before)
}

fn report(n: usize, what: &str, started: Instant, before: u64) -> Result<(), BoxError> {
    let elapsed = started.elapsed().as_secs_f64();
    let peak = memory("VmHWM")?;
    let each = peak.saturating_sub(before) / n as u64;
    println!("all {n} finished in {elapsed:.3} s");
    println!(
        "peak memory {:.1} MB ({:.1} MB before they started): {each} bytes per {what}",
        peak as f64 / 1e6,
        before as f64 / 1e6
    );
    Ok(())
}

/// A size in bytes from `/proc/self/status`: `VmRSS` (resident now) or `VmHWM` (the most it
/// has been).
fn memory(field: &str) -> Result<u64, BoxError> {
    let kilobytes = read_proc("/proc/self/status")?
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().strip_suffix(" kB")?.parse::<u64>().ok())
        .ok_or_else(|| format!("no {field} in /proc/self/status"))?;
    Ok(kilobytes * 1024)
}

/// Each thread maps its stack, the guard page below it, and the small signal stack (with its
/// own guard page) that Rust's start-up code gives every thread to report stack overflows.
/// When the kernel refuses one of those, `thread::spawn` either fails cleanly or, for the
/// signal stack, aborts the whole process from inside the new thread: so count first.
fn check_room_for_threads(n: usize) -> Result<(), BoxError> {
    const MAPPINGS_PER_THREAD: usize = 4;
    let limit: usize = read_proc("/proc/sys/vm/max_map_count")?
        .trim()
        .parse()
        .map_err(|e| format!("vm.max_map_count: {e}"))?;
    let in_use = read_proc("/proc/self/maps")?.lines().count();
    // Some room for the allocator's own mappings as the threads start.
    let room = limit.saturating_sub(in_use + 100) / MAPPINGS_PER_THREAD;
    if n > room {
        return Err(format!(
            "--threads {n}: this system allows about {room} more threads \
             (vm.max_map_count = {limit}, {MAPPINGS_PER_THREAD} mappings per thread)"
        )
        .into());
    }
    Ok(())
}

fn read_proc(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {path} (this demo needs Linux): {e}"))
}
