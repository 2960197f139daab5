//! The array of Listings 7.18 and 7.19: `np.arange(data_points).reshape(rows, -1)`.
//!
//! The book's is 4,000,000,000 integers of 8 bytes, 32 GB, more than most machines hold (this
//! project's has 24 GiB). The listings take `--data-points`, default to a size that fits here
//! and runs in seconds, and refuse, in one line, a size the machine's memory cannot hold.

/// The book's size.
pub const BOOK_DATA_POINTS: u64 = 4_000_000_000;
/// The listings' default: 400 million integers, 3.2 GB.
pub const DEFAULT_DATA_POINTS: u64 = 400_000_000;
/// The book's rows.
pub const ROWS: usize = 50;

/// `np.arange(data_points).reshape(ROWS, -1)`, row after row in one allocation.
pub struct Matrix {
    values: Vec<i64>,
    columns: usize,
}

impl Matrix {
    /// The integers 0 to `data_points - 1` in [`ROWS`] rows (the last ones dropped if they do
    /// not fill a row, where NumPy would refuse the reshape).
    ///
    /// # Errors
    /// If the array would not fit in the memory the machine has available.
    pub fn arange(data_points: u64) -> Result<Self, String> {
        let bytes = data_points.saturating_mul(8);
        let available = available_memory();
        if available.is_some_and(|available| bytes > available) {
            return Err(format!(
                "{data_points} integers need {:.1} GB and this machine has {:.1} GB available: \
                 ask for fewer with --data-points",
                bytes as f64 / 1e9,
                available.unwrap_or(0) as f64 / 1e9
            ));
        }
        let columns = usize::try_from(data_points / ROWS as u64)
            .map_err(|_| format!("{data_points} integers do not fit in this machine's memory"))?;
        let total = i64::try_from(columns * ROWS).map_err(|e| e.to_string())?;
        Ok(Matrix {
            values: (0..total).collect(),
            columns,
        })
    }

    /// `matrix[row]`.
    pub fn row(&self, row: usize) -> &[i64] {
        &self.values[row * self.columns..(row + 1) * self.columns]
    }

    /// How many rows: [`ROWS`].
    pub fn rows(&self) -> usize {
        ROWS
    }
}

/// `np.mean(row)`: the mean of a row, summed in 128 bits so that no sum overflows.
pub fn mean(row: &[i64]) -> f64 {
    let sum: i128 = row.iter().map(|&value| i128::from(value)).sum();
    sum as f64 / row.len().max(1) as f64
}

/// `MemAvailable` of `/proc/meminfo` (Linux), in bytes.
fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kib: u64 = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemAvailable:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}
