//! A stand-in for the internet hosts the book fetches.
//!
//! *Concurrency in Python with Asyncio* requests `https://www.example.com` (and, in chapter 4,
//! a bad `python://` URL) to show what waiting on the network does to a program. Our examples
//! never leave the machine: they start this server on a loopback port instead, unless the
//! reader points them at a real one with `--url` (see [`SiteArgs`]).
//!
//! | request | answer |
//! |---|---|
//! | `GET` any path | `200`, a small HTML page, after the site's latency |
//! | `GET /status/CODE` | status `CODE` (100 to 599), after the latency |
//! | `GET /crawl/` and its links | a four-page site with a cycle, a 404 and a dead link, for the chapter 12 crawler |
//! | `?delay=SECONDS` on any of them | that latency for this request instead |
//! | another method | `405` at once |
//!
//! A request that arrives while others are waiting waits a millisecond longer for each of them
//! (`--stagger`), so that answers arrive one after the other, as on a real network.
//!
//! The latency is what the book's timings are made of: two requests in turn take twice as long
//! as two at once. It is exact under the tests' paused clock when the site runs on the
//! example's own runtime ([`start_local`]), and real time when it runs on a thread of its own
//! ([`SiteArgs::on_thread`]), which blocking clients need (a blocked runtime thread could not
//! answer them).

mod site;

pub use site::{Config, Site, SiteArgs, serve, start_local};
