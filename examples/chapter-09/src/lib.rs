//! Chapter 9's own modules: what its REST listings share.
//!
//! - [`blocking`]: the thread-per-connection server of the blocking listings, 9.5 and 9.6.
//! - [`database`]: Listing 9.2's `create_database_pool` and `destroy_database_pool`, which
//!   Listing 9.4 imports, the products database they open, and the `/brands` handler of
//!   Listings 9.2 and 9.8.
//! - [`ApiError`]: a bad request's answer, a status and a short JSON error.
//! - [`websocket`]: the WebSocket handshake, answered from an axum handler (Listing 9.9).

pub mod blocking;
pub mod database;
mod error;
pub mod websocket;

pub use error::ApiError;

use std::net::{Ipv4Addr, SocketAddr};

use tokio::net::TcpListener;

/// aiohttp's port, which `web.run_app` takes unless told otherwise.
pub const AIOHTTP_PORT: u16 = 8080;

/// Listens on 127.0.0.1:`port` and prints aiohttp's start-up lines, as `web.run_app` does.
///
/// # Errors
/// If the port cannot be bound, in one line that names the address.
pub fn listen_and_say_so(port: u16) -> std::io::Result<TcpListener> {
    let listener = serve::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    println!(
        "======== Running on http://{} ========",
        listener.local_addr()?
    );
    println!("(Press CTRL+C to quit)");
    Ok(listener)
}
