//! Listing 4.1: an asynchronous context manager that waits for a client connection.
//!
//! The Rust twin of `chapter_04/listing_4_1.py`. `async with ConnectedSocket(server) as
//! connection:` accepts a client on the way in (awaiting, so the loop is free meanwhile) and
//! closes the connection on the way out, whatever the body did.
//!
//! Run with:
//! ```text
//! cargo run --example listing_4_1                 # then, in a second terminal:
//! cargo run --example line_client                 # and type: hello
//! ```
//!
//! Expected output, for a client that sends `hello\r\n`:
//! ```text
//! Entering context manager, waiting for connection
//! Accepted a connection
//! b'hello\r\n'
//! Exiting context manager
//! Closed connection
//! ```
//!
//! Where Rust differs: Rust has no `async with`, because it has no asynchronous `Drop`: a value
//! is dropped synchronously, and `__aexit__` could not await there. The honest shape is a
//! function that runs the body between the two halves, `connected_socket(&listener, async |c|
//! ...)`: the "exit" code runs after the body's future completes. (Closing a socket needs no
//! await, so here the plain `Drop` of the connection would do; the function shows the shape
//! for exits that must await, such as flushing or saying goodbye.)

use clap::Parser;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use util::py::PyBytes;

/// Listing 4.1: accept a connection inside an async "context manager"
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

/// `async with ConnectedSocket(server_socket) as connection: body(connection)`.
async fn connected_socket<T>(
    server_socket: &TcpListener,
    body: impl AsyncFnOnce(&mut TcpStream) -> T,
) -> std::io::Result<T> {
    // `__aenter__`
    println!("Entering context manager, waiting for connection");
    let (mut connection, _address) = server_socket.accept().await?;
    println!("Accepted a connection");

    let result = body(&mut connection).await;

    // `__aexit__`
    println!("Exiting context manager");
    drop(connection);
    println!("Closed connection");
    Ok(result)
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let server_socket = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    serve::tell_chosen_port(port, server_socket.local_addr()?);

    connected_socket(&server_socket, async |connection| {
        let mut data = [0; 1024];
        let received = connection.read(&mut data).await?;
        println!("{}", PyBytes(&data[..received]));
        Ok::<_, std::io::Error>(())
    })
    .await??;
    Ok(())
}
