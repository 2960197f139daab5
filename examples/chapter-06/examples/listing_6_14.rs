//! Listing 6.14: MapReduce over a 1-gram file, with a progress reporter on the event loop.
//!
//! The Rust twin of `chapter_06/listing_6_14.py`. As Listing 6.8, and each worker adds one to
//! a shared counter when it finishes a chunk; a task on the event loop reads the counter once a
//! second and prints how many of the map operations are done, while the loop waits for them.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_14
//! ```
//!
//! Expected output; how many progress lines, and their counts, depend on the machine and the
//! build: a fast one finishes before the reporter looks a second time.
//! ```text
//! Finished 0/33 map operations
//! ...
//! Aardvark has appeared 15209 times.
//! ```
//!
//! Without `--file`, the listing counts the made-up file of Listing 6.8's twin (2 million lines
//! make 34 chunks, of which the book's `len(contents) // partition_size` counts 33: the
//! reporter stops once 33 are done). `--file PATH` counts the book's file: 1,444 chunks, of which the reporter counts 1,443.
//!
//! Where Rust differs: the shared counter is a `Value<i32>` (`chapter_06::shared`) that the
//! pool's initializer hands to each worker; Python's `global map_progress` is a `OnceLock`,
//! set by the initializer in a worker and by `main` in the parent, so that the reporter reads
//! it as Python's does.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use chapter_06::listing_6_8::{self, Frequencies, merge_dictionaries, partition};
use chapter_06::ngrams;
use chapter_06::pool::{self, ProcessPool};
use chapter_06::shared::Value;
use clap::Parser;
use serde::{Deserialize, Serialize};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Listing 6.14: MapReduce over a 1-gram file, with a progress reporter
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    input: ngrams::Input,
}

/// How many chunks the workers have counted: in shared memory, set in each process once.
static MAP_PROGRESS: OnceLock<Value<i32>> = OnceLock::new();

fn init(progress: Value<i32>) {
    let _ = MAP_PROGRESS.set(progress);
}

fn map_frequencies(chunk: &[String]) -> Result<Frequencies, String> {
    let counter = listing_6_8::map_frequencies(chunk)?;

    let map_progress = MAP_PROGRESS.get().expect("the initializer ran first");
    let _lock = map_progress.get_lock();
    map_progress.set_value(map_progress.value() + 1);

    Ok(counter)
}

/// The pool's calls: the initializer, with the counter's handle, and the map step.
#[derive(Serialize, Deserialize)]
enum Job {
    Init { progress: String },
    MapFrequencies { chunk: Vec<String> },
}

impl pool::Job for Job {
    type Output = Result<Frequencies, String>;

    fn run(self) -> Self::Output {
        match self {
            Job::Init { progress } => {
                init(Value::open(&progress).map_err(|e| e.to_string())?);
                Ok(Frequencies::new())
            }
            Job::MapFrequencies { chunk } => map_frequencies(&chunk),
        }
    }
}

async fn progress_reporter(total_partitions: usize) {
    let map_progress = MAP_PROGRESS.get().expect("main sets it first");
    // A negative count would be a bug of ours; it reads as none done.
    let done = || usize::try_from(map_progress.value()).unwrap_or(0);
    while done() < total_partitions {
        println!("Finished {}/{total_partitions} map operations", done());
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn main_task(path: PathBuf, partition_size: usize) -> Result<(), BoxError> {
    let contents = ngrams::read_lines(&path)?;
    let mut tasks = Vec::new();
    init(Value::new(0)?);
    let map_progress = MAP_PROGRESS.get().expect("init has just set it");

    let pool = ProcessPool::with_initializer(&Job::Init {
        progress: map_progress.handle().to_owned(),
    })?;
    let total_partitions = contents.len() / partition_size;
    let reporter = tokio::spawn(progress_reporter(total_partitions));

    for chunk in partition(contents, partition_size) {
        tasks.push(pool.submit(Job::MapFrequencies { chunk }));
    }

    let mut counters = Vec::with_capacity(tasks.len());
    for task in tasks {
        counters.push(task.await??);
    }

    reporter.await?;

    let final_result = counters
        .into_iter()
        .reduce(merge_dictionaries)
        .unwrap_or_default();

    let aardvark = final_result
        .get("Aardvark")
        .ok_or_else(|| format!("Aardvark is not in {}", path.display()))?;
    println!("Aardvark has appeared {aardvark} times.");
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
