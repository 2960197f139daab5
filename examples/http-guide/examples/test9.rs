//! test9.py: blocking work in a thread pool and CPU work in a second pool, awaited from async
//! code.
//!
//! The Rust twin of `test9.py` from "Python async programming, the complete guide". Three jobs
//! block for 1 s each (standing in for a blocking library), three jobs compute
//! `sum(i * i for i in range(10**7))`, and `main_` awaits all six together. They run at the same
//! time on their pools' threads, so the whole takes about 1 s.
//!
//! Run with:
//! ```text
//! cargo run --example test9
//! cargo run --example test9 -- --workers 4 --sleep 0.5 --n 1000000
//! ```
//! `--sleep` is how long each blocking job sleeps (1 s), `--n` the CPU jobs' range (10**7).
//!
//! Expected output (1 s):
//! ```text
//! threading(0): done at [..]
//! threading(1): done at [..]
//! threading(2): done at [..]
//! process(0): done at [..]
//! process(1): done at [..]
//! process(2): done at [..]
//! 耗时: 0:00:01.[..]
//! ```
//! The timestamps are today's, within a few milliseconds of each other. The lines come in the
//! order the jobs were submitted, whichever finished first, as `gather` returns them.
//!
//! Where Rust differs:
//! - Python needs processes for the CPU jobs because of the GIL. Rust threads run in parallel,
//!   so both pools are rayon thread pools; the "process" names are kept to match the script.
//!   (For real processes, `tokio::process::Command` is the tool.)
//! - `loop.run_in_executor(pool, f, i)` becomes [`run_in_executor`] below: the job runs on the
//!   pool and sends its result through a oneshot channel, which is a future the event loop can
//!   await without blocking. A rayon job cannot be cancelled, like a thread-pool future.
//! - Each CPU job takes about 0.4 s in a debug build and a few milliseconds with `--release`
//!   (Python needs seconds), so the run takes as long as the sleeps. Never run such a loop on
//!   the runtime's own thread: it would stop every task, as in Listing 2.19.
//! - The script submits one job whose result it never awaits (`ret = ...`). It still runs; so
//!   does ours.

use std::time::Duration;

use clap::Parser;
use http_guide::Workers;
use tokio::sync::oneshot;
use tokio::time::Instant;
use util::cli::parse_seconds;
use util::py::TimeDelta;

fn wait_io(id: usize, sleep: Duration) -> String {
    // Simulates blocking I/O, like the script's time.sleep.
    std::thread::sleep(sleep);
    format!("threading({id}): done at {}", util::clock::now())
}

fn more_cpu(id: usize, n: u64) -> String {
    // The sum reaches 3.3e20 for n = 10**7: past u64, which would panic on overflow in a debug
    // build, so u128 (Python's integers simply grow). black_box keeps the compiler from
    // replacing the loop by a formula.
    let total: u128 = (0..u128::from(n))
        .map(|i| std::hint::black_box(i * i))
        .sum();
    std::hint::black_box(total);
    format!("process({id}): done at {}", util::clock::now())
}

/// Runs `job` on `pool` and returns a future of its result: `loop.run_in_executor(pool, job)`.
fn run_in_executor<T: Send + 'static>(
    pool: &rayon::ThreadPool,
    job: impl FnOnce() -> T + Send + 'static,
) -> oneshot::Receiver<T> {
    let (tx, rx) = oneshot::channel();
    pool.spawn(move || {
        // The receiver may be gone if the caller stopped waiting; the result is then dropped.
        let _ = tx.send(job());
    });
    rx
}

/// The script's `main(workers)`.
async fn main_(
    workers: usize,
    sleep: Duration,
    n: u64,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let thread_pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers + 1)
        .build()?;
    let process_pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()?;
    let mut futures = Vec::new();
    let _ret = run_in_executor(&thread_pool, move || wait_io(0, sleep));

    for i in 0..workers {
        futures.push(run_in_executor(&thread_pool, move || wait_io(i, sleep)));
    }
    for i in 0..workers {
        futures.push(run_in_executor(&process_pool, move || more_cpu(i, n)));
    }

    // A RecvError would mean a job panicked before sending its result.
    let lines = futures::future::try_join_all(futures).await?;
    println!("{}", lines.join("\n"));
    Ok(())
}

/// test9.py: blocking jobs on a thread pool and CPU jobs on a second pool, awaited together
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    workers: Workers,
    /// How long each blocking job sleeps
    #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = parse_seconds)]
    sleep: Duration,
    /// The CPU jobs' range: each sums i * i for i below N
    #[arg(long, default_value_t = 10_u64.pow(7))]
    n: u64,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let start = Instant::now();
    main_(args.workers.workers, args.sleep, args.n).await?;
    println!("耗时: {}", TimeDelta(start.elapsed()));
    Ok(())
}
