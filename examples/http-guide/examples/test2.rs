//! test2.py: fire-and-forget tasks, kept alive by a 1.1 s sleep.
//!
//! The Rust twin of `test2.py` from "Python async programming, the complete guide". `main_`
//! starts one task per request and does not keep them: it sleeps 1.1 s, long enough for the
//! 1 s answers to arrive, and returns. The three requests now overlap, so the run takes 1.1 s.
//!
//! Run with:
//! ```text
//! cargo run --example test2
//! cargo run --example test2 -- --no-sleep
//! cargo run --example test2 -- --url http://127.0.0.1:8000 --workers 5
//! ```
//!
//! Expected output (1.1 s):
//! ```text
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! 响应内容 {'msg': 'ok'}
//! 耗时: 0:00:01.100000
//! ```
//!
//! Without the sleep (`--no-sleep`) the script prints only `耗时: 0:00:00` (plus microseconds on
//! a real run). In Python the tasks fail with `RuntimeError: Session is closed`, because `async
//! with` closed the session under them. Here each task owns a clone of the client, so nothing
//! can close it under them; instead, when `main` returns the runtime shuts down and drops the
//! unfinished tasks at their current `.await`: they never print. Sleeping "long enough" is a
//! guess either way; test3 and test4 wait for the tasks instead.
//!
//! Where Rust differs: `tokio::spawn` is `asyncio.ensure_future`, and dropping its `JoinHandle`
//! detaches the task (it keeps running). Python may garbage-collect a task nobody references.

use clap::Parser;
use std::time::Duration;

use http_guide::Workers;
use serve::StandInArgs;
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
async fn main_(workers: usize, url: &str, keep_alive: bool) {
    let sess = Client::new();
    for _ in 0..workers {
        let task = run(sess.clone(), url.to_owned());
        tokio::spawn(async move {
            // Nobody awaits this task, so nobody could receive its error (Python logs "Task
            // exception was never retrieved"). A script cannot go on without its server, so the
            // task reports it and ends the program.
            if let Err(error) = task.await {
                eprintln!("Error: {error}");
                std::process::exit(1);
            }
        });
    }
    if keep_alive {
        tokio::time::sleep(Duration::from_millis(1100)).await;
    }
}

/// test2.py: fire-and-forget tasks, kept alive by a 1.1 s sleep, against the guide's test web service
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    service: StandInArgs<WebService>,
    #[command(flatten)]
    workers: Workers,
    /// Do not sleep 1.1 s at the end: the tasks are dropped before they answer
    #[arg(long)]
    no_sleep: bool,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let service = args.service.start()?;
    let start = Instant::now();
    main_(args.workers.workers, &service.url("/"), !args.no_sleep).await;
    println!("耗时: {}", TimeDelta(start.elapsed()));
    Ok(())
}
