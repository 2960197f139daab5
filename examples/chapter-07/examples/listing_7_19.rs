//! Listing 7.19: the mean of each row of a large array, each row in a thread pool.
//!
//! The Rust twin of `chapter_07/listing_7_19.py`. Each row's mean is a job for a thread of a
//! `ThreadPoolExecutor()`. NumPy lets go of the GIL while it adds, so in Python the rows are
//! summed on every CPU at once; in Rust they always are. Faster than Listing 7.18 on a machine
//! with more than one CPU, in both languages.
//!
//! Run with:
//! ```text
//! cargo run --release --example listing_7_19
//! cargo run --release --example listing_7_19 -- --data-points 4000000000   # the book's 32 GB
//! ```
//!
//! Expected output:
//! ```text
//! starting main with args ()
//! finished main in [..] second(s)
//! ```
//!
//! Where the book's program has a slip: `results = asyncio.gather(*tasks)` is never awaited,
//! which Python only gets away with because leaving the pool's `with` block waits for the jobs.
//! This one awaits the means, as the book meant. The array's size works as in Listing 7.18.
//!
//! Where Rust differs: the array is a global set once (`OnceLock`), as the book's is a module
//! global; each job borrows its row of it in place, with nothing copied.

use std::sync::OnceLock;

use chapter_07::executor::ThreadPoolExecutor;
use chapter_07::matrix::{self, Matrix};
use clap::Parser;
use futures::future::try_join_all;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Listing 7.19: the mean of each row of a large array, in a thread pool
#[derive(Parser)]
struct Args {
    /// How many integers (the book's 4,000,000,000 needs 32 GB)
    #[arg(long, default_value_t = matrix::DEFAULT_DATA_POINTS)]
    data_points: u64,
}

/// The book's module-level `matrix`, made before `main` runs.
static MATRIX: OnceLock<Matrix> = OnceLock::new();

fn mean_for_row(matrix: &Matrix, row: usize) -> f64 {
    matrix::mean(matrix.row(row))
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    let matrix = Matrix::arange(Args::parse().data_points)?;
    let _ = MATRIX.set(matrix);

    // The book's `main` coroutine, timed as it is; it reads the array made above.
    #[util::async_timed]
    async fn main() -> Result<(), BoxError> {
        let matrix = MATRIX.get().expect("made before main runs");
        let pool = ThreadPoolExecutor::with_default_workers()?;
        let mut tasks = Vec::new();
        for i in 0..matrix.rows() {
            tasks.push(pool.submit(move || mean_for_row(matrix, i)));
        }
        let results = try_join_all(tasks).await?;
        std::hint::black_box(results);
        Ok(())
    }
    util::run(main())
}
