//! Listing 13.11: an echo program that runs until it reads `quit`.
//!
//! The Rust twin of `chapter_13/listing_13_11.py`. The book shows it as a child program to
//! feed from a parent, and goes on with Listing 13.13, its variant with random repeats; no
//! listing starts this one. It runs on its own, at a terminal or from a pipe.
//!
//! Run with:
//! ```text
//! printf 'hello\nquit\n' | cargo run --example listing_13_11
//! ```
//!
//! Expected output, where the input is not shown: a pipe does not echo what it carries, as a
//! terminal does:
//! ```text
//! Enter text to echo: hello
//! Enter text to echo: quit
//! ```
//!
//! Where Rust differs: Python's `input()` is `chapter_13::children::input`, which flushes the
//! prompt before it reads; the end of input before `quit` ends the program with an error, as
//! Python's `EOFError` does. The body is `chapter_13::children::echo_until_quit`.

#[util::plain_main]
fn main() -> std::io::Result<()> {
    chapter_13::children::echo_until_quit()
}
