//! Listing 13.12: feeding a child line by line, naively: read, print, write the next line.
//!
//! The Rust twin of `chapter_13/listing_13_12.py`. The child is Listing 13.13, which echoes
//! each line it gets a random number of times, half a second apart, before it asks for the
//! next. The parent reads whatever the child has written (up to 2 KiB), prints it, writes the
//! next word, and so on for five words. It does not wait for the prompt, so most words go into
//! the child's stdin while the child is still echoing the one before, and the parent's five
//! reads catch a prompt and then only some of the echoes; the rest is never read. The program
//! ends when the child does, once it has worked through `quit`.
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_12 -- --seed 279
//! ```
//!
//! Expected output (3.5 s), five reads; where one ends and the next begins depends on timing:
//! ```text
//! b'Enter text to echo: '
//! b'one\n'
//! b'one\n'
//! b'one\n[..]'
//! b'[..]'
//! ```
//! With this seed the child echoes `one` three times, `two` once, `three` not at all, `four`
//! once and `quit` twice; the parent writes `two` while `one` is still being echoed, and
//! stops reading after five reads, when the child is still at `two`.
//! Without `--seed` the child draws new counts each run, as in the book. Listing 13.14 waits
//! for the prompt instead.
//!
//! Where Rust differs: `stdout.read(2048)` is `read` into a buffer of that size, and
//! `write` followed by `drain` is `write_all`, which returns once the pipe has taken the bytes.
//! The pipes stay open until the child ends, as Python's do: dropping the stdout pipe early
//! would make the child's next echo fail. The child is this program started again with
//! `--child` (see `chapter_13::children`).

use std::process::Stdio;

use clap::Parser;
use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{ChildStdin, ChildStdout, Command};
use util::py::PyBytes;

/// Listing 13.12: feed a slow echoing child without waiting for its prompt
#[derive(Parser)]
struct Args {
    /// Seed the child's random repeat counts, to repeat a run (random by default)
    #[arg(long)]
    seed: Option<u64>,
    /// Run as the child, Listing 13.13 (the parent passes it)
    #[arg(long, hide = true)]
    child: bool,
}

async fn consume_and_send(
    text_list: &[&str],
    stdout: &mut ChildStdout,
    stdin: &mut ChildStdin,
) -> std::io::Result<()> {
    let mut line = [0; 2048];
    for text in text_list {
        let read = stdout.read(&mut line).await?;
        println!("{}", PyBytes(&line[..read]));
        stdin.write_all(text.as_bytes()).await?;
    }
    Ok(())
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    if args.child {
        let mut random = args.seed.map_or_else(rand::make_rng, StdRng::seed_from_u64);
        return Ok(chapter_13::children::echo_randomly(&mut random)?);
    }
    util::run(parent(args.seed))
}

async fn parent(seed: Option<u64>) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut program = Command::new(std::env::current_exe()?);
    program.arg("--child");
    if let Some(seed) = seed {
        program.args(["--seed", &seed.to_string()]);
    }
    let mut process = program
        .stdout(Stdio::piped())
        .stdin(Stdio::piped())
        .spawn()?;
    let mut stdout = process.stdout.take().ok_or("stdout is piped")?;
    let mut stdin = process.stdin.take().ok_or("stdin is piped")?;

    let text_input = ["one\n", "two\n", "three\n", "four\n", "quit\n"];

    let (sent, ended) = tokio::join!(
        consume_and_send(&text_input, &mut stdout, &mut stdin),
        process.wait()
    );
    sent?;
    ended?;
    Ok(())
}
