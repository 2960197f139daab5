//! Chapter 6's own modules: what its listings share, and what Python has and Rust does not.
//!
//! - [`pool`]: a process pool, `multiprocessing.Pool` and `ProcessPoolExecutor`.
//! - [`shared`]: `multiprocessing.Value` and `Array`, numbers in memory shared by processes.
//! - [`start_line`]: a moment for child processes to start together, for 6.11's race.
//! - [`listing_6_8`]: the map and reduce steps that Listings 6.9 and 6.14 import from 6.8.
//! - [`ngrams`]: a generated file in the format of the Google Books 1-grams the book counts.

pub mod listing_6_8;
pub mod ngrams;
pub mod pool;
pub mod shared;
pub mod start_line;
