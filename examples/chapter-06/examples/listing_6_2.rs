//! Listing 6.2: a process pool runs a function and hands back its result.
//!
//! The Rust twin of `chapter_06/listing_6_2.py`. A pool of worker processes (one per CPU)
//! says hello to Jeff, then to John; `apply` waits for each result before it returns.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_2
//! ```
//!
//! Expected output:
//! ```text
//! Hi there, Jeff
//! Hi there, John
//! ```
//!
//! Where Rust differs: a process cannot be sent a Rust function, so the pool
//! (`chapter_06::pool`) runs *jobs*: a value that names the call and carries its arguments
//! (`SayHello { name }`), sent to a worker as JSON, run there, and answered the same way, as
//! Python pickles the function's name and arguments. The workers are this program started
//! again; the first line of `main` makes them serve jobs, the part Python's
//! `if __name__ == "__main__":` plays. In Rust a thread would do this work (no GIL).

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
    let hi_jeff = process_pool.apply(SayHello {
        name: "Jeff".into(),
    })?;
    let hi_john = process_pool.apply(SayHello {
        name: "John".into(),
    })?;
    println!("{hi_jeff}");
    println!("{hi_john}");
    Ok(())
}
