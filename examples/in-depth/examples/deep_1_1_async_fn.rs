//! Section 1.1: `async def` defines a coroutine *function*; calling it gives the coroutine.
//!
//! The Rust twin of the article's `read_data(db)` snippet, where `type(read_data)` is a function
//! and `type(read_data(db))` is a coroutine. In Rust, `async fn read_data` is an ordinary
//! function whose call returns an anonymous type implementing `Future`: the state machine the
//! compiler built from the body. Like a coroutine object, it does nothing until it is awaited.
//!
//! Run with:
//! ```text
//! cargo run --example deep_1_1_async_fn
//! ```
//!
//! Expected output (0 s):
//! ```text
//! read_data is a function: deep_1_1_async_fn::read_data
//! read_data(db) is a future: deep_1_1_async_fn::read_data::{{closure}}
//! queries run so far: 0
//! read_data(db).await returned: row 1
//! queries run so far: 1
//! ```
//!
//! Where Rust differs:
//! - Python names the type `coroutine`; Rust's is unnameable (`{{closure}}` in the printout is
//!   the compiler's name for the generated state machine). Code names it as `impl Future`.
//! - A coroutine that is never awaited gives a `RuntimeWarning` when it is collected. In Rust,
//!   dropping an unused future is a compile-time warning (`unused_must_use`).
//! - The article's aside about `async def` with `yield` (an async generator, Python 3.6+) has no
//!   stable Rust syntax: a `Stream` (futures / tokio-stream) plays that role.

use std::any::type_name_of_val;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Stands in for the article's `db`: it only counts the queries it was asked to run.
struct Db {
    queries: AtomicUsize,
}

impl Db {
    async fn fetch(&self, _sql: &str) -> String {
        let n = self.queries.fetch_add(1, Ordering::Relaxed) + 1;
        format!("row {n}")
    }
}

// An `async fn` may contain no `.await` at all, as an `async def` may contain no `await`.
// This one has one: the body runs only when the returned future is polled.
async fn read_data(db: &Db) -> String {
    db.fetch("SELECT ...").await
}

#[util::main]
async fn main() {
    let db = Db {
        queries: AtomicUsize::new(0),
    };
    println!("read_data is a function: {}", type_name_of_val(&read_data));

    let coro = read_data(&db);
    println!("read_data(db) is a future: {}", type_name_of_val(&coro));
    // Creating the future ran none of its body, exactly like creating a coroutine object.
    println!("queries run so far: {}", db.queries.load(Ordering::Relaxed));

    println!("read_data(db).await returned: {}", coro.await);
    println!("queries run so far: {}", db.queries.load(Ordering::Relaxed));
}
