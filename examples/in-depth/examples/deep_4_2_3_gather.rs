//! Section 4.2.3: `asyncio.gather`: results in argument order, and `return_exceptions=True`.
//!
//! `gather` runs its arguments at the same time and returns their results in the order they
//! were passed, whatever order they finish in. With `return_exceptions=True` an exception is
//! not raised but put in the list in its place. Here `say_hello` takes 2 s, `say_world` 1 s and
//! `might_fail` raises after 1 s; each `gather` takes 2 s, as long as its slowest member.
//!
//! Run with:
//! ```text
//! cargo run --example deep_4_2_3_gather
//! ```
//!
//! Expected output (4 s):
//! ```text
//! gather: ["Hello", "World"]
//! gather(return_exceptions=True): [Ok("Hello"), Err("ValueError: bad luck"), Ok("World")]
//! ```
//!
//! Where Rust differs:
//! - `gather` wraps each coroutine in a task; here each is `tokio::spawn`ed, and awaiting the
//!   `JoinHandle`s in argument order gives the results in that order. `tokio::join!` (a fixed
//!   number of futures) and `futures::future::join_all` (a `Vec`) would gather the futures
//!   themselves, polled inside the current task: same results, same 2 s, no tasks.
//! - Awaiting every handle always waits for everything and hands back every output, so with
//!   outputs that are `Result`s this *is* `return_exceptions=True`. For the default, raising
//!   behaviour, see `deep_4_2_3_gather_raises`.

use std::time::Duration;

use futures::future::join_all;
use tokio::task::spawn;
use tokio::time::sleep;

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Outcome = Result<String, String>;

async fn say_hello() -> Outcome {
    sleep(Duration::from_secs(2)).await;
    Ok("Hello".to_string())
}

async fn say_world() -> Outcome {
    sleep(Duration::from_secs(1)).await;
    Ok("World".to_string())
}

async fn might_fail() -> Outcome {
    sleep(Duration::from_secs(1)).await;
    Err("ValueError: bad luck".to_string())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    // `results = await asyncio.gather(say_hello(), say_world())`
    let (hello, world) = tokio::join!(spawn(say_hello()), spawn(say_world()));
    println!("gather: {:?}", [hello??, world??]);

    // `await asyncio.gather(say_hello(), might_fail(), say_world(), return_exceptions=True)`
    let tasks = vec![spawn(say_hello()), spawn(might_fail()), spawn(say_world())];
    // A `JoinError` (a panicked task) is not one of the results: it ends the program.
    let results = join_all(tasks)
        .await
        .into_iter()
        .collect::<Result<Vec<Outcome>, _>>()?;
    println!("gather(return_exceptions=True): {results:?}");
    Ok(())
}
