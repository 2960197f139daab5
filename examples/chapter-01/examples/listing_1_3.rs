//! Listing 1.3: starting a second thread.
//!
//! The Rust twin of `chapter_01/listing_1_3.py`. `threading.Thread(target=...).start()` is
//! `std::thread::spawn`; `join()` is `JoinHandle::join`.
//!
//! Run with:
//! ```text
//! cargo run --example listing_1_3
//! ```
//!
//! Expected output, where the two threads race: the hello line can come first or second, and
//! the count is 2 while the hello thread is still alive, 1 if it has already finished:
//! ```text
//! Hello from thread Thread { id: ThreadId(2), name: Some("hello_from_thread"), .. }!
//! Rust is currently running 2 thread(s)
//! The current thread is main
//! ```
//!
//! Where Rust differs: a thread prints as its `Debug` form (Python prints
//! `<Thread(Thread-1 (hello_from_thread), started 1400...)>`), and gets a name only if it is
//! given one; we name it after its function, as Python does. The thread count comes from
//! `/proc/self/task` (Linux), as in Listing 1.2.

use std::thread;

fn hello_from_thread() {
    println!("Hello from thread {:?}!", thread::current());
}

#[util::plain_main]
fn main() -> std::io::Result<()> {
    let hello_thread = thread::Builder::new()
        .name("hello_from_thread".into())
        .spawn(hello_from_thread)?;

    let total_threads = std::fs::read_dir("/proc/self/task")?.count();
    let current = thread::current();
    let thread_name = current.name().unwrap_or("<unnamed>");

    println!("Rust is currently running {total_threads} thread(s)");
    println!("The current thread is {thread_name}");

    hello_thread
        .join()
        .map_err(|_| std::io::Error::other("the hello thread panicked"))
}
