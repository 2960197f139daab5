//! The event loop of the book's chapter 14, made by hand, without tokio: the modules that the
//! chapter's later listings import.
//!
//! asyncio is, underneath, three things: futures that hold a result to come, tasks that drive
//! coroutines, and a loop that waits on a selector and runs what became ready. The book builds
//! each one in a few lines of Python (Listings 14.8, 14.11 and 14.12) and runs a server on them
//! (14.13). This library is the same three, in Rust's terms, in modules named after the
//! listings, as the book's `from chapter_14.listing_14_8 import CustomFuture` names them:
//!
//! - [`listing_14_8::CustomFuture`]: a slot for a result, and a `Waker` to call when it is set. Where
//!   a Python coroutine *yields* its future to whoever drives it, a Rust future returns
//!   `Poll::Pending` and keeps the `Waker` it was polled with: setting the result wakes it.
//! - [`listing_14_12::EventLoop`] (14.11's task and 14.12's loop): a run queue of tasks, each a boxed future with a `Waker`
//!   of its own (from `std::task::Wake`) that puts the task back in the queue; and a
//!   [mio](https://docs.rs/mio) `Poll`, the selector, whose events run the callback registered
//!   for their socket, which does the non-blocking read or accept and sets a future's result.
//!
//! Everything runs on one thread, so the shared state is `Rc<RefCell<..>>`, not `Arc<Mutex>`.
//! It is a teaching loop: no timers, reading only, one callback per socket at a time, as in the
//! book.

pub mod listing_14_12;
pub mod listing_14_8;
