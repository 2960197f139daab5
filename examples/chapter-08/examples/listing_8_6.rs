//! Listing 8.6: numbers read from standard input without blocking, each starting a delay.
//!
//! The Rust twin of `chapter_08/listing_8_6.py`, with Listing 8.5's `create_stdin_reader`
//! from the chapter's library (`examples/chapter-08/src/listing_8_5.rs`). Each line read
//! starts a task that sleeps that many seconds; while `main` awaits the next line, the loop
//! runs the tasks, so their lines appear while you type. Works in a terminal and with a pipe.
//!
//! Run with:
//! ```text
//! printf '2\n1\n' | cargo run --example listing_8_6
//! ```
//!
//! Expected output (2 s):
//! ```text
//! sleeping for 2 second(s)
//! sleeping for 1 second(s)
//! finished sleeping for 1 second(s)
//! finished sleeping for 2 second(s)
//! ```
//! In a terminal, type a number and Enter, and another before the first is done; Ctrl-D ends
//! the input, Ctrl-C the program.
//!
//! Where Rust differs: at the end of the input the book's `int(b'')` raises `ValueError`,
//! which ends the program and its delays with a traceback; here the end of the input ends
//! the reading, and the program waits for the delays it started, then exits. A line that is
//! not a number is an error, in one line, as `int()`'s; a line is at most 64 KiB, as
//! asyncio's `readline` allows. Standard input is read as the
//! library module explains, which leaves the terminal as it was.

use asyncio_blocks::readline;
use chapter_08::listing_8_5::create_stdin_reader;
use tokio::task::JoinSet;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[util::main]
async fn main() -> Result<(), BoxError> {
    let mut stdin_reader = create_stdin_reader();
    let mut delays = JoinSet::new();
    let mut delay_time = Vec::new();
    while readline(&mut stdin_reader, &mut delay_time).await? > 0 {
        let text = String::from_utf8_lossy(&delay_time);
        let seconds: u64 = text
            .trim()
            .parse()
            .map_err(|_| format!("not a number of seconds: {:?}", text.trim_end()))?;
        delays.spawn(util::delay(seconds));
        delay_time.clear();
    }
    delays.join_all().await;
    Ok(())
}
