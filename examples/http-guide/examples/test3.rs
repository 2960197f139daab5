//! test3.py: wait for every task with `asyncio.wait`, which returns `(done, pending)`.
//!
//! The Rust twin of `test3.py` from "Python async programming, the complete guide". The tasks
//! are kept this time, and `main_` waits until all of them are done: 1 s for any number of
//! requests, and no guessed sleep.
//!
//! Run with:
//! ```text
//! cargo run --example test3
//! cargo run --example test3 -- --url http://127.0.0.1:8000 --workers 5
//! ```
//!
//! Expected output (1 s):
//! ```text
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! done [Id([..]), Id([..]), Id([..])], pending 0
//! 耗时: 0:00:01.002000
//! ```
//! The last line carries microseconds, like Python's: the local service spaces its answers a
//! millisecond apart, as a real network would, and on a real run a few more go by.
//!
//! Where Rust differs: a `JoinSet` holds the tasks. `join_next` hands back each task as it
//! finishes (with its id and result), which is `asyncio.wait(..., ALL_COMPLETED)` when looped
//! until the set is empty. Python prints the two sets of `Task` objects; we print the ids of the
//! finished tasks and how many are left. One more difference: dropping a `JoinSet` aborts the
//! tasks still in it, whereas `asyncio.wait` leaves pending tasks running.

use clap::Parser;
use http_guide::Workers;
use serve::StandInArgs;
use tokio::task::JoinSet;
use tokio::time::Instant;
use util::py::{PyRepr, TimeDelta};
use web_client::{Client, ClientError};
use web_service::WebService;

async fn run(sess: Client, url: String) -> Result<(), ClientError> {
    let body = sess.get_json(&url).await?;
    println!("响应内容 {}", PyRepr(&body));
    Ok(())
}

/// The script's `main(workers, url)`.
async fn main_(workers: usize, url: &str) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let sess = Client::new();
    let mut futures = JoinSet::new();
    for _ in 0..workers {
        futures.spawn(run(sess.clone(), url.to_owned()));
    }

    let mut done = Vec::new();
    while let Some(finished) = futures.join_next_with_id().await {
        // The outer `?` is the task itself failing (a panic), the inner one its request.
        let (id, result) = finished?;
        result?;
        done.push(id);
    }
    println!("done {done:?}, pending {}", futures.len());
    Ok(())
}

/// test3.py: asyncio.wait over the requests' tasks (1 s), against the guide's test web service
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    service: StandInArgs<WebService>,
    #[command(flatten)]
    workers: Workers,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let service = args.service.start()?;
    let start = Instant::now();
    main_(args.workers.workers, &service.url("/")).await?;
    println!("耗时: {}", TimeDelta(start.elapsed()));
    Ok(())
}
