//! Listing 14.10: a selector and a coroutine driven by hand accept one connection.
//!
//! The Rust twin of `chapter_14/listing_14_10.py`. No event loop yet: `main` is polled by hand;
//! when it waits, the program waits on the selector (mio), and the callback registered for the
//! server socket accepts the client and sets the future `main` is waiting on. The next poll
//! finishes `main`.
//!
//! Run with:
//! ```text
//! cargo run --example listing_14_10                     # then, in a second terminal:
//! cargo run --example line_client
//! ```
//!
//! Expected output, once a client connects:
//! ```text
//! Waiting for socket connection!
//! Registering socket to listen for connections
//! Pausing to listen for connections...
//! Processing selector events...
//! We got a connection from <socket laddr=('127.0.0.1', 8000), raddr=('127.0.0.1', [..])>!
//! Got a connection <socket laddr=('127.0.0.1', 8000), raddr=('127.0.0.1', [..])>!
//! Application finished!
//! ```
//!
//! Where Rust differs: `coro.send(None)` is one `poll` with `Waker::noop()` (the driver polls
//! again after every event by itself), and `StopIteration` is `Poll::Ready`. The selector's
//! `key.data` callback is kept in a map by token, as mio names sockets by token. The future is
//! Listing 14.8's `CustomFuture` from the chapter's library.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use chapter_14::listing_14_8::CustomFuture;
use chapter_14::listing_14_12::SocketRepr;
use clap::Parser;
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll as Selector, Registry, Token};

/// Listing 14.10: accept one connection with a selector and a coroutine driven by hand
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

/// A callback to run when a registered socket is ready: `key.data`.
type Callbacks = RefCell<HashMap<Token, Box<dyn FnOnce()>>>;

fn accept_connection(future: &CustomFuture<Rc<TcpStream>>, sock: &TcpListener) {
    if let Ok((connection, _)) = sock.accept() {
        println!("We got a connection from {}!", SocketRepr(&connection));
        future.set_result(Rc::new(connection));
    }
}

async fn sock_accept(
    registry: &Registry,
    callbacks: &Callbacks,
    sock: Rc<RefCell<TcpListener>>,
) -> Rc<TcpStream> {
    println!("Registering socket to listen for connections");
    let future = CustomFuture::new();
    let token = Token(0);
    registry
        .register(&mut *sock.borrow_mut(), token, Interest::READABLE)
        .expect("a fresh listener can be registered");
    let done = future.clone();
    callbacks.borrow_mut().insert(
        token,
        Box::new(move || accept_connection(&done, &sock.borrow())),
    );
    println!("Pausing to listen for connections...");
    future.await
}

async fn listing_main(
    registry: &Registry,
    callbacks: &Callbacks,
    port: u16,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let sock = TcpListener::bind(std::net::SocketAddr::from(([127, 0, 0, 1], port)))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    serve::tell_chosen_port(port, sock.local_addr()?);
    println!("Waiting for socket connection!");
    let connection = sock_accept(registry, callbacks, Rc::new(RefCell::new(sock))).await;
    println!("Got a connection {}!", SocketRepr(&connection));
    Ok(())
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let Args { port } = Args::parse();
    let mut selector = Selector::new()?;
    let callbacks = Callbacks::default();
    let mut events = Events::with_capacity(8);
    let mut context = Context::from_waker(Waker::noop());

    // The coroutine registers sockets through a handle of its own; waiting needs `&mut`.
    let registry = selector.registry().try_clone()?;
    let mut coro = pin!(listing_main(&registry, &callbacks, port));
    loop {
        if let Poll::Ready(result) = coro.as_mut().poll(&mut context) {
            println!("Application finished!");
            return result;
        }
        selector.poll(&mut events, None)?;
        for event in &events {
            println!("Processing selector events...");
            if let Some(callback) = callbacks.borrow_mut().remove(&event.token()) {
                callback();
            }
        }
    }
}
