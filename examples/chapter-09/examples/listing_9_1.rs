//! Listing 9.1: a web application with one route, `/time`, answering in JSON.
//!
//! The Rust twin of `chapter_09/listing_9_1.py` (aiohttp). `GET /time` answers with today's
//! month and day and the time of day. It serves until Ctrl-C or SIGTERM.
//!
//! Run with:
//! ```text
//! cargo run --example listing_9_1                 # then, in a second terminal:
//! curl http://127.0.0.1:8080/time
//! ```
//!
//! Expected output:
//! ```text
//! ======== Running on http://127.0.0.1:8080 ========
//! (Press CTRL+C to quit)
//! ```
//! and `curl` gets, for instance, `{"month":12,"day":4,"time":"05:40:12.123456"}`.
//!
//! Where Rust differs:
//! - aiohttp's `RouteTableDef` and `Application` are axum's `Router`; a handler returns
//!   `Json(value)` for `web.json_response(value)`, and a struct that derives `Serialize` keeps
//!   its fields in the book's order. `web.run_app` is the workspace's `web_app::run_app`
//!   (Ctrl-C and SIGTERM stop it gracefully, a second one at once; a client gets 10 s to send
//!   its request head). It binds 127.0.0.1, not every interface; `--port` changes 8080.
//! - The time is UTC (`util::clock`): Python's `datetime.today()` is local time, which needs
//!   the time-zone database; the two agree on a machine set to UTC.

use axum::Json;
use axum::Router;
use axum::routing::get;
use chapter_09::{AIOHTTP_PORT, listen_and_say_so};
use clap::Parser;
use serde::Serialize;

/// Listing 9.1: a web application that tells the time
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = AIOHTTP_PORT)]
    port: u16,
}

#[derive(Serialize)]
struct Today {
    month: u64,
    day: u64,
    time: String,
}

async fn time() -> Json<Today> {
    let today = util::clock::now();
    let (_, month, day) = today.date();
    Json(Today {
        month,
        day,
        time: today.time_of_day(),
    })
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let app = Router::new().route("/time", get(time));
    let listener = listen_and_say_so(port)?;
    web_app::run_app(listener, app, || async {}).await;
    Ok(())
}
