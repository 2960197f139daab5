//! The book's child programs (Listings 13.4, 13.9, 13.11 and 13.13), for the parents that
//! start them.
//!
//! The book's parents start `python3 listing_13_4.py`. A Rust program is no file to hand to an
//! interpreter, and `cargo run --example listing_13_5` builds that one example only, so each
//! parent starts *itself* again with `--child` (as Listing 1.4 does), and that run calls the
//! function here. Each child is also an example of its own, which calls the same function.
//! They are plain blocking programs, as the book's are: no event loop, no runtime.

use std::io::{self, BufWriter, Write};
use std::time::Duration;

use rand::{Rng, RngExt};

/// Listing 13.4: writes `Hello there!!` and a newline `lines` times (the book: a million, or
/// 14 MB), through an 8 KiB buffer as Python's `sys.stdout.buffer` does, then flushes.
///
/// # Errors
/// If stdout is closed or a write fails.
pub fn hello_there(lines: u64) -> io::Result<()> {
    let mut stdout = BufWriter::with_capacity(8 * 1024, io::stdout().lock());
    for _ in 0..lines {
        stdout.write_all(b"Hello there!!\n")?;
    }
    stdout.flush()
}

/// Listing 13.9: asks for a user name, reads it from stdin and says it back.
///
/// # Errors
/// If stdin ends before a name comes (Python's `EOFError`), or stdout is closed.
pub fn ask_username() -> io::Result<()> {
    let username = input("Please enter a username: ")?;
    println!("Your username is {username}");
    Ok(())
}

/// Listing 13.11: echoes each line it reads, until the line `quit`.
///
/// # Errors
/// As [`ask_username`].
pub fn echo_until_quit() -> io::Result<()> {
    let mut user_input = String::new();
    while user_input != "quit" {
        user_input = input("Enter text to echo: ")?;
        println!("{user_input}");
    }
    Ok(())
}

/// Listing 13.13: echoes each line it reads a random number of times (0 to 9), half a second
/// apart, until the line `quit`.
///
/// # Errors
/// As [`ask_username`].
pub fn echo_randomly(random: &mut impl Rng) -> io::Result<()> {
    let mut user_input = String::new();
    while user_input != "quit" {
        user_input = input("Enter text to echo: ")?;
        for _ in 0..random.random_range(0..10) {
            std::thread::sleep(Duration::from_millis(500));
            println!("{user_input}");
        }
    }
    Ok(())
}

/// Python's `input(prompt)`: writes the prompt and flushes it (it ends without a newline, so
/// a line-buffered stdout would keep it), then reads one line and returns it without its
/// newline. The end of input before any text is an error, as Python's `EOFError`.
///
/// # Errors
/// At the end of input, or if stdin or stdout fails.
pub fn input(prompt: &str) -> io::Result<String> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(prompt.as_bytes())?;
    stdout.flush()?;
    let mut line = String::new();
    if io::stdin().read_line(&mut line)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "EOF when reading a line",
        ));
    }
    if line.ends_with('\n') {
        line.pop();
    }
    Ok(line)
}
