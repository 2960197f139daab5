//! Listing 7.10 fixed: the thread-safe list, with one lock taken once.
//!
//! Not a listing of the book: how Rust code fixes Listing 7.10. The public methods take the
//! lock; the search they share is a private function handed the locked list, so
//! `find_and_replace` never asks for the lock it holds. (The book's fix is an `RLock`, as in
//! `listing_7_9_fixed`; a reentrant lock works, but it hides which code runs under it.)
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_10_fixed
//! ```
//!
//! Expected output:
//! ```text
//! [2, 2, 2, 2, 2]
//! 2 is at [0, 1, 2, 3, 4]
//! ```
//!
//! Where Rust differs: the lock holds the list, so no method can reach the list without it;
//! `indices_of_locked` takes `&[i64]`, the list itself, and cannot lock anything. A third fix,
//! dropping the guard before calling `indices_of` (`drop(inner_list)`), would end the deadlock
//! too, but let another thread change the list between the search and the replacing.

use parking_lot::Mutex;

/// `IntListThreadsafe`, fixed.
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
        indices_of_locked(&self.inner_list.lock(), to_find)
    }

    fn find_and_replace(&self, to_replace: i64, replace_with: i64) {
        let mut inner_list = self.inner_list.lock();
        for index in indices_of_locked(&inner_list, to_replace) {
            inner_list[index] = replace_with;
        }
    }

    fn to_vec(&self) -> Vec<i64> {
        self.inner_list.lock().clone()
    }
}

/// The search both methods need, on a list already locked.
fn indices_of_locked(inner_list: &[i64], to_find: i64) -> Vec<usize> {
    let enumerator = inner_list.iter().enumerate();
    enumerator
        .filter(|&(_, &value)| value == to_find)
        .map(|(index, _)| index)
        .collect()
}

#[util::plain_main]
fn main() {
    let threadsafe_list = IntListThreadsafe::new(vec![1, 2, 1, 2, 1]);
    threadsafe_list.find_and_replace(1, 2);
    println!("{:?}", threadsafe_list.to_vec());
    println!("2 is at {:?}", threadsafe_list.indices_of(2));
}
