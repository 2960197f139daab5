//! Listing 12.7: Listing 12.3's order application with a priority queue: power users first.
//!
//! The Rust twin of `chapter_12/listing_12_7.py` (aiohttp). `POST /order` with the JSON body
//! `{"power_user": "True"}` (or `"False"`) queues an order that records the kind of user; the
//! queue is a priority queue of at most ten, and power users' orders come out first. On Ctrl-C
//! (or SIGTERM) the server stops accepting, the workers get up to 10 s to finish what is
//! queued, then they are cancelled, with the requests still waiting for room in the queue.
//!
//! Run with:
//! ```text
//! cargo run --example listing_12_7 -- --seed 1           # then, in a second terminal:
//! curl -X POST -H "content-type: application/json" -d '{"power_user": "True"}' http://127.0.0.1:8080/order
//! ```
//! Without `--seed`, each order takes a random 0 to 4 s of work, as in the book.
//!
//! Expected output, for one power user's order, which takes 4 s of work with this seed, then
//! Ctrl-C once it is done:
//! ```text
//! Creating order queue and tasks.
//! ======== Running on http://127.0.0.1:8080 ========
//! (Press CTRL+C to quit)
//! Worker 0: Waiting for an order...
//! Worker 1: Waiting for an order...
//! Worker 2: Waiting for an order...
//! Worker 3: Waiting for an order...
//! Worker 4: Waiting for an order...
//! Worker 0: Processing order Order(user_type=<UserType.POWER_USER: 1>, order_delay=4)
//! Worker 0: Processed order Order(user_type=<UserType.POWER_USER: 1>, order_delay=4)
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
//!   hook's 10 s, and a second Ctrl-C ends it at once. The workspace's web applications all use
//!   axum (on hyper, which the other servers use directly); see `docs/chapter-12.md` for why.
//! - It binds `127.0.0.1` (aiohttp's default is every interface), `--port` to change 8080.
//! - `asyncio.PriorityQueue(10)` is `asyncio_blocks::PriorityQueue::new(10)`. The dataclass
//!   with `order=True` and `order_delay` out of the comparison is a struct whose `Ord` compares
//!   the user type alone; its `Display` is the dataclass's `repr`, the `IntEnum` member printed
//!   as Python prints it. The body is read as JSON whatever its content type, as aiohttp's
//!   `request.json()` reads it (`curl -d` says it sends a form); one that is not JSON is a 400,
//!   JSON that is not `{"power_user": ...}` a 422, where the book's handler would raise.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use std::cmp::Ordering;
use std::fmt;

use asyncio_blocks::PriorityQueue;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use clap::Parser;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use tokio::task::JoinSet;

/// Listing 12.7: a priority queue of orders behind a web application, power users first
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Seed the random order times, to repeat a run (random by default)
    #[arg(long)]
    seed: Option<u64>,
}

/// `class UserType(IntEnum)`: power users sort first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum UserType {
    PowerUser = 1,
    NormalUser = 2,
}

/// `@dataclass(order=True)` with `order_delay: int = field(compare=False)`.
#[derive(Debug)]
struct Order {
    user_type: UserType,
    order_delay: u64,
}

impl PartialEq for Order {
    fn eq(&self, other: &Self) -> bool {
        self.user_type == other.user_type
    }
}

impl Eq for Order {}

impl PartialOrd for Order {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Order {
    fn cmp(&self, other: &Self) -> Ordering {
        self.user_type.cmp(&other.user_type)
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let user_type = match self.user_type {
            UserType::PowerUser => "<UserType.POWER_USER: 1>",
            UserType::NormalUser => "<UserType.NORMAL_USER: 2>",
        };
        write!(
            f,
            "Order(user_type={user_type}, order_delay={})",
            self.order_delay
        )
    }
}

#[derive(Clone)]
struct App {
    order_queue: Arc<PriorityQueue<Order>>,
    random: Arc<Mutex<StdRng>>,
}

#[derive(serde::Deserialize)]
struct OrderRequest {
    power_user: String,
}

async fn process_order_worker(worker_id: usize, queue: Arc<PriorityQueue<Order>>) {
    loop {
        println!("Worker {worker_id}: Waiting for an order...");
        let order = queue.get().await;
        println!("Worker {worker_id}: Processing order {order}");
        tokio::time::sleep(Duration::from_secs(order.order_delay)).await;
        println!("Worker {worker_id}: Processed order {order}");
        queue.task_done().expect("one task_done per get");
    }
}

async fn place_order(
    State(app): State<App>,
    body: Bytes,
) -> Result<&'static str, (StatusCode, String)> {
    // `await request.json()`.
    let body: OrderRequest = serde_json::from_slice(&body).map_err(|error| {
        let status = if error.is_data() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::BAD_REQUEST
        };
        (status, format!("not an order: {error}\n"))
    })?;
    let user_type = if body.power_user == "True" {
        UserType::PowerUser
    } else {
        UserType::NormalUser
    };
    let order_delay = app
        .random
        .lock()
        .expect("no task panics holding the generator")
        .random_range(0..5);
    app.order_queue
        .put(Order {
            user_type,
            order_delay,
        })
        .await;
    Ok("Order placed!")
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let random = args.seed.map_or_else(rand::make_rng, StdRng::seed_from_u64);

    // `create_order_queue`, the startup hook.
    println!("Creating order queue and tasks.");
    let order_queue = Arc::new(PriorityQueue::new(10));
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
