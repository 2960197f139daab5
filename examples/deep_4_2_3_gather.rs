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
//! - `tokio::join!` is gather for a fixed number of futures (a tuple of outputs, in argument
//!   order); `futures::future::join_all` is gather over a `Vec`. Both poll the futures inside
//!   the current task instead of spawning them.
//! - Both always wait for everything and hand back every output, so with outputs that are
//!   `Result`s they *are* `return_exceptions=True`. For the default, raising behaviour, see
//!   `deep_4_2_3_gather_raises`.

use std::time::Duration;

use futures::future::{BoxFuture, join_all};
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
    let (hello, world) = tokio::join!(say_hello(), say_world());
    println!("gather: {:?}", [hello?, world?]);

    // `await asyncio.gather(say_hello(), might_fail(), say_world(), return_exceptions=True)`
    let coros: Vec<BoxFuture<'static, Outcome>> = vec![
        Box::pin(say_hello()),
        Box::pin(might_fail()),
        Box::pin(say_world()),
    ];
    let results = join_all(coros).await;
    println!("gather(return_exceptions=True): {results:?}");
    Ok(())
}
