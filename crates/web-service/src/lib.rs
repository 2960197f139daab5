//! The test web service of "Python async programming, the complete guide" and what its client
//! scripts share.
//!
//! - [`server`]: the twin of the guide's FastAPI `web.py` (`GET /` and `GET /random`, each
//!   answering after 1 s), as a function that serves a [`tokio::net::TcpListener`].
//! - [`client`]: one pooled HTTP client per script, the twin of `aiohttp.ClientSession`.
//! - [`cli`]: `--url`, `--workers`, and starting the service in-process when no `--url` is
//!   given, so that every example runs with a single `cargo run`.
//! - [`output`]: printing JSON and durations the way Python prints dicts and timedeltas.
//! - [`blocking`]: a deliberately blocking `GET`, for Listing 2.20.
//!
//! # The shared buffer of "Beginning Python programming, part 13"
//!
//! The article warns that tasks running in an executor are not thread-safe: one stores `42` in
//! a shared buffer, another replaces it with `"Hello"`, and the first then adds 1 to whatever
//! is there. Python lets you write that and fails (or silently misbehaves) at run time. Rust
//! refuses to compile it: two threads may not hold a mutable borrow of the same value, so this
//! does not build (error E0499, "cannot borrow `buffer` as mutable more than once"):
//!
//! ```compile_fail,E0499
//! enum Buffer {
//!     Int(i64),
//!     Text(String),
//! }
//!
//! let mut buffer = Buffer::Int(42);
//! std::thread::scope(|s| {
//!     s.spawn(|| buffer = Buffer::Text("Hello".into()));
//!     s.spawn(|| {
//!         if let Buffer::Int(n) = &mut buffer {
//!             *n += 1;
//!         }
//!     });
//! });
//! ```
//!
//! The version that compiles puts the buffer behind a `Mutex` (and an `Arc` to share it with
//! `'static` tasks such as `spawn_blocking`). Each task then sees a whole value, and the `enum`
//! makes it check which kind of value before adding to it. The `part13_shared_buffer` example
//! runs it:
//!
//! ```
//! use std::sync::{Arc, Mutex};
//!
//! #[derive(Debug, PartialEq)]
//! enum Buffer {
//!     Int(i64),
//!     Text(String),
//! }
//!
//! let buffer = Arc::new(Mutex::new(Buffer::Int(42)));
//! let writer = Arc::clone(&buffer);
//! std::thread::spawn(move || *writer.lock().unwrap() = Buffer::Text("Hello".into()))
//!     .join()
//!     .unwrap();
//! if let Buffer::Int(n) = &mut *buffer.lock().unwrap() {
//!     *n += 1;
//! }
//! assert_eq!(*buffer.lock().unwrap(), Buffer::Text("Hello".into()));
//! ```

pub mod blocking;
pub mod cli;
pub mod client;
pub mod output;
pub mod server;

pub use cli::{Args, Service};
pub use client::{Client, ClientError};
pub use output::{PyRepr, TimeDelta};
pub use server::{Config, bind, serve, tune_allocator_for_many_threads};

use std::fmt;

/// An error that is one readable line (a bad argument, a port already in use...). Its `Debug`
/// is its `Display`, because that is what `main` prints when it returns `Err`: the reader sees
/// `Error: --workers "many": not a valid value`, not a struct dump.
pub struct Message(pub String);

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Message {}
