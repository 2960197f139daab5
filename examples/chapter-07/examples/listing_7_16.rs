//! Listing 7.16: hashing 10,000 passwords with scrypt, one after the other.
//!
//! The Rust twin of `chapter_07/listing_7_16.py`: the book's scrypt parameters (n = 2048, r = 8,
//! p = 1, a 64-byte key, a random 16-byte salt each), on one thread; it prints the seconds the
//! hashing took. The baseline for Listing 7.17, which hashes in a thread pool.
//!
//! Run with:
//! ```text
//! cargo run --release --example listing_7_16
//! cargo run --example listing_7_16 -- --passwords 100
//! ```
//!
//! Expected output, the seconds: about 45 s in a release build here, where the book's Python
//! takes 35 s, its `hashlib` calling OpenSSL's scrypt (C against Rust, not Python against
//! Rust). A debug build is some twenty-five times slower: ask for fewer passwords.
//! ```text
//! [..]
//! ```
//!
//! Where the book's program has a bug: its `random_password` makes runs of zero bytes, not
//! letters (`bytes(97)` is 97 zeros); this makes the ten random letters it meant
//! (`chapter_07::passwords`). scrypt costs the same for any password, so the time is the
//! book's. Where Rust differs: `hashlib.scrypt` is RustCrypto's `scrypt` crate.

use std::time::Instant;

use chapter_07::passwords::{hash, random_password};
use clap::Parser;
use util::py::PyFloat;

/// Listing 7.16: scrypt over many passwords, in sequence
#[derive(Parser)]
struct Args {
    /// How many passwords (the book's 10,000)
    #[arg(long, default_value_t = 10_000)]
    passwords: usize,
}

#[util::plain_main]
fn main() {
    let passwords: Vec<Vec<u8>> = (0..Args::parse().passwords)
        .map(|_| random_password(10))
        .collect();

    let start = Instant::now();

    for password in &passwords {
        hash(password);
    }

    let end = start.elapsed();
    println!("{}", PyFloat(end.as_secs_f64()));
}
