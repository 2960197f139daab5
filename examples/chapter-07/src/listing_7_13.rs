//! Listing 7.13: `StressTest`, which runs many GETs on an event loop in another thread and
//! reports its progress to whoever started it.
//!
//! The book's class keeps the loop of a thread it did not start, and hands it work with
//! `asyncio.run_coroutine_threadsafe`; its `cancel` goes through `call_soon_threadsafe`. Here
//! the loop is a tokio runtime on its own thread, reached through its `Handle`: `handle.spawn`
//! is `run_coroutine_threadsafe`, and the `JoinHandle`'s `abort()` cancels from any thread
//! (tokio does the hand-over itself). The progress goes to a callback, called on the loop's
//! thread, as the book's is.

use std::sync::Arc;

use futures::StreamExt;
use futures::stream::FuturesUnordered;
use tokio::runtime::Handle;
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;
use web_client::Client;

/// How many requests are on their way at once: aiohttp's default, a `ClientSession` allows 100
/// connections, so the book's load tester sends 100 at a time, and so does this one.
const CONNECTION_LIMIT: usize = 100;

/// What the load test tells as it goes: `(completed_requests, total_requests)`.
pub type Callback = Arc<dyn Fn(usize, usize) + Send + Sync>;

/// `StressTest`.
pub struct StressTest {
    handle: Handle,
    url: String,
    total_requests: usize,
    callback: Callback,
    load_test: Option<JoinHandle<()>>,
}

impl StressTest {
    pub fn new(handle: Handle, url: String, total_requests: usize, callback: Callback) -> Self {
        StressTest {
            handle,
            url,
            total_requests,
            callback,
            load_test: None,
        }
    }

    /// Starts the requests on the loop's thread and returns at once.
    pub fn start(&mut self) {
        let requests = make_requests(
            self.url.clone(),
            self.total_requests,
            Arc::clone(&self.callback),
        );
        self.load_test = Some(self.handle.spawn(requests));
    }

    /// Stops the requests: those on their way are dropped, the others never start.
    pub fn cancel(&self) {
        if let Some(load_test) = &self.load_test {
            load_test.abort();
        }
    }
}

async fn make_requests(url: String, total_requests: usize, callback: Callback) {
    let session = Client::new();
    let connections = Semaphore::new(CONNECTION_LIMIT);
    // The book's `total_requests // 100` is 0 below 100 requests, and its `%` then raises
    // ZeroDivisionError: at least one.
    let refresh_rate = (total_requests / 100).max(1);
    let mut requests: FuturesUnordered<_> = (0..total_requests)
        .map(|_| get_url(&session, &connections, &url))
        .collect();
    // The book counts in each request's coroutine; here the requests' results come back to
    // this loop, which counts them: the same count, and nothing shared between the futures.
    let mut completed_requests = 0;
    while requests.next().await.is_some() {
        completed_requests += 1;
        if completed_requests % refresh_rate == 0 || completed_requests == total_requests {
            callback(completed_requests, total_requests);
        }
    }
}

async fn get_url(session: &Client, connections: &Semaphore, url: &str) {
    let _connection = connections.acquire().await;
    if let Err(e) = session.get(url).await {
        println!("{e}");
    }
}
