//! Listing 6.3: a process pool runs two calls at once; `get()` waits for each result.
//!
//! The Rust twin of `chapter_06/listing_6_3.py`. As Listing 6.2, but `apply_async` queues the
//! call and returns at once, so both calls run at the same time on two workers; `get()` then
//! waits for a result.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_3
//! ```
//!
//! Expected output:
//! ```text
//! Hi there, Jeff
//! Hi there, John
//! ```
//!
//! Where Rust differs: `apply_async` is the pool's `submit`, which returns an `AsyncResult`;
//! `get()` blocks the thread until the worker answers, as Python's does. The jobs are values
//! sent to the workers as JSON (see Listing 6.2 and `chapter_06::pool`).

use chapter_06::pool::{self, Job, ProcessPool};
use serde::{Deserialize, Serialize};

fn say_hello(name: &str) -> String {
    format!("Hi there, {name}")
}

/// `say_hello(name)`, as a job for the pool.
#[derive(Serialize, Deserialize)]
struct SayHello {
    name: String,
}

impl Job for SayHello {
    type Output = String;

    fn run(self) -> String {
        say_hello(&self.name)
    }
}

#[util::plain_main]
fn main() -> std::io::Result<()> {
    if pool::is_worker() {
        return pool::serve::<SayHello>();
    }
    let process_pool = ProcessPool::new()?;
    let hi_jeff = process_pool.submit(SayHello {
        name: "Jeff".into(),
    });
    let hi_john = process_pool.submit(SayHello {
        name: "John".into(),
    });
    println!("{}", hi_jeff.get()?);
    println!("{}", hi_john.get()?);
    Ok(())
}
