//! test4.py: `asyncio.gather` returns the tasks' results, in the order the tasks were given.
//!
//! The Rust twin of `test4.py` from "Python async programming, the complete guide". Each task
//! returns its index; whichever answer arrives first, the results come back as `[0, 1, 2]`.
//!
//! Run with:
//! ```text
//! cargo run --example test4
//! cargo run --example test4 -- --url http://127.0.0.1:8000 --workers 5
//! ```
//!
//! Expected output (1 s):
//! ```text
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! [0, 1, 2]
//! 耗时: 0:00:01.002000
//! ```
//! The last line carries microseconds, like Python's: the local service spaces its answers a
//! millisecond apart, as a real network would, and on a real run a few more go by.
//!
//! Where Rust differs: `futures::future::try_join_all` over the `JoinHandle`s is `gather` of
//! tasks: results in input order, and the first error is returned at once. On that error the
//! other tasks keep running (a dropped `JoinHandle` detaches), as with `gather`. Calling
//! `try_join_all` on the bare futures instead would cancel the siblings by dropping them.

use clap::Parser;
use futures::future::try_join_all;
use http_guide::Workers;
use serve::StandInArgs;
use tokio::time::Instant;
use util::py::{PyRepr, TimeDelta};
use web_client::{Client, ClientError};
use web_service::WebService;

async fn run(sess: Client, url: String, id: usize) -> Result<usize, ClientError> {
    let body = sess.get_json(&url).await?;
    println!("响应内容 {}", PyRepr(&body));
    Ok(id)
}

/// The script's `main(workers, url)`.
async fn main_(workers: usize, url: &str) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let sess = Client::new();
    let mut futures = Vec::new();
    for i in 0..workers {
        futures.push(tokio::spawn(run(sess.clone(), url.to_owned(), i)));
    }

    // Each handle gives `Result<Result<usize, ClientError>, JoinError>`: the `?` on the line
    // below covers a task that panicked, the `collect` one a request that failed.
    let rets = try_join_all(futures).await?;
    let rets = rets.into_iter().collect::<Result<Vec<usize>, _>>()?;
    println!("{rets:?}");
    Ok(())
}

/// test4.py: gather of the requests' tasks, results in order (1 s), against the guide's test web service
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
