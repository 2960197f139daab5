//! Listing 6.8: MapReduce over a 1-gram file, the map step spread over a process pool.
//!
//! The Rust twin of `chapter_06/listing_6_8.py`. The lines of the file are cut into chunks of
//! 60,000; each chunk goes to a worker process, which counts the words in it (the map step);
//! the parent merges the counts (the reduce step), then prints how often `Aardvark` appeared
//! and how long it all took.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_8
//! cargo run --example listing_6_8 -- --file googlebooks-eng-all-1gram-20120701-a   # the real one
//! ```
//!
//! Expected output; the time depends on the machine and the build:
//! ```text
//! Aardvark has appeared 15209 times.
//! MapReduce took: [..] seconds
//! ```
//!
//! The book's file is not downloadable here: without `--file`, the listing counts a made-up
//! file of the same format, 2 million lines, written under `target/ngrams/` the first time,
//! where `Aardvark` appears as often as in the book's (`--lines` for another size; see
//! `chapter_06::ngrams`).
//!
//! Where Rust differs: `run_in_executor(pool, partial(map_frequencies, chunk))` is
//! `pool.submit(Job::MapFrequencies { chunk })` (`chapter_06::pool`): the chunk crosses to the
//! worker as JSON, where Python pickles it. That copying is the price of processes; in Rust,
//! threads share the file instead (`listing_6_9_rayon`, many times faster).

use std::path::PathBuf;
use std::time::Instant;

use chapter_06::listing_6_8::{Frequencies, map_frequencies, merge_dictionaries, partition};
use chapter_06::ngrams;
use chapter_06::pool::{self, ProcessPool};
use clap::Parser;
use serde::{Deserialize, Serialize};

/// Listing 6.8: MapReduce over a 1-gram file, the map step in a process pool
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    input: ngrams::Input,
}

/// `map_frequencies(chunk)`, as a job for the pool.
#[derive(Serialize, Deserialize)]
struct MapFrequencies {
    chunk: Vec<String>,
}

impl pool::Job for MapFrequencies {
    type Output = Result<Frequencies, String>;

    fn run(self) -> Self::Output {
        map_frequencies(&self.chunk)
    }
}

async fn main_task(
    path: PathBuf,
    partition_size: usize,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let contents = ngrams::read_lines(&path)?;
    let mut tasks = Vec::new();
    let start = Instant::now();
    let pool = ProcessPool::new()?;
    for chunk in partition(contents, partition_size) {
        tasks.push(pool.submit(MapFrequencies { chunk }));
    }

    let mut intermediate_results = Vec::with_capacity(tasks.len());
    for task in tasks {
        intermediate_results.push(task.await??);
    }
    let final_result = intermediate_results
        .into_iter()
        .reduce(merge_dictionaries)
        .unwrap_or_default();

    let aardvark = final_result
        .get("Aardvark")
        .ok_or_else(|| format!("Aardvark is not in {}", path.display()))?;
    println!("Aardvark has appeared {aardvark} times.");

    let end = start.elapsed();
    println!("MapReduce took: {:.4} seconds", end.as_secs_f64());
    Ok(())
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if pool::is_worker() {
        return Ok(pool::serve::<MapFrequencies>()?);
    }
    let path = Args::parse().input.path()?;
    util::run(main_task(path, 60_000))
}
