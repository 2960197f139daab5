//! test5.py: a lock around each request turns the concurrent tasks back into a queue.
//!
//! The Rust twin of `test5.py` from "Python async programming, the complete guide". The tasks
//! start together, but only the holder of the lock sends its request, so three requests take
//! 3 s again. The results still come back in order.
//!
//! Run with:
//! ```text
//! cargo run --example test5
//! cargo run --example test5 -- --url http://127.0.0.1:8000 --workers 5
//! ```
//!
//! Expected output (3 s):
//! ```text
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! [0, 1, 2]
//! 耗时: 0:00:03
//! ```
//! On a real run the last line carries microseconds, like Python's: `耗时: 0:00:03.009742`.
//!
//! Where Rust differs: `tokio::sync::Mutex` is `asyncio.Lock`. A Rust mutex normally owns the
//! data it protects; here, as in the script, it protects no data but a stretch of code, so it
//! holds `()`. The guard releases the lock when it goes out of scope, like leaving `async with`.
//! The lock is first-come first-served, as asyncio's is.

use clap::Parser;
use futures::future::try_join_all;
use http_guide::Workers;
use serve::StandInArgs;
use tokio::sync::Mutex;
use tokio::time::Instant;
use util::py::{PyRepr, TimeDelta};
use web_client::{Client, ClientError};
use web_service::WebService;

// `const_new` lets it be a global like the script's module-level `lock`.
static LOCK: Mutex<()> = Mutex::const_new(());

async fn run(sess: Client, url: String, id: usize) -> Result<usize, ClientError> {
    let _guard = LOCK.lock().await;
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
    let rets = try_join_all(futures).await?;
    let rets = rets.into_iter().collect::<Result<Vec<usize>, _>>()?;
    println!("{rets:?}");
    Ok(())
}

/// test5.py: a lock serialises the requests (3 s), against the guide's test web service
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
