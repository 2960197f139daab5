//! Listing 6.13: a process pool whose workers share a number, handed over by an initializer.
//!
//! The Rust twin of `chapter_06/listing_6_13.py`. The parent makes a shared float at 0; the
//! pool runs an initializer in each worker as it starts, which keeps the shared number in a
//! global; a job then increments it under its lock, and the parent sees the new value.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_13
//! ```
//!
//! Expected output:
//! ```text
//! 1.0
//! ```
//!
//! Where Rust differs: `ProcessPoolExecutor(initializer=init, initargs=(counter,))` is
//! `ProcessPool::with_initializer(&Job::Init { .. })`, a job each worker runs first; it carries
//! the shared number's handle, where Python pickles the `Value`. The global is a `OnceLock`,
//! set once by the initializer. `Value('d', 0)` is `Value<f64>`, printed as Python prints it.

use std::sync::OnceLock;

use chapter_06::pool::{self, ProcessPool};
use chapter_06::shared::Value;
use serde::{Deserialize, Serialize};
use util::py::PyFloat;

/// The worker's shared counter, once `init` has run.
static SHARED_COUNTER: OnceLock<Value<f64>> = OnceLock::new();

fn init(counter: Value<f64>) {
    // Each worker runs its initializer once, so the lock is never set twice.
    let _ = SHARED_COUNTER.set(counter);
}

fn increment() {
    let shared_counter = SHARED_COUNTER.get().expect("the initializer ran first");
    let _lock = shared_counter.get_lock();
    shared_counter.set_value(shared_counter.value() + 1.0);
}

/// The pool's calls: the initializer, with the counter's handle, and `increment`.
#[derive(Serialize, Deserialize)]
enum Job {
    Init { counter: String },
    Increment,
}

impl pool::Job for Job {
    type Output = Result<(), String>;

    fn run(self) -> Result<(), String> {
        match self {
            Job::Init { counter } => init(Value::open(&counter).map_err(|e| e.to_string())?),
            Job::Increment => increment(),
        }
        Ok(())
    }
}

async fn main_task() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let counter = Value::new(0.0)?;
    let pool = ProcessPool::with_initializer(&Job::Init {
        counter: counter.handle().to_owned(),
    })?;
    pool.submit(Job::Increment).await??;
    println!("{}", PyFloat(counter.value()));
    Ok(())
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if pool::is_worker() {
        return Ok(pool::serve::<Job>()?);
    }
    util::run(main_task())
}
