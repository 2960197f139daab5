//! `aiohttp.ClientSession`'s twin: the one pooled HTTP client a program uses for all its
//! requests, cloned into its tasks. The guide's scripts and the book's chapters 4, 11 and 12
//! use it; see [`Client`].

mod client;

pub use client::{Client, ClientError};
