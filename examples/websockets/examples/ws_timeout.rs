//! Snippet 3: bounding the WebSocket conversation with a timeout (`asyncio.wait_for`)
//!
//! From "A deeper look at async and concurrent programming in Python", section "timeouts". The
//! inspection ends when no reply is pending; a reply that never comes would block it for ever,
//! so the article wraps the whole conversation in `asyncio.wait_for(..., timeout)`, which
//! cancels it and raises `TimeoutError` when time is up. Here the engine (started on a free port
//! of 127.0.0.1) is told to take 10 s per reply, and the receiver is given 2 s.
//!
//! Run with:
//! ```text
//! cargo run --example ws_timeout
//! ```
//!
//! Expected output (2 s):
//! ```text
//! GetDocument sent; the engine answers after 10 s
//! receiver: waiting for the reply
//! receiver: dropped before it finished (this is how it is cancelled)
//! timed out after 2 s: TimeoutError, and no reply
//! ```
//!
//! Where Rust differs:
//! - `wait_for(aw, t)` is `tokio::time::timeout(t, fut)`, which returns
//!   `Err(Elapsed)` instead of raising. On time-out it *drops* the future, and dropping is how a
//!   Rust future is cancelled: no `CancelledError` is raised inside it, only its `Drop` code
//!   runs, as the guard's line above shows.
//! - The trap: `timeout(t, join_handle)` does not cancel a spawned task, because dropping a
//!   `JoinHandle` detaches the task. The inspector (`crates/doc-inspector`) therefore aborts its
//!   two tasks itself after the timeout (see `ws_cancel_all_tasks`).

use std::time::Duration;

use doc_engine::Settings;
use doc_engine::protocol::{GET_DOCUMENT, Request, ServerFrame};
use futures::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Prints when the receiver is dropped before it could disarm it.
struct Cancelled(bool);

impl Drop for Cancelled {
    fn drop(&mut self) {
        if !self.0 {
            println!("receiver: dropped before it finished (this is how it is cancelled)");
        }
    }
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    // The engine, on a free port of this runtime, slowed down to 10 s a reply.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("ws://{}", listener.local_addr()?);
    let slow = Settings::fixed_delay(Duration::from_secs(10));
    tokio::spawn(doc_engine::serve(listener, slow, std::future::pending()));
    let (mut ws, _) = tokio_tungstenite::connect_async(url.as_str()).await?;
    let request = serde_json::to_string(&Request::new(1, GET_DOCUMENT, "sales"))?;
    ws.send(Message::text(request)).await?;
    println!("GetDocument sent; the engine answers after 10 s");

    let receiver = async {
        let mut guard = Cancelled(false);
        println!("receiver: waiting for the reply");
        while let Some(message) = ws.next().await {
            let text = message?.into_text()?;
            let frame: ServerFrame = serde_json::from_str(&text)?;
            if frame.id == Some(1) {
                guard.0 = true;
                return Ok::<_, BoxError>(text);
            } // else the OnConnected notification: not what we wait for
        }
        Err("the engine closed the connection".into())
    };

    match tokio::time::timeout(Duration::from_secs(2), receiver).await {
        Ok(reply) => println!("reply: {}", reply?),
        Err(_elapsed) => println!("timed out after 2 s: TimeoutError, and no reply"),
    }
    Ok(())
}
