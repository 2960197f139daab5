//! Listing 6.7: count the words of a 1-gram file, one line after the other.
//!
//! The Rust twin of `chapter_06/listing_6_7.py`. It reads every line of the file, then adds up
//! each word's match counts (`word\tyear\tmatch_count\tvolume_count`) in a dictionary, and
//! prints how long the counting took, in seconds.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_7
//! cargo run --example listing_6_7 -- --file googlebooks-eng-all-1gram-20120701-a   # the real one
//! ```
//!
//! Expected output: the seconds, which depend on the machine and the build; a debug build
//! here: 1.5 s for the 2 million lines; Python: 1.2 s):
//! ```text
//! [..]
//! ```
//!
//! The book's file is not downloadable here: without `--file`, the listing counts a made-up
//! file of the same format, 2 million lines, written under `target/ngrams/` the first time
//! (`--lines` for another size; see `chapter_06::ngrams` and the `ngram_file` example).
//!
//! Where Rust differs: `readlines()` is reading the file into one `String` and splitting it
//! into lines that borrow from it; the dictionary's keys borrow from it too, so no word is
//! copied. Build with `--release` to see Rust's speed: a debug build checks every addition.

use std::collections::HashMap;
use std::time::Instant;

use chapter_06::ngrams;
use clap::Parser;

/// Listing 6.7: count the words of a 1-gram file in sequence
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    input: ngrams::Input,
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let path = Args::parse().input.path()?;
    let mut freqs: HashMap<&str, u64> = HashMap::new();

    let contents = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let lines: Vec<&str> = contents.lines().collect();

    let start = Instant::now();

    for line in lines {
        let data: Vec<&str> = line.split('\t').collect();
        let (Some(word), Some(count)) = (data.first(), data.get(2)) else {
            return Err(format!("not a 1-gram line: {line:?}").into());
        };
        let count: u64 = count.parse()?;
        *freqs.entry(word).or_default() += count;
    }

    let end = start.elapsed();
    println!("{:.4}", end.as_secs_f64());
    Ok(())
}
