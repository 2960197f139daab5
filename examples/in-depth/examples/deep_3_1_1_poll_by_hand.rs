//! Section 3.1.1: running a coroutine with no event loop -> polling a future by hand.
//!
//! The article drives `say_helloworld()` with one `coro.send(None)` and catches
//! `StopIteration` to read the return value, to show that a coroutine is a generator underneath.
//! A Rust future is a state machine with one method, `poll`: calling it once with a waker that
//! does nothing (`std::task::Waker::noop()`, Rust 1.85+) is the same trick. `Poll::Ready(v)` is
//! `StopIteration(v)`; `Poll::Pending` is "the coroutine yielded to its loop".
//!
//! Run with:
//! ```text
//! cargo run --example deep_3_1_1_poll_by_hand
//! ```
//!
//! Expected output:
//! ```text
//! in say_helloworld
//! in say_hello
//! in say_world
//! HelloWorld
//! a future that yields once: Pending, then Ready(())
//! polling again after Ready: panic: `async fn` resumed after completion
//! tokio::time::sleep polled by hand: panic: there is no reactor running, must be called from the context of a Tokio 1.x runtime
//! ```
//!
//! Where Rust differs:
//! - Python's `send(value)` can hand a value into the coroutine; `poll` cannot. The `Context`
//!   only carries the waker, the "poll me again" signal.
//! - Polling a finished `async fn` future panics, as a finished coroutine raises "cannot reuse
//!   already awaited coroutine".
//! - Futures that wait on the outside world (tokio's `sleep`, sockets) register with the runtime
//!   they were created in, so outside a tokio runtime they panic instead of returning Pending
//!   (`sleep` already when it is created).
//!   Hand-driving only works for futures that need no runtime, like the ones above.
//! - As the article says: a trick to understand the machinery, not a way to run programs.
//!   There is no runtime here at all, so `main` is a plain `fn`.

use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

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
    say_hello().await + &say_world().await
}

/// The article's `run(coro)`: one step, and the value if that step finished the coroutine.
fn run<F: Future>(future: F) -> Option<F::Output> {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

/// Polls once and shows the outcome: `Pending`, `Ready(..)`.
fn step<F: Future>(future: Pin<&mut F>) -> String
where
    F::Output: std::fmt::Debug,
{
    format!("{:?}", future.poll(&mut Context::from_waker(Waker::noop())))
}

/// Runs `f`, turning a panic into its message, so the program can print it and go on.
fn caught(f: impl FnOnce() -> String) -> String {
    panic::catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("panic: {message}")
    })
}

async fn say_nothing() {}

#[util::plain_main]
fn main() {
    match run(say_helloworld()) {
        Some(result) => println!("{result}"),
        None => println!("say_helloworld yielded instead of finishing"),
    }

    // `yield_now` returns Pending once, like a bare `yield` in a generator-based coroutine.
    // (Outside a runtime it wakes its waker at once; the no-op waker ignores that.)
    let mut yielding = pin!(tokio::task::yield_now());
    let first = step(yielding.as_mut());
    let second = step(yielding.as_mut());
    println!("a future that yields once: {first}, then {second}");

    // The panics below are the point; keep the default hook from printing them to stderr.
    panic::set_hook(Box::new(|_| {}));

    let mut finished = pin!(say_nothing());
    step(finished.as_mut());
    let again = caught(|| step(finished.as_mut()));
    println!("polling again after Ready: {again}");

    // `sleep` looks for the runtime's timer as soon as it is created, before any poll.
    let refused = caught(|| step(pin!(tokio::time::sleep(Duration::from_secs(1)))));
    println!("tokio::time::sleep polled by hand: {refused}");
}
