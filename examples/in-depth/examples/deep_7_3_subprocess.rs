//! Section 7.3: when processes are the point: a real child process with `tokio::process`.
//!
//! Rust threads already use every core (`deep_7_3_cpu_rayon`), so a process pool is not needed
//! for speed. Processes still matter for isolation (a crash or a leak stays in the child) and
//! for running another program. This example does the article's computation in a child
//! process, the current executable started again with `--child`, and shows the costs the
//! article lists: data crosses the process boundary serialized (JSON on stdin and stdout here),
//! and the parent must wait for the child and check how it exited.
//!
//! Run with:
//! ```text
//! cargo run --example deep_7_3_subprocess
//! ```
//!
//! Expected output:
//! ```text
//! parent: sending 10 numbers to a child process
//! Custom computation results: [0.0, 1.0, 1.4142135623730951, 1.7320508075688772, 2.0, 2.23606797749979, 2.449489742783178, 2.6457513110645907, 2.8284271247461903, 3.0]
//! child exited with exit status: 0
//! ```
//!
//! Where Rust differs:
//! - `tokio::process::Command` is `asyncio.create_subprocess_exec`: the child runs while the
//!   task awaits its output, and the runtime's thread stays free.
//! - No pickling: the two sides agree on a format (serde_json) and the parent checks what comes
//!   back, as it would for any program it does not control.

use clap::Parser;
use std::process::Stdio;

use tokio::io::AsyncWriteExt;
use tokio::process::Command;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn compute_some_thing(numbers: &[u32]) -> Vec<f64> {
    numbers.iter().map(|&n| f64::from(n).sqrt()).collect()
}

/// The child side: read a JSON list of numbers on stdin, write their roots as JSON on stdout.
fn child() -> Result<(), BoxError> {
    let numbers: Vec<u32> = serde_json::from_reader(std::io::stdin())?;
    serde_json::to_writer(std::io::stdout(), &compute_some_thing(&numbers))?;
    Ok(())
}

async fn parent() -> Result<(), BoxError> {
    let numbers: Vec<u32> = (0..10).collect();
    println!(
        "parent: sending {} numbers to a child process",
        numbers.len()
    );

    let mut child = Command::new(std::env::current_exe()?)
        .arg("--child")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let mut stdin = child.stdin.take().ok_or("the child's stdin is piped")?;
    stdin.write_all(&serde_json::to_vec(&numbers)?).await?;
    // Closing stdin is the child's end-of-input.
    drop(stdin);

    let output = child.wait_with_output().await?;
    if !output.status.success() {
        return Err(format!("the child failed: {}", output.status).into());
    }
    let result: Vec<f64> = serde_json::from_slice(&output.stdout)?;
    println!("Custom computation results: {result:?}");
    println!("child exited with {}", output.status);
    Ok(())
}

/// Section 7.3: CPU work in a real child process, JSON over its stdin and stdout
#[derive(Parser)]
struct Args {
    /// Run as the child: read numbers as JSON on stdin, write the results on stdout
    #[arg(long, hide = true)]
    child: bool,
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    if Args::parse().child {
        // The child needs no runtime: it is a plain synchronous program.
        return child();
    }
    util::run(parent())
}
