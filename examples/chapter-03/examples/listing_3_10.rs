//! Listing 3.10: the echo server with a graceful shutdown on SIGINT and SIGTERM.
//!
//! The Rust twin of `chapter_03/listing_3_10.py`. Listing 3.8's echo server, with two additions:
//! a client that sends `boom` makes its task fail (the error is logged and only that client is
//! disconnected), and Ctrl-C or SIGTERM stops the server gracefully: no new clients, and each
//! client's task gets up to 2 seconds to finish before it is cancelled. The tasks get their 2
//! seconds in turn, as in the book, so ten idle clients hold the exit 20 s; a second Ctrl-C or
//! SIGTERM ends the wait at once.
//!
//! Run with:
//! ```text
//! cargo run --example listing_3_10                # then, in a second terminal:
//! cargo run --example line_client                 # type hi, then boom
//! ```
//!
//! Expected output, for a client that connects and sends `hi\r\n`:
//! ```text
//! Got a connection from ('127.0.0.1', [..])
//! got data!
//! ```
//! A `boom\r\n` prints `got data!` too, and logs `ERROR ... Unexpected network error` on stderr.
//! After Ctrl-C or SIGTERM the program exits with status 0 once every client's task has
//! finished or had its 2 seconds, or at a second signal. As the book's, it ends at the
//! open-file limit (`accept` fails, and the error ends the program).
//!
//! Where Rust differs:
//! - The book raises `GracefulExit` out of the signal handler to stop the loop, then runs the
//!   clean-up on the loop again. Here the signals are futures: `select!` races them against the
//!   accept loop, and the loser (the accept loop) is dropped, which closes the listener.
//! - `asyncio.wait_for(task, 2)` cancels the task on time-out; `tokio::time::timeout` on a
//!   `JoinHandle` only stops waiting for it (dropping a handle detaches its task), so the
//!   clean-up aborts the task itself.
//! - `try`/`finally: connection.close()` is the socket's `Drop`, which runs when the task ends,
//!   fails or is aborted.
//! - The book keeps every task it ever started in its list; here the finished ones are dropped
//!   from it at each new client, so that a server that runs for weeks does not keep every client
//!   it ever had.

use std::net::TcpListener as StdListener;
use std::time::Duration;

use clap::Parser;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};
use tokio::task::JoinHandle;
use util::py::PyAddress;

/// Listing 3.10: the echo server, stopped gracefully on Ctrl-C or SIGTERM
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

async fn echo(mut connection: TcpStream) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut data = [0; 1024];
    loop {
        let received = connection.read(&mut data).await?;
        if received == 0 {
            return Ok(());
        }
        println!("got data!");
        if &data[..received] == b"boom\r\n" {
            return Err("Unexpected network error".into());
        }
        connection.write_all(&data[..received]).await?;
    }
}

async fn connection_listener(
    server_socket: TcpListener,
    echo_tasks: &mut Vec<JoinHandle<()>>,
) -> std::io::Result<()> {
    loop {
        // As the book's `sock_accept`: out of file descriptors, the error ends the server.
        let (connection, address) = server_socket.accept().await?;
        println!("Got a connection from {}", PyAddress(address));
        echo_tasks.retain(|task| !task.is_finished());
        echo_tasks.push(tokio::spawn(async move {
            // `except Exception as ex: logging.exception(ex)`
            if let Err(error) = echo(connection).await {
                tracing::error!("{error}");
            }
        }));
    }
}

/// Gives each echo task up to 2 seconds to finish, then cancels it.
async fn close_echo_tasks(echo_tasks: Vec<JoinHandle<()>>) {
    for mut task in echo_tasks {
        if tokio::time::timeout(Duration::from_secs(2), &mut task)
            .await
            .is_err()
        {
            // We expect a time-out here: the client is still connected.
            task.abort();
        }
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    // `logging.exception` writes to stderr; so does this.
    util::log_to_stderr("warn");
    let server_socket = StdListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    serve::tell_chosen_port(port, server_socket.local_addr()?);
    server_socket.set_nonblocking(true)?;
    let server_socket = TcpListener::from_std(server_socket)?;

    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut echo_tasks = Vec::new();
    tokio::select! {
        listened = connection_listener(server_socket, &mut echo_tasks) => listened?,
        _ = sigint.recv() => {}
        _ = sigterm.recv() => {}
    }
    // The book's handlers are still there while it closes the tasks: a second signal raises
    // `GracefulExit` again, which ends the program at once.
    tokio::select! {
        () = close_echo_tasks(echo_tasks) => {}
        _ = sigint.recv() => {}
        _ = sigterm.recv() => {}
    }
    Ok(())
}
