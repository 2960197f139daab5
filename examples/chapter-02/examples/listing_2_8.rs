//! Listing 2.8: creating a task.
//!
//! The Rust twin of `chapter_02/listing_2_8.py`. `tokio::spawn` is `asyncio.create_task`: it
//! hands the future to the runtime and returns at once with a handle to the task.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_8
//! ```
//!
//! Expected output (3 s):
//! ```text
//! tokio::runtime::task::join::JoinHandle<u64>
//! sleeping for 3 second(s)
//! finished sleeping for 3 second(s)
//! 3
//! ```
//!
//! Where Python prints `<class '_asyncio.Task'>`, Rust prints the type of what `spawn` returned:
//! a `JoinHandle<u64>`, a handle to the task rather than the task itself (the runtime owns the
//! task). The type line comes first because the task, though scheduled, only starts when `main`
//! yields at its `.await`, as in asyncio. On a multi-thread runtime a worker thread could start
//! it at once, and `sleeping for 3 second(s)` could come first.
//!
//! The book warns that a task never awaited is stopped when `asyncio.run` closes the loop. The
//! same happens here when `main` returns and the runtime is dropped. But dropping a
//! `JoinHandle` early does not cancel anything: the task runs on, detached.

use std::any::type_name_of_val;

use util::delay;

#[util::main]
async fn main() -> Result<(), tokio::task::JoinError> {
    let sleep_for_three = tokio::spawn(delay(3));
    println!("{}", type_name_of_val(&sleep_for_three));
    // `Err` here would mean the task panicked or was aborted.
    let result = sleep_for_three.await?;
    println!("{result}");
    Ok(())
}
