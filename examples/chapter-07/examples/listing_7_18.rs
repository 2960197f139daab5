//! Listing 7.18: the mean of each row of a large array, on one thread.
//!
//! The Rust twin of `chapter_07/listing_7_18.py`: the integers 0 to N - 1 in 50 rows, and the
//! mean of each row (`np.mean(matrix, axis=1)`); it prints the seconds the means took. The
//! baseline for Listing 7.19, which takes the rows' means in a thread pool.
//!
//! Run with:
//! ```text
//! cargo run --release --example listing_7_18
//! cargo run --release --example listing_7_18 -- --data-points 4000000000   # the book's 32 GB
//! ```
//!
//! Expected output, the seconds:
//! ```text
//! [..]
//! ```
//!
//! The book's array is 4,000,000,000 integers, 32 GB, which this machine (24 GiB) cannot hold.
//! The default is 400 million, 3.2 GB; `--data-points` takes any size, and one that does not
//! fit in the memory available is refused in one line (`chapter_07::matrix`).
//!
//! Where Rust differs: NumPy's `arange(..).reshape(50, -1)` is one `Vec<i64>` read in rows of
//! slices; the mean is a sum in 128 bits divided by the length, as NumPy's float mean gives.

use std::time::Instant;

use chapter_07::matrix::{self, Matrix};
use clap::Parser;
use util::py::PyFloat;

/// Listing 7.18: the mean of each row of a large array
#[derive(Parser)]
struct Args {
    /// How many integers (the book's 4,000,000,000 needs 32 GB)
    #[arg(long, default_value_t = matrix::DEFAULT_DATA_POINTS)]
    data_points: u64,
}

#[util::plain_main]
fn main() -> Result<(), String> {
    let matrix = Matrix::arange(Args::parse().data_points)?;

    let s = Instant::now();

    let res: Vec<f64> = (0..matrix.rows())
        .map(|row| matrix::mean(matrix.row(row)))
        .collect();
    std::hint::black_box(res);

    let e = s.elapsed();
    println!("{}", PyFloat(e.as_secs_f64()));
    Ok(())
}
