//! Chapter 8's own modules: the listings the book imports from one another, and what the
//! terminal programs and the chat servers share.
//!
//! - [`listing_8_1`]: asyncio's `Protocol` and `Transport` in Rust terms, and the HTTP GET
//!   client written as a protocol (Listing 8.2 runs it).
//! - [`listing_8_5`]: standard input as a stream reader that does not block the loop.
//! - [`listing_8_7`], [`listing_8_8`], [`listing_8_9`]: the cursor's escape sequences, the line
//!   editor, the message store: the pieces of Listings 8.10, 8.11 and 8.14.
//! - [`terminal`]: cbreak mode, given back on every way out, and the redraw.
//! - [`outbox`]: what a chat server sends a client, queued so that a slow client slows only
//!   itself.

pub mod listing_8_1;
pub mod listing_8_5;
pub mod listing_8_7;
pub mod listing_8_8;
pub mod listing_8_9;
pub mod outbox;
pub mod terminal;
