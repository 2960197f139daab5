//! Listing 12.3: a web application that queues orders for five workers, and drains the queue
//! when it stops.
//!
//! The Rust twin of `chapter_12/listing_12_3.py` (aiohttp). `POST /order` puts an order (a
//! random 0 to 4 seconds of work) in a queue of at most ten and answers once it is queued; five
//! worker tasks take orders from the queue. On Ctrl-C (or SIGTERM) the server stops accepting,
//! the workers get up to 10 s to finish what is queued, then they are cancelled, with the
//! requests still waiting for room in the queue.
//!
//! Run with:
//! ```text
//! cargo run --example listing_12_3 -- --seed 1           # then, in a second terminal:
//! curl -X POST http://127.0.0.1:8080/order
//! ```
//! Without `--seed`, each order takes a random 0 to 4 s of work, as in the book.
//!
//! Expected output, for one order, which takes 4 s of work with this seed, then Ctrl-C once it is
//! done:
//! ```text
//! Creating order queue and tasks.
//! ======== Running on http://127.0.0.1:8080 ========
//! (Press CTRL+C to quit)
//! Worker 0: Waiting for an order...
//! Worker 1: Waiting for an order...
//! Worker 2: Waiting for an order...
//! Worker 3: Waiting for an order...
//! Worker 4: Waiting for an order...
//! Worker 0: Processing order 4
//! Worker 0: Processed order 4
//! Worker 0: Waiting for an order...
//! Waiting for pending queue workers to finish....
//! Finished all pending items, canceling worker tasks...
//! ```
//!
//! Where Rust differs:
//! - aiohttp's application and routes are axum's `Router` with shared state, and `web.run_app`
//!   is the workspace's `web_app::run_app`: the startup hook is the code before it in `main`, the
//!   shutdown hook the closure it is given. As with aiohttp, Ctrl-C or SIGTERM runs the hook
//!   while the requests in flight go on, then closes what is left: the stop takes at most the
//!   hook's 10 s, and a second Ctrl-C ends it at once. The workspace's web applications all
//!   use axum (on hyper, which the other servers use directly); see `docs/chapter-12.md` for
//!   why.
//! - It binds `127.0.0.1` (aiohttp's default is every interface), `--port` to change 8080.
//! - `asyncio.Queue(10)` is `asyncio_blocks::Queue::new(10)`: a full queue makes the request
//!   wait, which is the back-pressure on clients.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use asyncio_blocks::Queue;
use axum::Router;
use axum::extract::State;
use axum::routing::post;
use clap::Parser;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use tokio::task::JoinSet;

/// Listing 12.3: an order queue behind a web application
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Seed the random order times, to repeat a run (random by default)
    #[arg(long)]
    seed: Option<u64>,
}

#[derive(Clone)]
struct App {
    order_queue: Arc<Queue<u64>>,
    random: Arc<Mutex<StdRng>>,
}

async fn process_order_worker(worker_id: usize, queue: Arc<Queue<u64>>) {
    loop {
        println!("Worker {worker_id}: Waiting for an order...");
        let order = queue.get().await;
        println!("Worker {worker_id}: Processing order {order}");
        tokio::time::sleep(Duration::from_secs(order)).await;
        println!("Worker {worker_id}: Processed order {order}");
        queue.task_done().expect("one task_done per get");
    }
}

async fn place_order(State(app): State<App>) -> &'static str {
    let order = app
        .random
        .lock()
        .expect("no task panics holding the generator")
        .random_range(0..5);
    app.order_queue.put(order).await;
    "Order placed!"
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let random = args.seed.map_or_else(rand::make_rng, StdRng::seed_from_u64);

    // `create_order_queue`, the startup hook.
    println!("Creating order queue and tasks.");
    let order_queue = Arc::new(Queue::new(10));
    let mut order_tasks = JoinSet::new();
    for i in 0..5 {
        order_tasks.spawn(process_order_worker(i, Arc::clone(&order_queue)));
    }
    let app = App {
        order_queue: Arc::clone(&order_queue),
        random: Arc::new(Mutex::new(random)),
    };
    let routes = Router::new()
        .route("/order", post(place_order))
        .with_state(app);

    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    let listener = serve::listen(address)?;
    println!(
        "======== Running on http://{} ========",
        listener.local_addr()?
    );
    println!("(Press CTRL+C to quit)");
    // `destroy_queue`, the shutdown hook: it runs on Ctrl-C or SIGTERM, while the requests in
    // flight go on, and the application stops when it is done.
    let destroy_queue = move || async move {
        println!("Waiting for pending queue workers to finish....");
        let _ = tokio::time::timeout(Duration::from_secs(10), order_queue.join()).await;
        println!("Finished all pending items, canceling worker tasks...");
        order_tasks.abort_all();
    };
    web_app::run_app(listener, routes, destroy_queue).await;
    Ok(())
}
