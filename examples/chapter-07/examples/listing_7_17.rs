//! Listing 7.17: hashing 10,000 passwords with scrypt in a thread pool.
//!
//! The Rust twin of `chapter_07/listing_7_17.py`. Each hash goes to a thread of a
//! `ThreadPoolExecutor()` through `run_in_executor`. In Python this is faster than Listing 7.16
//! because `hashlib.scrypt` lets go of the GIL while it hashes, so the threads hash on every
//! CPU at once: about twice as fast on our two. Rust has no GIL: its threads always run in
//! parallel, and the pool takes about half of 7.16's time here too (the hashing itself is
//! OpenSSL's C in Python and a little slower in RustCrypto's Rust; see below).
//!
//! Run with:
//! ```text
//! cargo run --release --example listing_7_17
//! cargo run --example listing_7_17 -- --passwords 100
//! ```
//!
//! Expected output:
//! ```text
//! starting main with args ()
//! finished main in [..] second(s)
//! ```
//!
//! Where Rust differs: leaving `with ThreadPoolExecutor() as pool:` waits for the jobs, before
//! the `gather`; here the pool is dropped at the same place, which waits the same way.
//! `docs/rust-vs-python.md` measures both languages on the same machine.

use std::sync::OnceLock;

use chapter_07::executor::ThreadPoolExecutor;
use chapter_07::passwords::{hash, random_password};
use clap::Parser;
use futures::future::try_join_all;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Listing 7.17: scrypt over many passwords, in a thread pool
#[derive(Parser)]
struct Args {
    /// How many passwords (the book's 10,000)
    #[arg(long, default_value_t = 10_000)]
    passwords: usize,
}

/// The book's module-level `passwords`, made before `main` runs.
static PASSWORDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    let count = Args::parse().passwords;
    let _ = PASSWORDS.set((0..count).map(|_| random_password(10)).collect());

    // The book's `main` coroutine, timed as it is; it hashes the passwords made above.
    #[util::async_timed]
    async fn main() -> Result<(), BoxError> {
        let passwords = PASSWORDS.get().expect("made before main runs");
        let mut tasks = Vec::new();

        let pool = ThreadPoolExecutor::with_default_workers()?;
        for password in passwords {
            tasks.push(pool.submit(move || hash(password)));
        }
        drop(pool);

        try_join_all(tasks).await?;
        Ok(())
    }
    util::run(main())
}
