//! Listing 6.9: MapReduce over a 1-gram file, with the reduce step in the process pool too.
//!
//! The Rust twin of `chapter_06/listing_6_9.py`. As Listing 6.8, but the merging of the
//! chunks' counts also runs in the pool: the counts are cut into groups of 500, each group is
//! merged by a worker, and so on until one count is left.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_9
//! cargo run --release --example listing_6_9 -- --file googlebooks-eng-all-1gram-20120701-a
//! ```
//!
//! Expected output; the time depends on the machine and the build:
//! ```text
//! Aardvark has appeared 15209 times.
//! MapReduce took: [..] seconds
//! ```
//!
//! Without `--file`, the listing counts the made-up file of Listing 6.8's twin (2 million
//! lines, `--lines` for another size). With the book's file, 1,444 chunks make 3 groups of
//! counts to merge, then one; with 2 million lines, 34 chunks make a single group.
//!
//! Where Rust differs: the map and the reduce are two kinds of job for the same pool, one
//! enum (`chapter_06::pool`); every chunk of lines and every count crosses between the
//! processes as JSON. `listing_6_9_rayon` is what a Rust programmer writes instead: threads
//! over the file itself, with nothing copied between them.

use std::path::PathBuf;
use std::time::Instant;

use chapter_06::listing_6_8::{Frequencies, map_frequencies, merge_dictionaries, partition};
use chapter_06::ngrams;
use chapter_06::pool::{self, ProcessPool};
use clap::Parser;
use serde::{Deserialize, Serialize};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Listing 6.9: MapReduce over a 1-gram file, map and reduce in a process pool
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    input: ngrams::Input,
}

/// The pool's two calls: `map_frequencies(chunk)`, and `reduce(merge_dictionaries, counters)`.
#[derive(Serialize, Deserialize)]
enum Job {
    MapFrequencies { chunk: Vec<String> },
    Reduce { counters: Vec<Frequencies> },
}

impl pool::Job for Job {
    type Output = Result<Frequencies, String>;

    fn run(self) -> Self::Output {
        match self {
            Job::MapFrequencies { chunk } => map_frequencies(&chunk),
            Job::Reduce { counters } => Ok(counters
                .into_iter()
                .reduce(merge_dictionaries)
                .unwrap_or_default()),
        }
    }
}

async fn reduce(
    pool: &ProcessPool<Job>,
    counters: Vec<Frequencies>,
    chunk_size: usize,
) -> Result<Frequencies, BoxError> {
    let mut chunks: Vec<Vec<Frequencies>> = partition(counters, chunk_size).collect();
    while chunks.first().is_some_and(|chunk| chunk.len() > 1) {
        let mut reducers = Vec::with_capacity(chunks.len());
        for chunk in chunks {
            reducers.push(pool.submit(Job::Reduce { counters: chunk }));
        }
        let mut reducer_chunks = Vec::with_capacity(reducers.len());
        for reducer in reducers {
            reducer_chunks.push(reducer.await??);
        }
        chunks = partition(reducer_chunks, chunk_size).collect();
    }
    let mut last = chunks.into_iter().flatten();
    Ok(last.next().unwrap_or_default())
}

async fn main_task(path: PathBuf, partition_size: usize) -> Result<(), BoxError> {
    let contents = ngrams::read_lines(&path)?;
    let mut tasks = Vec::new();
    let pool = ProcessPool::new()?;
    let start = Instant::now();

    for chunk in partition(contents, partition_size) {
        tasks.push(pool.submit(Job::MapFrequencies { chunk }));
    }

    let mut intermediate_results = Vec::with_capacity(tasks.len());
    for task in tasks {
        intermediate_results.push(task.await??);
    }
    let final_result = reduce(&pool, intermediate_results, 500).await?;

    let aardvark = final_result
        .get("Aardvark")
        .ok_or_else(|| format!("Aardvark is not in {}", path.display()))?;
    println!("Aardvark has appeared {aardvark} times.");

    let end = start.elapsed();
    println!("MapReduce took: {:.4} seconds", end.as_secs_f64());
    Ok(())
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    if pool::is_worker() {
        return Ok(pool::serve::<Job>()?);
    }
    let path = Args::parse().input.path()?;
    util::run(main_task(path, 60_000))
}
