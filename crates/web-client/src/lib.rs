//! What the guide's client scripts share: one pooled HTTP client, and the flags that say which
//! server to talk to.
//!
//! - [`Client`]: the twin of `aiohttp.ClientSession`, one per script, cloned into its tasks.
//! - [`ServiceArgs`]: `--url`, `--delay` and `--stagger`, flattened into each example's clap
//!   `Args`. Without `--url` the example starts the test web service in-process on a free
//!   loopback port, so it runs with a single `cargo run`; [`Workers`] is the scripts'
//!   `main(3, ...)`.

mod client;
mod service;

pub use client::{Client, ClientError};
pub use service::{Service, ServiceArgs, Workers};
