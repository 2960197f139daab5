//! Listing 2.2: calling an async function does not run it.
//!
//! The Rust twin of `chapter_02/listing_2_2.py`. `add_one(1)` runs at once and gives `2`;
//! `coroutine_add_one(1)` runs nothing and gives a future, Rust's coroutine object.
//!
//! Run with:
//! ```text
//! cargo run --example listing_2_2
//! ```
//!
//! Expected output:
//! ```text
//! Function result is 2 and the type is i32
//! Coroutine result is <future at 0x[..]> and the type is listing_2_2::coroutine_add_one::{{closure}}
//! ```
//!
//! The book shows the first line as `Method result is 2 ...`, but its code prints `Function
//! result is 2 ...`; this example follows the code. A future has no `repr`, so the second line
//! shows its address, as Python's `<coroutine object ... at 0x...>` does. Its type is the state
//! machine the compiler generated from the body; Rust code calls it `impl Future<Output = i32>`.
//!
//! Python notices the unawaited coroutine only when it is garbage-collected, at run time
//! (`RuntimeWarning: coroutine 'coroutine_add_one' was never awaited`). Rust says it at compile
//! time: write `coroutine_add_one(1);` as a statement and the build reports
//!
//! ```text
//! warning: unused implementer of `Future` that must be used
//!   = note: futures do nothing unless you `.await` or poll them
//!   = note: `#[warn(unused_must_use)]` (part of `#[warn(unused)]`) on by default
//! ```
//!
//! This example keeps the future in a variable and drops it on purpose, so it builds without
//! that warning. No runtime is needed: making (and dropping) a future needs no event loop, just
//! as the Python listing never starts one.

use std::any::type_name_of_val;

async fn coroutine_add_one(number: i32) -> i32 {
    number + 1
}

fn add_one(number: i32) -> i32 {
    number + 1
}

#[util::plain_main]
fn main() {
    let function_result = add_one(1);
    // Nothing of `coroutine_add_one`'s body runs here: the call only packs `1` into a future.
    let coroutine_result = coroutine_add_one(1);

    println!(
        "Function result is {function_result} and the type is {}",
        type_name_of_val(&function_result)
    );
    println!(
        "Coroutine result is <future at {:p}> and the type is {}",
        &coroutine_result,
        type_name_of_val(&coroutine_result)
    );

    // Dropping a future that was never polled is how Rust discards a coroutine: `number + 1` is
    // never computed.
    drop(coroutine_result);
}
