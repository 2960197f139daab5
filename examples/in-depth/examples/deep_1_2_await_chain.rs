//! Section 1.2: `await` takes the value out of an awaitable, and chains of coroutines.
//!
//! The Rust twin of the article's `say_hello`, `say_world` and `say_helloworld`, where the
//! third awaits the other two and adds their results. Section 1.2 ends by asking how the entry
//! point `say_helloworld()` itself gets run; here `#[util::main]` (asyncio.run) does it, and
//! sections 2.1.4 and 2.2 (`deep_2_1_4_run_and_stop`) shows the runtime calls behind it.
//!
//! Run with:
//! ```text
//! cargo run --example deep_1_2_await_chain
//! ```
//!
//! Expected output (0 s):
//! ```text
//! in say_helloworld
//! in say_hello
//! in say_world
//! HelloWorld
//! awaiting a Future-like object: 42
//! ```
//!
//! Where Rust differs:
//! - `.await` is postfix and only compiles inside `async` code: the article's `TypeError` for
//!   awaiting a non-awaitable, or `await` outside `async def`, are compile errors here.
//! - Python's three kinds of awaitables map to: the future an `async fn` returns; generator
//!   coroutines (gone from Rust and from Python 3.12); and objects with `__await__`, which in
//!   Rust are types implementing `Future` or, like `Answer` below, `IntoFuture`.

use std::future::{IntoFuture, Ready, ready};

async fn say_hello() -> String {
    println!("in say_hello");
    "Hello".to_string()
}

async fn say_world() -> String {
    println!("in say_world");
    "World".to_string()
}

async fn say_helloworld() -> String {
    println!("in say_helloworld");
    // Python evaluates `await say_hello() + await say_world()` left to right; so does Rust.
    say_hello().await + &say_world().await
}

/// A "Future-like" object: `IntoFuture` is Rust's `__await__`, the hook `.await` calls first.
struct Answer;

impl IntoFuture for Answer {
    type Output = u32;
    type IntoFuture = Ready<u32>;

    fn into_future(self) -> Self::IntoFuture {
        ready(42)
    }
}

#[util::main]
async fn main() {
    println!("{}", say_helloworld().await);
    // `.await` calls `Answer::into_future` first, as Python's `await` calls `__await__`.
    println!("awaiting a Future-like object: {}", Answer.await);
}
