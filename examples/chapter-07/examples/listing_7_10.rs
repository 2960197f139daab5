//! Listing 7.10: a "thread-safe" list whose method calls another method that takes the same lock.
//!
//! The Rust twin of `chapter_07/listing_7_10.py`. `find_and_replace` takes the list's lock and
//! calls `indices_of`, which takes it again: the one thread waits for itself, and the program
//! hangs without printing anything, as the book's does. Ctrl-C ends it.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_10
//! ```
//!
//! Expected output: none, and the program never ends.
//! ```text
//! ```
//!
//! Where Rust differs: the lock is `parking_lot::Mutex`, as in Listing 7.9, and it holds the
//! list it guards. The Rust fix is `listing_7_10_fixed`: the public methods take the lock, and
//! share a private function that is handed the locked list, so nothing locks twice.

use parking_lot::Mutex;

/// `IntListThreadsafe`.
struct IntListThreadsafe {
    inner_list: Mutex<Vec<i64>>,
}

impl IntListThreadsafe {
    fn new(wrapped_list: Vec<i64>) -> Self {
        IntListThreadsafe {
            inner_list: Mutex::new(wrapped_list),
        }
    }

    fn indices_of(&self, to_find: i64) -> Vec<usize> {
        let inner_list = self.inner_list.lock();
        let enumerator = inner_list.iter().enumerate();
        enumerator
            .filter(|&(_, &value)| value == to_find)
            .map(|(index, _)| index)
            .collect()
    }

    fn find_and_replace(&self, to_replace: i64, replace_with: i64) {
        let mut inner_list = self.inner_list.lock();
        let indices = self.indices_of(to_replace);
        for index in indices {
            inner_list[index] = replace_with;
        }
    }
}

#[util::plain_main]
fn main() {
    let threadsafe_list = IntListThreadsafe::new(vec![1, 2, 1, 2, 1]);
    threadsafe_list.find_and_replace(1, 2);
}
