//! Listing 8.4: reading the keyboard with a blocking call starves the event loop.
//!
//! The Rust twin of `chapter_08/listing_8_4.py`. Each number typed starts a task that would
//! sleep that many seconds and say so, but the tasks never run: `main` never awaits. It waits
//! for the keyboard inside `stdin().read_line`, a blocking call, so the loop's only thread is
//! busy in `main`, and a task only runs when the task on the thread gives it back. That is
//! the lesson: no `sleeping for ...` line, however long you wait. Ctrl-C ends it.
//!
//! Run with:
//! ```text
//! printf '2\n1\n' | cargo run --example listing_8_4
//! ```
//!
//! Expected output:
//! ```text
//! Enter a time to sleep:Enter a time to sleep:Enter a time to sleep:
//! ```
//! Expected stderr, and exit status 1:
//! ```text
//! Error: EOF when reading a line
//! ```
//! Typed in a terminal, the prompt comes back after each number, and nothing else happens.
//! At the end of the input the program ends as Python's `input()` does, with `EOFError`'s
//! message; the tasks, which never ran, are dropped with the runtime.
//!
//! Where Rust differs: `asyncio.create_task` is `tokio::spawn`. On this single-threaded
//! runtime the tasks starve as in Python; on a multi-threaded one, other threads would run
//! them, and the blocking call would only cost one of them.

use std::io::{self, BufRead, Write};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Python's `input(prompt)`: blocks the thread until a line is typed.
fn input(prompt: &str) -> Result<String, BoxError> {
    let mut out = io::stdout().lock();
    out.write_all(prompt.as_bytes())?;
    out.flush()?;
    let mut line = String::new();
    if io::stdin().lock().read_line(&mut line)? == 0 {
        return Err("EOF when reading a line".into());
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    loop {
        let delay_time = input("Enter a time to sleep:")?;
        let seconds: u64 = delay_time
            .trim()
            .parse()
            .map_err(|_| format!("not a number of seconds: {delay_time:?}"))?;
        tokio::spawn(util::delay(seconds));
    }
}
