//! The event loop of the book's chapter 14, made by hand, without tokio.
//!
//! asyncio is, underneath, three things: futures that hold a result to come, tasks that drive
//! coroutines, and a loop that waits on a selector and runs what became ready. The book builds
//! each one in a few lines of Python (Listings 14.8, 14.11 and 14.12) and runs a server on them
//! (14.13). This crate is the same three, in Rust's terms:
//!
//! - [`CustomFuture`] (14.8): a slot for a result, and a `Waker` to call when it is set. Where
//!   a Python coroutine *yields* its future to whoever drives it, a Rust future returns
//!   `Poll::Pending` and keeps the `Waker` it was polled with: setting the result wakes it.
//! - [`EventLoop`] (14.11 and 14.12): a run queue of tasks, each a boxed future with a `Waker`
//!   of its own (from `std::task::Wake`) that puts the task back in the queue; and a
//!   [mio](https://docs.rs/mio) `Poll`, the selector, whose events run the callback registered
//!   for their socket, which does the non-blocking read or accept and sets a future's result.
//!
//! Everything runs on one thread, so the shared state is `Rc<RefCell<..>>`, not `Arc<Mutex>`.
//! It is a teaching loop: no timers, reading only, one callback per socket at a time, as in the
//! book.

mod custom_future;
mod event_loop;

pub use custom_future::CustomFuture;
pub use event_loop::{EventLoop, SocketRepr};
