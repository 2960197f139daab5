//! "Beginning Python programming, part 13": 300 tasks through `run_in_executor`.
//!
//! The Rust twin of the article's second program: 300 calls of a blocking function `count`,
//! each handed to the default executor (`loop.run_in_executor(None, count, i)`) and collected
//! with `gather`. Each call counts to 100. The article prints every step, 30,000 lines whose
//! interleaving changes from run to run; we print the same lines only with `--verbose` and
//! otherwise one summary line, checked in order.
//!
//! Run with:
//! ```text
//! cargo run --example part13_executor
//! cargo run --example part13_executor -- --verbose
//! ```
//!
//! Expected output (0 s):
//! ```text
//! 300 runs counted to 100 on the blocking pool; results in submission order: true
//! ```
//!
//! Where Rust differs:
//! - `tokio::task::spawn_blocking` is `run_in_executor(None, ...)`: a pool of threads (up to
//!   512) kept by the runtime for blocking work, so 300 jobs run on many threads at once.
//! - The article warns that the jobs share `print` and may garble each other's lines. In Rust
//!   `println!` locks stdout for the whole line, so lines never mix, though their order
//!   varies. Sharing *data* between the jobs is the other half of the warning: see the
//!   `part13_shared_buffer` example and the docs of the `web-service` crate, where the racy
//!   version is shown not to compile.
//! - The article nests a second event loop inside the first; tokio refuses to start a runtime
//!   inside a runtime (it panics), and there is no need: the one runtime runs everything.

use clap::Parser;

const RUNS: usize = 300;

/// The blocking function: counts to 100, printing each step if asked to.
fn count(run: usize, verbose: bool) -> usize {
    let mut steps = 0;
    for i in 0..100 {
        if verbose {
            println!("run {run}: {i}");
        }
        steps += 1;
    }
    steps
}

/// Part 13: 300 blocking jobs on the executor, gathered in the order they were submitted
#[derive(Parser)]
struct Args {
    /// Print every step of every job, as the article's program does
    #[arg(long)]
    verbose: bool,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { verbose } = Args::parse();

    let tasks: Vec<_> = (0..RUNS)
        .map(|i| tokio::task::spawn_blocking(move || (i, count(i, verbose))))
        .collect();
    // gather: the results in the order the jobs were submitted, whatever order they ended in.
    let results = futures::future::try_join_all(tasks).await?;

    let in_order = results
        .iter()
        .enumerate()
        .all(|(i, &(run, steps))| run == i && steps == 100);
    println!(
        "{RUNS} runs counted to 100 on the blocking pool; results in submission order: {in_order}"
    );
    Ok(())
}
