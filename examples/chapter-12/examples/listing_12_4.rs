//! Listing 12.4: a web crawler: a queue of pages to visit, a hundred workers, a maximum depth.
//!
//! The Rust twin of `chapter_12/listing_12_4.py`. A worker takes a page from the queue, fetches
//! it, and, unless it is already at the maximum depth, puts every link it finds back in the
//! queue one level deeper. The program ends when the queue is empty and every page is done
//! (`queue.join()`), then cancels the workers.
//!
//! Run with:
//! ```text
//! cargo run --example listing_12_4 -- --workers 2 --max-depth 2
//! cargo run --example listing_12_4                     # the book's 100 workers, depth 3
//! ```
//! The book starts at `http://example.com`; the example crawls a small site on the local
//! stand-in (`crates/internet`, `/crawl/`): four pages, a link back to the start (a cycle),
//! a page that does not exist, and a link to a server that refuses connections. `--url`
//! starts elsewhere.
//!
//! Expected output of the first command (2 s):
//! ```text
//! Worker 0
//! Worker 0: Processing http://127.0.0.1:[..]/crawl/
//! Worker 1
//! Worker 0: Finished http://127.0.0.1:[..]/crawl/
//! Worker 0: Processing http://127.0.0.1:[..]/crawl/about
//! Worker 1: Processing http://127.0.0.1:[..]/crawl/news
//! Worker 0: Finished http://127.0.0.1:[..]/crawl/about
//! Worker 0: Processing http://127.0.0.1:[..]/crawl/
//! Worker 1: Finished http://127.0.0.1:[..]/crawl/news
//! Worker 1: Processing http://127.0.0.1:[..]/crawl/team
//! Max depth reached, not processing more for http://127.0.0.1:[..]/crawl/
//! Worker 0: Finished http://127.0.0.1:[..]/crawl/
//! Worker 0: Processing http://127.0.0.1:[..]/crawl/missing
//! Max depth reached, not processing more for http://127.0.0.1:[..]/crawl/team
//! Worker 1: Finished http://127.0.0.1:[..]/crawl/team
//! Worker 1: Processing http://127.0.0.1:1/offline
//! Worker 1: Finished http://127.0.0.1:1/offline
//! Max depth reached, not processing more for http://127.0.0.1:[..]/crawl/missing
//! Worker 0: Finished http://127.0.0.1:[..]/crawl/missing
//! ```
//! Expected stderr, for the dead link, where Python logs the exception with its traceback:
//! ```text
//! [..] ERROR listing_12_4: Error processing url http://127.0.0.1:1/offline error=cannot connect to http://127.0.0.1:1/offline (is the server running?): [..]
//! ```
//! The missing page is a 404, which aiohttp does not raise for: it is read, and has no links.
//!
//! Where Rust differs: BeautifulSoup's `find_all('a', href=True)` is a CSS selector,
//! `a[href]`, over the document `scraper` parses. A `scraper::Html` holds `Rc`s inside, so it
//! cannot live across an `.await` in a task that may move between threads: the links are taken
//! out of it, as plain strings, before the next `.await`.

use std::time::Duration;

use asyncio_blocks::Queue;
use clap::Parser;
use internet::Internet;
use scraper::{Html, Selector};
use serve::StandInArgs;
use tokio::task::JoinSet;
use web_client::Client;

/// Listing 12.4: crawl a site with a queue and a pool of workers
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
    /// How many workers (the book's 100)
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = util::cli::at_least_one)]
    workers: usize,
    /// How deep to follow links (the book's 3)
    #[arg(long, value_name = "N", default_value_t = 3)]
    max_depth: u32,
}

struct WorkItem {
    item_depth: u32,
    url: String,
}

async fn worker(worker_id: usize, queue: &Queue<WorkItem>, session: &Client, max_depth: u32) {
    println!("Worker {worker_id}");
    loop {
        let work_item = queue.get().await;
        println!("Worker {worker_id}: Processing {}", work_item.url);
        process_page(&work_item, queue, session, max_depth).await;
        println!("Worker {worker_id}: Finished {}", work_item.url);
        queue.task_done().expect("one task_done per get");
    }
}

async fn process_page(
    work_item: &WorkItem,
    queue: &Queue<WorkItem>,
    session: &Client,
    max_depth: u32,
) {
    let url = &work_item.url;
    // aiohttp does not raise for a 404: its page is read like any other (and has no links).
    let response = tokio::time::timeout(Duration::from_secs(3), session.get_page(url)).await;
    let body = match response {
        Ok(Ok((_status, body))) => body,
        Ok(Err(error)) => {
            tracing::error!(%error, "Error processing url {url}");
            return;
        }
        Err(_) => {
            tracing::error!("Error processing url {url}: no answer within 3 s");
            return;
        }
    };
    if work_item.item_depth == max_depth {
        println!("Max depth reached, not processing more for {url}");
        return;
    }
    for link in links(&String::from_utf8_lossy(&body)) {
        let next = WorkItem {
            item_depth: work_item.item_depth + 1,
            url: link,
        };
        queue
            .put_nowait(next)
            .map_err(|_| ())
            .expect("an unbounded queue is never full");
    }
}

/// The `href` of every `<a href=...>` in `html`.
fn links(html: &str) -> Vec<String> {
    let anchors = Selector::parse("a[href]").expect("a valid selector");
    Html::parse_document(html)
        .select(&anchors)
        .filter_map(|anchor| anchor.value().attr("href"))
        .map(str::to_owned)
        .collect()
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    util::log_to_stderr("warn");
    let site = args.site.start()?;
    let start_url = site.url("/crawl/");

    let url_queue = Queue::new(0);
    url_queue
        .put_nowait(WorkItem {
            item_depth: 0,
            url: start_url,
        })
        .map_err(|_| ())
        .expect("an unbounded queue is never full");
    let session = Client::new();
    let mut workers = JoinSet::new();
    let url_queue = std::sync::Arc::new(url_queue);
    for i in 0..args.workers {
        let (queue, session) = (std::sync::Arc::clone(&url_queue), session.clone());
        let max_depth = args.max_depth;
        workers.spawn(async move { worker(i, &queue, &session, max_depth).await });
    }
    url_queue.join().await;
    workers.abort_all();
    Ok(())
}
