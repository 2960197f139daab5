//! Listing 13.14: feeding a child line by line, each line only once the child asks for it.
//!
//! The Rust twin of `chapter_13/listing_13_14.py`. The same slow echoing child as Listing 13.12
//! (Listing 13.13). One task reads everything the child writes and prints it; when what it
//! read ends with the child's prompt, it sets an event. Another task waits for that event
//! before it writes each word, and clears it after. Every echo is read, and every word is
//! written when the child is ready for it.
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_14 -- --seed 279
//! ```
//!
//! Expected output (3.5 s), where a prompt may come in the same read as the echo before it,
//! or in a read of its own:
//! ```text
//! b'Enter text to echo: '
//! b'one\n'
//! b'one\n'
//! b'one\n[..]'
//! ...
//! b'quit\n'
//! ```
//! In all, the reads carry the child's whole conversation: `one` three times, `two` once,
//! `three` not at all, `four` once, `quit` twice, each after its prompt. Without `--seed` the
//! child draws new counts each run, as in the book.
//!
//! Where Rust differs: `asyncio.Event` is `asyncio_blocks::Event` (tokio has `Notify`, which
//! wakes waiters but keeps no state to `clear`). `gather` of the two tasks and `process.wait()`
//! is `join!` of the three futures, which run on this task, each borrowing what it needs. The
//! child is this program started again with `--child` (see `chapter_13::children`).

use std::process::Stdio;

use asyncio_blocks::Event;
use clap::Parser;
use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::{ChildStdin, ChildStdout, Command};
use util::py::PyBytes;

/// Listing 13.14: feed a slow echoing child each line once it shows its prompt
#[derive(Parser)]
struct Args {
    /// Seed the child's random repeat counts, to repeat a run (random by default)
    #[arg(long)]
    seed: Option<u64>,
    /// Run as the child, Listing 13.13 (the parent passes it)
    #[arg(long, hide = true)]
    child: bool,
}

async fn output_consumer(
    input_ready_event: &Event,
    stdout: &mut ChildStdout,
) -> std::io::Result<()> {
    let mut data = [0; 1024];
    loop {
        let read = stdout.read(&mut data).await?;
        if read == 0 {
            return Ok(());
        }
        println!("{}", PyBytes(&data[..read]));
        if data[..read].ends_with(b"Enter text to echo: ") {
            input_ready_event.set();
        }
    }
}

async fn input_writer(
    text_data: &[&str],
    input_ready_event: &Event,
    stdin: &mut ChildStdin,
) -> std::io::Result<()> {
    for text in text_data {
        input_ready_event.wait().await;
        stdin.write_all(text.as_bytes()).await?;
        input_ready_event.clear();
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

    let input_ready_event = Event::new();

    let text_input = ["one\n", "two\n", "three\n", "four\n", "quit\n"];

    let (read, written, ended) = tokio::join!(
        output_consumer(&input_ready_event, &mut stdout),
        input_writer(&text_input, &input_ready_event, &mut stdin),
        process.wait()
    );
    read?;
    written?;
    ended?;
    Ok(())
}
