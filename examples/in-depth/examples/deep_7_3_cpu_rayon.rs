//! Section 7.3: CPU-bound work off the event loop (`run_in_executor(ProcessPoolExecutor())`).
//!
//! The article's `compute_some_thing(numbers)` takes square roots, standing in for heavy
//! computation, and runs in a process pool so that it uses other cores despite the GIL.
//!
//! Run with:
//! ```text
//! cargo run --example deep_7_3_cpu_rayon
//! ```
//!
//! Expected output:
//! ```text
//! Custom computation results: [0.0, 1.0, 1.4142135623730951, 1.7320508075688772, 2.0, 2.23606797749979, 2.449489742783178, 2.6457513110645907, 2.8284271247461903, 3.0]
//! ```
//!
//! Where Rust differs:
//! - Rust has no GIL: threads run Rust code on all cores at once, so the process pool's reason
//!   to exist is gone. CPU work goes to `rayon`'s pool of threads (one per core), which splits
//!   `par_iter()` across them. No pickling, no new interpreters, and the data is shared.
//! - The job must not run on the runtime's thread (that would stall every task) nor make the
//!   task wait by blocking: `rayon::spawn` runs it on the pool and a `oneshot` channel carries
//!   the answer back to the awaiting task.
//! - When processes really are the point (isolation, another program), see
//!   `deep_7_3_subprocess`.

use rayon::prelude::*;
use tokio::sync::oneshot;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn compute_some_thing(numbers: Vec<u32>) -> Vec<f64> {
    numbers
        .into_par_iter()
        .map(|n| f64::from(n).sqrt())
        .collect()
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let numbers: Vec<u32> = (0..10).collect();
    let (tx, rx) = oneshot::channel();
    rayon::spawn(move || {
        // The receiver only goes away if `main` stopped waiting; then the result is unwanted.
        let _ = tx.send(compute_some_thing(numbers));
    });
    let result = rx.await?;
    println!("Custom computation results: {result:?}");
    Ok(())
}
