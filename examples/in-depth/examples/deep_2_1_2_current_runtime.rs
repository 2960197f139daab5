//! Section 2.1.2: getting the current loop, from a task and from a plain thread.
//!
//! The article's trap: `asyncio.get_event_loop()` works in the main thread but raises
//! `RuntimeError` in a child thread, so "set a loop in the thread, or pass it the main thread's
//! loop". The tokio twins: `Handle::try_current()` returns `Err` outside a runtime (and
//! `Handle::current()` panics); a cloned `Handle` passed to the thread is how that thread
//! reaches the runtime; `handle.enter()` is `asyncio.set_event_loop(loop)` for the thread.
//!
//! Run with:
//! ```text
//! cargo run --example deep_2_1_2_current_runtime
//! ```
//!
//! Expected output (0 s):
//! ```text
//! main task: found a runtime (CurrentThread)
//! plain thread: Err(there is no reactor running, must be called from the context of a Tokio 1.x runtime)
//! plain thread: spawned through the passed Handle, the task ran on thread main
//! plain thread after handle.enter(): found a runtime (CurrentThread)
//! plain thread after handle.enter(): tokio::spawn works, the task ran on thread main
//! ```
//!
//! Where Rust differs:
//! - The runtime is not a per-thread global that may or may not have been set: code either
//!   runs inside one (a task, `block_on`, an `enter()` guard) or does not, and `try_current`
//!   says which.
//! - This is a current_thread runtime, so tasks the thread spawns run on the thread that is
//!   inside `block_on` (here `main`), like `asyncio.run_coroutine_threadsafe(coro, loop)`.
//!   `handle.block_on(..)` from the plain thread waits for them; it does not run the timers or
//!   I/O of a current_thread runtime itself, which is why `main` keeps awaiting meanwhile.

use tokio::runtime::Handle;
use tokio::sync::oneshot;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn where_am_i() -> String {
    match Handle::try_current() {
        Ok(handle) => format!("found a runtime ({:?})", handle.runtime_flavor()),
        // The Python version raises RuntimeError: "There is no current event loop in thread".
        Err(error) => format!("Err({error})"),
    }
}

async fn thread_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("unnamed")
        .to_string()
}

fn plain_thread(handle: Handle, done: oneshot::Sender<()>) -> Result<(), BoxError> {
    println!("plain thread: {}", where_am_i());

    // Passing the loop to the thread: the Handle is a cheap, `Send` reference to the runtime.
    let task = handle.spawn(thread_name());
    let ran_on = handle.block_on(task)?;
    println!("plain thread: spawned through the passed Handle, the task ran on thread {ran_on}");

    // Setting the loop for this thread: while the guard lives, the runtime is "current" here.
    let _guard = handle.enter();
    println!("plain thread after handle.enter(): {}", where_am_i());
    let ran_on = handle.block_on(tokio::spawn(thread_name()))?;
    println!(
        "plain thread after handle.enter(): tokio::spawn works, the task ran on thread {ran_on}"
    );

    // Only an invariant could make this fail: `main` holds the receiver until we reply.
    done.send(()).expect("main waits for the thread");
    Ok(())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    println!("main task: {}", where_am_i());

    let handle = Handle::current();
    let (done_tx, done_rx) = oneshot::channel();
    let thread = std::thread::spawn(move || plain_thread(handle, done_tx));

    // Keep the runtime turning (without blocking this thread) until the thread has finished
    // with it. If the thread failed, `done_tx` was dropped and `join` tells us why.
    let _ = done_rx.await;
    thread.join().expect("the thread does not panic")?;
    Ok(())
}
