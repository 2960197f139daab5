//! Listing 1.2: a process, its id, and its threads.
//!
//! The Rust twin of `chapter_01/listing_1_2.py`. A program starts as one process with one
//! thread, the main thread.
//!
//! Run with:
//! ```text
//! cargo run --example listing_1_2
//! ```
//!
//! Expected output:
//! ```text
//! Rust process running with process id: [..]
//! Rust is currently running 1 thread(s)
//! The current thread is main
//! ```
//!
//! Where Rust differs: the main thread is called `main` (Python's is `MainThread`). The
//! standard library cannot count a process's threads (`threading.active_count()` counts the
//! ones Python started); on Linux the kernel lists them in `/proc/self/task`, one folder each.

#[util::plain_main]
fn main() -> std::io::Result<()> {
    println!(
        "Rust process running with process id: {}",
        std::process::id()
    );

    let total_threads = std::fs::read_dir("/proc/self/task")?.count();
    let current = std::thread::current();
    let thread_name = current.name().unwrap_or("<unnamed>");

    println!("Rust is currently running {total_threads} thread(s)");
    println!("The current thread is {thread_name}");
    Ok(())
}
