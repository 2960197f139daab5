//! Listing 6.9 as a Rust programmer writes it: threads count the file where it lies in memory.
//!
//! Not a listing of the book. Python needs processes to use more than one CPU, and pays for
//! them: every line is copied into a worker and every count back (Listing 6.9). Rust threads
//! run in parallel and share the program's memory, so this maps the file into memory, cuts it
//! into pieces at line ends, and lets rayon's threads (one per CPU) count the pieces in place:
//! the words are slices of the file, never copied. rayon's `reduce` merges the counts as
//! threads finish, the parallel reduce that 6.9 builds by hand.
//!
//! Run with:
//! ```text
//! cargo run --release --example listing_6_9_rayon
//! cargo run --release --example listing_6_9_rayon -- --file googlebooks-eng-all-1gram-20120701-a
//! ```
//!
//! Expected output; the time depends on the machine, and includes reading the file:
//! ```text
//! Aardvark has appeared 15209 times.
//! MapReduce took: [..] seconds
//! ```
//!
//! Two more savings, which the book's code could make too: the file lists each word's years
//! together, so the count of a run of lines of one word is added up first and put in the
//! dictionary once, rather than once per line; and the dictionary hashes with `FxHashMap`
//! (rustc-hash, the compiler's own), not with the standard library's SipHash, whose defence
//! against crafted keys a word count does not need. `docs/rust-vs-python.md` compares this
//! with the book's 6.9 and with the time it takes just to read the file.

use std::fs::File;
use std::time::Instant;

use chapter_06::ngrams;
use clap::Parser;
use memmap2::Mmap;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Listing 6.9 with threads: MapReduce over a 1-gram file with rayon
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    input: ngrams::Input,
}

type Frequencies<'a> = FxHashMap<&'a [u8], u64>;

/// The map step over a piece of the file: each word's match counts added up.
fn map_frequencies(piece: &[u8]) -> Result<Frequencies<'_>, String> {
    let mut counter = Frequencies::default();
    let mut run: Option<(&[u8], u64)> = None;
    for line in piece
        .split(|&byte| byte == b'\n')
        .filter(|line| !line.is_empty())
    {
        let mut fields = line.split(|&byte| byte == b'\t');
        let (Some(word), Some(_year), Some(count)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(format!(
                "not a 1-gram line: {:?}",
                String::from_utf8_lossy(line)
            ));
        };
        let count = parse_count(count)
            .ok_or_else(|| format!("not a count: {:?}", String::from_utf8_lossy(line)))?;
        match &mut run {
            Some((run_word, run_count)) if *run_word == word => *run_count += count,
            _ => {
                if let Some((run_word, run_count)) = run.replace((word, count)) {
                    *counter.entry(run_word).or_default() += run_count;
                }
            }
        }
    }
    if let Some((word, count)) = run {
        *counter.entry(word).or_default() += count;
    }
    Ok(counter)
}

fn parse_count(digits: &[u8]) -> Option<u64> {
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// The reduce step: the smaller dictionary merged into the larger.
fn merge_dictionaries<'a>(first: Frequencies<'a>, second: Frequencies<'a>) -> Frequencies<'a> {
    let (mut merged, other) = if first.len() >= second.len() {
        (first, second)
    } else {
        (second, first)
    };
    for (word, count) in other {
        *merged.entry(word).or_default() += count;
    }
    merged
}

/// The file cut into about `count` pieces, each ending at the end of a line.
fn pieces(text: &[u8], count: usize) -> Vec<&[u8]> {
    let size = text.len().div_ceil(count.max(1)).max(1);
    let mut pieces = Vec::with_capacity(count);
    let mut rest = text;
    while !rest.is_empty() {
        let cut = match rest
            .get(size..)
            .and_then(|after| after.iter().position(|&b| b == b'\n'))
        {
            Some(newline) => size + newline + 1,
            None => rest.len(),
        };
        let (piece, after) = rest.split_at(cut);
        pieces.push(piece);
        rest = after;
    }
    pieces
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let path = Args::parse().input.path()?;
    let start = Instant::now();

    let cannot_read = |e| format!("cannot read {}: {e}", path.display());
    let file = File::open(&path).map_err(cannot_read)?;
    // SAFETY: the map is valid as long as nobody shrinks the file while we count it; a
    // program that reads files others write would `std::fs::read` them instead, and pay for
    // it: a copy, in fresh memory, costs more here than the counting.
    let text = unsafe { Mmap::map(&file) }.map_err(cannot_read)?;
    // A few pieces per thread, so that a thread that finishes early takes another.
    let final_result = pieces(&text, 8 * rayon::current_num_threads())
        .into_par_iter()
        .map(map_frequencies)
        .try_reduce(Frequencies::default, |first, second| {
            Ok(merge_dictionaries(first, second))
        })?;

    let aardvark = final_result
        .get(&b"Aardvark"[..])
        .ok_or_else(|| format!("Aardvark is not in {}", path.display()))?;
    println!("Aardvark has appeared {aardvark} times.");

    let end = start.elapsed();
    println!("MapReduce took: {:.4} seconds", end.as_secs_f64());
    Ok(())
}
