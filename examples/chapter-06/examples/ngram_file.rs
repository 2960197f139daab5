//! Writes a file in the format of the Google Books 1-grams the book counts in Listings 6.7 to
//! 6.9 and 6.14.
//!
//! Not a listing. The book downloads `googlebooks-eng-all-1gram-20120701-a` (1.8 GB, 86 million
//! lines) from Google; this writes a made-up file of the same format, of the size you ask for,
//! the same every time, in which `Aardvark` appears 15,209 times, as in the real file (see
//! `chapter_06::ngrams`). The listings write the default size themselves when they need it;
//! this is for another size, or another place.
//!
//! Run with:
//! ```text
//! cargo run --example ngram_file -- --lines 1000 --out target/ngrams-sample
//! cargo run --release --example ngram_file -- --lines 86618505 --out /tmp/1gram-a  # 1.8 GB
//! ```
//!
//! Expected output of the first command:
//! ```text
//! Wrote 1000 lines to target/ngrams-sample; Aardvark appears 15209 times in it.
//! ```
//! Then `cargo run --example listing_6_8 -- --file /tmp/1gram-a` counts in it.

use std::path::PathBuf;

use chapter_06::ngrams;
use clap::Parser;

/// Writes a made-up file in the format of the book's Google Books 1-gram file
#[derive(Parser)]
struct Args {
    /// How many lines (the real file has 86618505)
    #[arg(long, default_value_t = ngrams::DEFAULT_LINES)]
    lines: u64,
    /// Where to write it (by default, where the listings look for a file of that size)
    #[arg(long)]
    out: Option<PathBuf>,
}

#[util::plain_main]
fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let path = match args.out {
        Some(path) => {
            ngrams::write(&path, args.lines)?;
            path
        }
        None => ngrams::generated(args.lines)?,
    };
    println!(
        "Wrote {} lines to {}; Aardvark appears {} times in it.",
        args.lines,
        path.display(),
        ngrams::AARDVARK_TOTAL
    );
    Ok(())
}
