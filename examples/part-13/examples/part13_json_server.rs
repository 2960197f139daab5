//! "Beginning Python programming, part 13": the `asyncio.start_server` JSON responder.
//!
//! The Rust twin of the article's first program. A bare TCP server: for each connection it
//! reads the request (up to 1,024 bytes, without parsing it), writes an HTTP/1.1 response with
//! a JSON body by hand, and closes. No HTTP library on purpose: the point is the streams API,
//! `reader.read` / `writer.write` / `writer.close` becoming `read` / `write_all` / `shutdown` on
//! a `tokio::net::TcpStream`. Ctrl-C stops it with a message instead of a traceback.
//!
//! Run with:
//! ```text
//! cargo run --example part13_json_server
//! cargo run --example part13_json_server -- --port 0    # any free port
//! curl -i http://127.0.0.1:8000/                         # in a second terminal
//! ```
//!
//! Expected output, once Ctrl-C is pressed:
//! ```text
//! Serving on 127.0.0.1:8000
//! Stopping web server
//! ```
//!
//! Why 127.0.0.1 and not the article's `0.0.0.0`: `0.0.0.0` means "every network interface",
//! so anyone who can reach this machine (the café Wi-Fi, the office LAN, a container's host)
//! can talk to the server. A learning server belongs on the loopback interface, which only
//! programs on this machine can reach. `--host 0.0.0.0` is there if you really mean it.
//!
//! Where Rust differs:
//! - `asyncio.start_server(connection, ...)` spawns a task per client for you; here the
//!   workspace's accept loop (`serve::accept_until`) does, until the future it is given
//!   completes. Each connection is its own task, so a client that sends garbage, stalls, or
//!   hangs up half-way only ends its own task.
//! - The article catches `KeyboardInterrupt` around the whole loop. tokio delivers Ctrl-C as a
//!   future, `tokio::signal::ctrl_c()`, which ends the accept loop.
//! - We add `Content-Length` and `Connection: close` to the article's header, so that clients
//!   know where the body ends without waiting for the close, and a read deadline, so a client
//!   that never sends anything does not keep its task forever.
//! - What `start_server` does for you without a word: a failed `accept` (no file descriptor
//!   left) is logged and retried, not the end of the server, and the listen queue has room for
//!   a burst of clients (`serve::listen`).

use std::time::Duration;

use clap::Parser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The article's `connection(reader, writer)` coroutine.
async fn connection(mut stream: TcpStream) -> std::io::Result<()> {
    let mut request = [0_u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut request)).await;
    match read {
        // Hung up before sending anything, or never sent anything: nobody to answer.
        Ok(Ok(0)) | Err(_) => return Ok(()),
        Ok(result) => result?,
    };

    let data = serde_json::json!({
        "name": "Ada Lovelace",
        "email": "ada@example.com",
        "languages": ["Python", "Rust"],
        "active": true,
        "balance": 1234.56,
    });
    let body = data.to_string();
    let header = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all((header + &body).as_bytes()).await?;
    // `writer.close()`: send FIN so the client sees the end of the response.
    stream.shutdown().await
}

/// Part 13: a JSON responder on raw TCP, HTTP written by hand
#[derive(Parser)]
struct Args {
    /// The address to listen on
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port to listen on (0: any free port; the first line says which)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { host, port } = Args::parse();
    util::log_to_stderr("warn");
    // Each client is a file descriptor: allow as many as the system lets us.
    serve::raise_open_file_limit();
    let cannot_listen = |error: std::io::Error| format!("cannot listen on {host}:{port}: {error}");
    let address = tokio::net::lookup_host((host.as_str(), port))
        .await
        .map_err(cannot_listen)?
        .next()
        .ok_or_else(|| format!("cannot listen on {host}:{port}: no such address"))?;
    // `serve::listen` is `TcpListener::bind` with room for a burst of clients (a backlog of
    // 8,192, not 128).
    let listener = serve::listen(address)?;
    println!("Serving on {}", listener.local_addr()?);

    // `start_server(connection, ...)` and `serve_forever()` until Ctrl-C: a task per client.
    let clients = serve::accept_until(&listener, ctrl_c(), |stream, peer| async move {
        // A client that resets the connection mid-write is its own problem, not the server's;
        // say so on stderr and carry on.
        if let Err(error) = connection(stream).await {
            eprintln!("{peer}: {error}");
        }
    })
    .await;
    println!("Stopping web server");
    // The clients still connected are dropped with their tasks, as asyncio.run cancels them.
    drop(clients);
    Ok(())
}

/// Ctrl-C, or never if the OS gives no way to wait for it.
async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}
