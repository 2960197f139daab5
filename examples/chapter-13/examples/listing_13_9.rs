//! Listing 13.9: a program that asks for input, the child of Listing 13.10.
//!
//! The Rust twin of `chapter_13/listing_13_9.py`: it asks for a user name, reads one line from
//! stdin and says it back.
//!
//! Run with:
//! ```text
//! echo Zoot | cargo run --example listing_13_9
//! ```
//!
//! Expected output, where the prompt and the answer share a line: the name typed, or piped,
//! is not echoed back by the program:
//! ```text
//! Please enter a username: Your username is Zoot
//! ```
//!
//! Where Rust differs: Python's `input()` is `chapter_13::children::input`, which flushes the
//! prompt before it reads (Rust's stdout writes a line when it ends, and a prompt does not end
//! in a newline). The body is `chapter_13::children::ask_username`, which Listing 13.10 runs
//! when it starts itself as this child.

#[util::plain_main]
fn main() -> std::io::Result<()> {
    chapter_13::children::ask_username()
}
