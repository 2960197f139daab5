//! Snippets 1 and 2: a sender and a receiver on one WebSocket, run together with `gather`
//!
//! From "A deeper look at async and concurrent programming in Python" (the document
//! inspector). Snippet 1 runs the message sender and the message receiver with
//! `asyncio.gather(sender, receiver)` and keeps `results[1]`, the receiver's result. Snippet 2
//! uses `gather` again to send several requests at once. Here both happen on one connection to
//! the document engine (started on a free port of 127.0.0.1 unless `--url` names one): the
//! sender asks for three widgets concurrently, the receiver collects the three replies.
//!
//! Run with:
//! ```text
//! cargo run --example ws_sender_receiver
//! cargo run --example ws_sender_receiver -- --url ws://127.0.0.1:8765
//! ```
//!
//! Expected output; the replies arrive in any order and are printed sorted by id:
//! ```text
//! sent 3 requests concurrently, ids [1, 2, 3]
//! received 3 replies, skipped 1 notification
//! results[1], sorted by id:
//!   w1  table  Orders
//!   w2  chart  Revenue
//!   w3  kpi    Margin
//! ```
//!
//! Where Rust differs:
//! - `gather(sender, receiver)` becomes `tokio::try_join!(sender, receiver)`, which gives a
//!   tuple: `let ((), widgets) = ...` is `results[1]` with its type checked. `try_join!` polls
//!   both futures inside the current task (no new tasks), and stops at the first `Err`,
//!   dropping the other future; `gather` keeps the others running unless told otherwise.
//! - `gather(*[send(...) for ...])` becomes `try_join_all(...)`. The requests share one write
//!   half, so each takes it in turn through an async mutex; in Python they share the socket too.
//! - The connection is split into a read half and a write half (`StreamExt::split`) so the two
//!   futures can use it at the same time; Python's one `websocket` object is shared freely.
//! - Closing is two steps: send the close frame, then read until the stream ends, which is
//!   when the engine's answer has arrived (the close handshake).

use clap::Parser;
use doc_engine::DocEngine;
use doc_engine::protocol::{GET_WIDGET_PROPERTIES, Request, ServerFrame, WidgetProperties};
use futures::future::try_join_all;
use futures::{SinkExt, StreamExt};
use serve::StandInArgs;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::Message;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const WIDGETS: [&str; 3] = ["w1", "w2", "w3"];

/// How long a server given with `--url` may take for the whole exchange, close included.
const LIMIT: Duration = Duration::from_secs(10);

/// The article's sender and receiver on one WebSocket, gathered
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    engine: StandInArgs<DocEngine>,
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let engine = Args::parse().engine.start()?;
    let url = engine.url("");
    // A server that never answers must not hang the program: the article bounds its
    // conversation with `wait_for` too.
    timeout(LIMIT, talk(&url))
        .await
        .map_err(|_| format!("{url} did not finish the exchange within {LIMIT:?}"))?
}

async fn talk(url: &str) -> Result<(), BoxError> {
    let (ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .map_err(|e| format!("cannot connect to {url}: {e}"))?;
    let (write, mut read) = ws.split();
    let write = Mutex::new(write);

    // Snippet 2: one request per widget, all sent concurrently; the ids come back in order.
    let sender = try_join_all((1..).zip(WIDGETS).map(|(id, widget)| {
        let frame = serde_json::to_string(&Request::new(id, GET_WIDGET_PROPERTIES, widget));
        let write = &write;
        async move {
            write.lock().await.send(Message::text(frame?)).await?;
            Ok::<u64, BoxError>(id)
        }
    }));

    let receiver = async {
        let (mut widgets, mut notifications) = (Vec::new(), 0);
        while widgets.len() < WIDGETS.len() {
            let message = read
                .next()
                .await
                .ok_or("the engine closed the connection")??;
            let Message::Text(text) = message else {
                continue;
            };
            let frame: ServerFrame = serde_json::from_str(&text)?;
            match (frame.id, frame.result) {
                (None, _) => notifications += 1,
                (Some(_), Some(result)) => widgets.push(serde_json::from_value(result)?),
                (Some(id), None) => return Err(format!("request {id} failed: {text}").into()),
            }
        }
        Ok::<(Vec<WidgetProperties>, usize), BoxError>((widgets, notifications))
    };

    // Snippet 1: `results = await asyncio.gather(sender, receiver)`.
    let (ids, (mut widgets, notifications)) = tokio::try_join!(sender, receiver)?;
    println!("sent {} requests concurrently, ids {ids:?}", ids.len());
    println!(
        "received {} replies, skipped {notifications} notification",
        widgets.len()
    );

    write.into_inner().close().await?;
    while read.next().await.is_some() {} // until the engine's close frame ends the stream

    widgets.sort_by(|a, b| a.id.cmp(&b.id));
    println!("results[1], sorted by id:");
    for w in widgets {
        println!("  {:<3} {:<6} {}", w.id, w.kind, w.title);
    }
    Ok(())
}
