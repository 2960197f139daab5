//! A file in the format of Google Books' 1-gram files, made up, for Listings 6.7 to 6.9 and 6.14.
//!
//! The book counts words in `googlebooks-eng-all-1gram-20120701-a`, the 1.8 GB file of the
//! English 1-grams that start with `a` (86,618,505 lines), downloaded from Google. It is not in
//! the book's repository and cannot be fetched here, so this module writes a file of the same
//! format: one line per word and year, `word\tyear\tmatch_count\tvolume_count`, the lines of a
//! word together and in year order, the words a mix of lower case, capitals and part-of-speech
//! tags (`abbey_NOUN`) as in the real file. The same seed and size always give the same file.
//!
//! `Aardvark`, the word the book looks up, has the rows whose counts add up to what the book
//! prints for the real file, 15,209, whatever the file's size; no other word is `Aardvark`.
//! So a listing run on a generated file prints the book's line.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// The name of the book's file.
pub const FILE_NAME: &str = "googlebooks-eng-all-1gram-20120701-a";
/// How many times the book finds `Aardvark` in the real file: the total of its rows here.
pub const AARDVARK_TOTAL: u64 = 15_209;
/// How many lines the real file has.
pub const REAL_FILE_LINES: u64 = 86_618_505;
/// The size of the file the listings make when they are given none: some 2 million lines,
/// 38 MB, enough for 34 of the book's 60,000-line chunks and a few seconds of Python.
pub const DEFAULT_LINES: u64 = 2_000_000;
/// The seed the generated files are drawn with.
pub const SEED: u64 = 1;

const YEARS: std::ops::RangeInclusive<u32> = 1800..=2008;
const SYLLABLES: &[&str] = &[
    "ab", "ac", "ad", "al", "am", "an", "ar", "as", "at", "ba", "be", "bi", "ca", "ce", "co", "da",
    "de", "di", "el", "en", "er", "es", "fa", "ga", "ge", "ic", "id", "il", "in", "io", "is", "la",
    "le", "li", "lo", "ma", "me", "mi", "na", "ne", "ni", "no", "ol", "on", "or", "pa", "pe", "ra",
    "re", "ri", "ro", "sa", "se", "si", "ta", "te", "ti", "to", "tr", "ul", "um", "un", "ur", "va",
    "ve", "vi",
];
const TAGS: &[&str] = &["_NOUN", "_VERB", "_ADJ", "_ADV"];

/// Writes a generated file of `lines` lines at `path`, through a temporary file beside it,
/// so that a file at `path` is always whole (two runs may write it at once).
///
/// # Errors
/// If the file cannot be written.
pub fn write(path: &Path, lines: u64) -> io::Result<()> {
    let partial = path.with_extension(format!("partial-{}", std::process::id()));
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&partial)?);
    let mut random = StdRng::seed_from_u64(SEED);
    let aardvark_rows = lines.min(u64::from(YEARS.end() - YEARS.start() + 1));
    let others = lines - aardvark_rows;
    // Aardvark comes about 1% into the file, near where it sorts in the real one.
    let before = others / 100;
    write_words(&mut out, &mut random, before)?;
    write_aardvark(&mut out, aardvark_rows)?;
    write_words(&mut out, &mut random, others - before)?;
    out.flush()?;
    drop(out);
    fs::rename(&partial, path)
}

/// Writes `lines` lines of made-up words, each with the rows of its last 1 to 60 years.
fn write_words(out: &mut impl Write, random: &mut StdRng, lines: u64) -> io::Result<()> {
    let mut word = String::new();
    let mut left = lines;
    while left > 0 {
        made_up_word(random, &mut word);
        let rows: u32 = random.random_range(1..=60);
        let rows = rows.min(u32::try_from(left).unwrap_or(u32::MAX));
        for year in YEARS.end() + 1 - rows..=*YEARS.end() {
            let matches: u32 = random.random_range(1..=400);
            let volumes = random.random_range(1..=matches);
            writeln!(out, "{word}\t{year}\t{matches}\t{volumes}")?;
        }
        left -= u64::from(rows);
    }
    Ok(())
}

/// Writes Aardvark's `rows` rows, the last years up to 2008, their counts growing with the
/// years and adding up to [`AARDVARK_TOTAL`].
fn write_aardvark(out: &mut impl Write, rows: u64) -> io::Result<()> {
    let weights = rows * (rows + 1) / 2;
    let mut counted = 0;
    for row in 1..=rows {
        let matches = if row == rows {
            AARDVARK_TOTAL - counted
        } else {
            AARDVARK_TOTAL * row / weights
        };
        counted += matches;
        let year = u64::from(*YEARS.end()) + row - rows;
        writeln!(out, "Aardvark\t{year}\t{matches}\t{}", matches.div_ceil(2))?;
    }
    Ok(())
}

/// A word of the file: `a` or `A`, one to three syllables, sometimes a part-of-speech tag.
/// None is `Aardvark`: no syllable starts with `rd`.
fn made_up_word(random: &mut StdRng, word: &mut String) {
    word.clear();
    word.push(if random.random_bool(0.3) { 'A' } else { 'a' });
    for _ in 0..random.random_range(1..=3) {
        word.push_str(SYLLABLES[random.random_range(..SYLLABLES.len())]);
    }
    if random.random_bool(0.2) {
        word.push_str(TAGS[random.random_range(..TAGS.len())]);
    }
}

/// The file a listing counts, from its command line: `--file PATH`, or else the generated file
/// of `--lines` lines. Each MapReduce listing flattens it into its own arguments.
#[derive(clap::Args)]
pub struct Input {
    /// The 1-gram file to count (by default, a made-up one of --lines lines)
    #[arg(long)]
    file: Option<PathBuf>,
    /// The size of the made-up file, without --file
    #[arg(long, default_value_t = DEFAULT_LINES)]
    lines: u64,
}

impl Input {
    /// The file to read: the reader's (the real one, for instance), or else the
    /// [`generated`] one.
    ///
    /// # Errors
    /// If the generated file cannot be written.
    pub fn path(self) -> io::Result<PathBuf> {
        match self.file {
            Some(file) => Ok(file),
            None => generated(self.lines),
        }
    }
}

/// The generated file of `lines` lines, kept in `target/ngrams/` and written the first time it
/// is asked for (saying so on stderr).
///
/// # Errors
/// If it cannot be written.
pub fn generated(lines: u64) -> io::Result<PathBuf> {
    let folder = util::target_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("ngrams");
    let path = folder.join(format!("{FILE_NAME}-generated-{lines}"));
    if !path.exists() {
        eprintln!(
            "Writing {} ({lines} lines in the format of the book's file; --file takes the real one)",
            path.display()
        );
        fs::create_dir_all(&folder)?;
        write(&path, lines)?;
    }
    Ok(path)
}

/// `f.readlines()`: the file's lines (without their line ends, which the counting ignores).
///
/// # Errors
/// If the file cannot be read or is not UTF-8, in one line that names it.
pub fn read_lines(path: &Path) -> Result<Vec<String>, String> {
    let contents =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(contents.lines().map(String::from).collect())
}
