//! Listing 8.10: a terminal application that shows delays starting and finishing at the top
//! while you type at the bottom.
//!
//! The Rust twin of `chapter_08/listing_8_10.py`, from the chapter's library pieces: Listing
//! 8.5's stdin reader, 8.7's cursor moves, 8.8's line editor and 8.9's message store
//! (`examples/chapter-08/src/`). Type a number of seconds and Enter: `Starting delay N` appears
//! at the top, and `Finished delay N` below it N seconds later, while what you type stays on
//! the bottom row. The top keeps the latest messages, as many as there are rows above the
//! input row. Ctrl-C ends it.
//!
//! Run with:
//! ```text
//! cargo run --example listing_8_10                # in a terminal
//! ```
//!
//! Expected output: nothing on stdout until you type; typing `2`, Enter, `1`, Enter shows, at
//! the top of the cleared screen,
//! ```text
//! Starting delay 2
//! Starting delay 1
//! Finished delay 1
//! Finished delay 2
//! ```
//! Run from a pipe, it says `Error: this program needs a terminal, and standard input is not
//! one ([..])` and exits with status 1.
//!
//! Where Rust differs:
//! - The terminal is given back as it was (the library's `Cbreak` guard) however the program
//!   ends: Ctrl-C, an error, a panic. The book's stays in cbreak mode, so the shell shows
//!   nothing typed until `reset`.
//! - The book's `int(line)` ends the program on a line that is not a number; here the message
//!   area says so, and the program goes on. The screen is cleared with its escape sequence,
//!   not by running `clear`.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::sync::Arc;
use std::time::Duration;

use chapter_08::listing_8_5::create_stdin_reader;
use chapter_08::listing_8_7::move_to_bottom_of_screen;
use chapter_08::listing_8_8::read_line;
use chapter_08::listing_8_9::MessageStore;
use chapter_08::terminal::{Cbreak, clear_screen, redraw_output};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

async fn sleep<F: Fn(&VecDeque<String>)>(delay: u64, message_store: Arc<MessageStore<F>>) {
    message_store.append(format!("Starting delay {delay}"));
    tokio::time::sleep(Duration::from_secs(delay)).await;
    message_store.append(format!("Finished delay {delay}"));
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let _cbreak = Cbreak::enable()?;
    clear_screen()?;
    let mut out = io::stdout();
    let rows = move_to_bottom_of_screen(&mut out)?;
    out.flush()?;

    let messages = Arc::new(MessageStore::new(redraw_output, usize::from(rows - 1)));
    let mut stdin_reader = create_stdin_reader();

    let read_delays = async {
        while let Some(line) = read_line(&mut stdin_reader).await? {
            match line.trim().parse() {
                Ok(delay_time) => drop(tokio::spawn(sleep(delay_time, Arc::clone(&messages)))),
                Err(_) => messages.append(format!("Not a number of seconds: {line:?}")),
            }
        }
        Ok::<_, io::Error>(())
    };
    // Ctrl-C ends the program by returning, so that `_cbreak` gives the terminal back.
    tokio::select! {
        read = read_delays => read?,
        () = serve::stop_requested() => {}
    }
    Ok(())
}
