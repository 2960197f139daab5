//! Listing 6.6: MapReduce by hand: count the words of each line, then merge the counts.
//!
//! The Rust twin of `chapter_06/listing_6_6.py`. The map step turns each of four lines into a
//! dictionary of word counts; the reduce step merges them into one. No processes yet: this is
//! the shape that Listing 6.8 spreads over a pool.
//!
//! Run with:
//! ```text
//! cargo run --example listing_6_6
//! ```
//!
//! Expected output:
//! ```text
//! {'I': 2, 'know': 2, 'what': 1}
//! {'I': 2, 'know': 2, 'that': 1}
//! {'I': 1, "don't": 1, 'know': 1, 'much': 1}
//! {'They': 1, "don't": 1, 'know': 1, 'much': 1}
//! {'I': 5, 'know': 6, 'what': 1, 'that': 1, "don't": 2, 'much': 2, 'They': 1}
//! ```
//!
//! Where Rust differs: a Python `dict` keeps its keys in the order they were added, and the
//! output shows that order; Rust's `HashMap` does not keep one, so the twin uses `IndexMap`
//! (the `indexmap` crate), which does. `functools.reduce` is `Iterator::reduce`. The dicts
//! print as Python prints them (`PyStr` quotes `don't` with double quotes, as `repr` does).

use indexmap::IndexMap;
use util::py::PyStr;

type Frequencies<'a> = IndexMap<&'a str, u32>;

fn map_frequency(text: &str) -> Frequencies<'_> {
    let mut frequencies = Frequencies::new();
    for word in text.split(' ') {
        *frequencies.entry(word).or_default() += 1;
    }
    frequencies
}

fn merge_dictionaries<'a>(mut first: Frequencies<'a>, second: Frequencies<'a>) -> Frequencies<'a> {
    for (key, count) in second {
        *first.entry(key).or_default() += count;
    }
    first
}

/// A dict as Python prints it.
fn python_dict(frequencies: &Frequencies) -> String {
    let items: Vec<String> = frequencies
        .iter()
        .map(|(word, count)| format!("{}: {count}", PyStr(word)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

#[util::plain_main]
fn main() {
    let lines = [
        "I know what I know",
        "I know that I know",
        "I don't know much",
        "They don't know much",
    ];

    let mapped_results: Vec<Frequencies> = lines.iter().map(|line| map_frequency(line)).collect();

    for result in &mapped_results {
        println!("{}", python_dict(result));
    }

    if let Some(merged) = mapped_results.into_iter().reduce(merge_dictionaries) {
        println!("{}", python_dict(&merged));
    }
}
