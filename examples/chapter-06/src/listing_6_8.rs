//! Listing 6.8's partition, map and reduce steps, which Listings 6.9 and 6.14 import from it.

use std::collections::HashMap;

/// `partition`: the items of `data` in chunks of `chunk_size`, the last one shorter. The
/// items move into the chunks, since each chunk is handed to a job, where Python's slices
/// copy the references.
pub fn partition<T>(data: Vec<T>, chunk_size: usize) -> impl Iterator<Item = Vec<T>> {
    let mut data = data.into_iter().peekable();
    std::iter::from_fn(move || {
        data.peek()?;
        Some(data.by_ref().take(chunk_size).collect())
    })
}

/// Word counts, as the book's `Dict[str, int]`.
pub type Frequencies = HashMap<String, u64>;

/// The map step: adds up the match counts of each word in `chunk`, lines of
/// `word\tyear\tmatch_count\tvolume_count`.
///
/// # Errors
/// A line that is not four tab-separated fields with a count, named (where Python raises
/// `ValueError`).
pub fn map_frequencies<S: AsRef<str>>(chunk: &[S]) -> Result<Frequencies, String> {
    let mut counter = Frequencies::new();
    for line in chunk {
        let line = line.as_ref();
        let fields: Vec<&str> = line.split('\t').collect();
        let [word, _, count, _] = fields[..] else {
            return Err(format!(
                "not a 1-gram line (four tab-separated fields): {line:?}"
            ));
        };
        let count: u64 = count
            .parse()
            .map_err(|_| format!("not a count in the third field: {line:?}"))?;
        *counter.entry(word.to_owned()).or_default() += count;
    }
    Ok(counter)
}

/// The reduce step: the counts of `second` added to those of `first`.
pub fn merge_dictionaries(mut first: Frequencies, second: Frequencies) -> Frequencies {
    for (key, count) in second {
        *first.entry(key).or_default() += count;
    }
    first
}
