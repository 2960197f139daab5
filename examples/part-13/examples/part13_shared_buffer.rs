//! "Beginning Python programming, part 13": the shared-buffer warning, and the version that is
//! safe.
//!
//! The article warns that tasks are not thread-safe: one task stores `42` in a shared buffer,
//! another replaces it with `"Hello"`, and the first then adds 1 to the buffer. In Python that
//! is a run-time surprise. In Rust the unsynchronised version does not compile: two threads
//! may not hold a mutable borrow of the same value (error E0499, "cannot borrow `buffer` as
//! mutable more than once at a time"; a test compiles this block to check that it still fails):
//!
//! ```rust,compile_fail
//! let mut buffer = Buffer::Int(42);
//! std::thread::scope(|s| {
//!     s.spawn(|| buffer = Buffer::Text("Hello".into()));
//!     s.spawn(|| if let Buffer::Int(n) = &mut buffer { *n += 1 });
//! });
//! ```
//!
//! This is the version that compiles: the
//! buffer sits in a `Mutex`, shared through an `Arc`, and the value is an `enum`, so "add 1"
//! has to say what it does when the buffer holds text.
//!
//! Run with:
//! ```text
//! cargo run --example part13_shared_buffer
//! ```
//!
//! Expected output (0 s):
//! ```text
//! task 1 stored Int(42)
//! task 2 stored Text("Hello")
//! task 1 cannot add 1 to the text "Hello"
//! buffer at the end: Text("Hello")
//! ```
//!
//! Where Rust differs: the order of the steps is forced here with a channel, to show the
//! article's unlucky interleaving every time. With the `Mutex` alone each step still sees a
//! whole value, but which task goes first would be up to the scheduler.

use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

#[derive(Debug)]
enum Buffer {
    Int(i64),
    Text(String),
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let buffer = Arc::new(Mutex::new(Buffer::Int(0)));
    let (stored_42, wait_for_42) = oneshot::channel();
    let (stored_hello, wait_for_hello) = oneshot::channel();

    let first = {
        let buffer = Arc::clone(&buffer);
        tokio::task::spawn_blocking(move || {
            *buffer.lock().expect("no task panics holding the lock") = Buffer::Int(42);
            println!("task 1 stored Int(42)");
            let _ = stored_42.send(());
            // Let task 2 run, then try to add 1.
            let _ = wait_for_hello.blocking_recv();
            let mut buffer = buffer.lock().expect("no task panics holding the lock");
            match &mut *buffer {
                Buffer::Int(n) => *n += 1,
                Buffer::Text(text) => println!("task 1 cannot add 1 to the text {text:?}"),
            }
        })
    };
    let second = {
        let buffer = Arc::clone(&buffer);
        tokio::task::spawn_blocking(move || {
            let _ = wait_for_42.blocking_recv();
            *buffer.lock().expect("no task panics holding the lock") = Buffer::Text("Hello".into());
            println!("task 2 stored Text(\"Hello\")");
            let _ = stored_hello.send(());
        })
    };
    first.await?;
    second.await?;
    println!(
        "buffer at the end: {:?}",
        buffer.lock().expect("no task panics holding the lock")
    );
    Ok(())
}
