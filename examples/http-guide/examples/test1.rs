//! test1.py: three requests, one after the other (the guide's "wrong" first attempt).
//!
//! The Rust twin of `test1.py` from "Python async programming, the complete guide". Each
//! request is awaited before the next one is sent, so nothing overlaps: 3 requests to a service
//! that answers after 1 s take 3 s, although the code is async.
//!
//! Run with:
//! ```text
//! cargo run --example test1
//! cargo run --example test1 -- --url http://127.0.0.1:8000 --workers 5
//! ```
//! Without `--url` the example serves the guide's test service itself on a free loopback port
//! (see `cargo run --example web`); with it, it talks to a running one (ours or `web.py`).
//!
//! Expected output (3 s):
//! ```text
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! 耗时: 0:00:03
//! ```
//! On a real run the last line carries microseconds, like Python's: `耗时: 0:00:03.004127`.
//!
//! Where Rust differs: `web_client::Client` is the `aiohttp.ClientSession`. It has no
//! `async with`; its pooled connections close when it is dropped at the end of `main_`.

use clap::Parser;
use http_guide::Workers;
use serve::StandInArgs;
use tokio::time::Instant;
use util::py::{PyRepr, TimeDelta};
use web_client::{Client, ClientError};
use web_service::WebService;

/// The script's `main(workers, url)` (Rust's `main` is the program's entry point).
async fn main_(workers: usize, url: &str) -> Result<(), ClientError> {
    let sess = Client::new();
    for _ in 0..workers {
        // `.await` here waits for this answer before the loop sends the next request.
        let body = sess.get_json(url).await?;
        println!("响应内容 {}", PyRepr(&body));
    }
    Ok(())
}

/// test1.py: three GETs awaited one after the other (3 s), against the guide's test web service
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
