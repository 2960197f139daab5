//! The test web service of "Python async programming, the complete guide": the twin of its
//! FastAPI `web.py`, `GET /` and `GET /random`, each answering after 1 s.
//!
//! [`serve`] serves a [`tokio::net::TcpListener`] (bind it with `util::listen`, which leaves
//! room for thousands of waiting clients) until a shutdown future completes. The `web` example runs it on
//! `127.0.0.1:8000`; the client examples start it in-process (see the `web-client` crate).

mod server;

pub use server::{Config, MAX_STREAMS, Protocol, Stopped, serve};
