//! Listing 8.2: a GET request made with Listing 8.1's protocol and the loop's
//! `create_connection`.
//!
//! The Rust twin of `chapter_08/listing_8_2.py`, with the protocol of Listing 8.1 from the
//! chapter's library (`examples/chapter-08/src/listing_8_1.rs`). The book fetches
//! `www.example.com`; this asks the local stand-in for the internet (its page after 0.5 s),
//! or the server `--url` names.
//!
//! Run with:
//! ```text
//! cargo run --example listing_8_2
//! ```
//!
//! Expected output:
//! ```text
//! Connection made to 127.0.0.1:[..]
//! Data received!
//! Connection closed without error.
//! HTTP/1.1 200 OK
//! content-type: text/html; charset=UTF-8
//! content-length: 169
//! connection: close
//!
//! <!doctype html>
//! <html>
//! <head><title>Example site</title></head>
//! <body>
//! <h1>Example site</h1>
//! <p>A local stand-in for the web sites the book fetches.</p>
//! </body>
//! </html>
//!
//! ```
//! A real site's response comes in several reads, so `Data received!` prints several times.
//!
//! Where Rust differs: tokio has no protocols and transports (the library module says what
//! stands for them, and why tokio chose streams). In asyncio, `connection_lost` is a callback
//! the loop schedules after the response's future is resolved, so the book prints `Connection
//! closed without error.` after the response; here the task that drives the protocol calls it
//! at once, before `main` runs again, so it prints before.

use std::io;

use chapter_08::listing_8_1::{HttpGetClientProtocol, create_connection};
use clap::Parser;
use internet::Internet;
use serve::StandInArgs;

/// Listing 8.2: an HTTP GET written as a protocol
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

async fn make_request(address: &str) -> io::Result<String> {
    let (protocol, response) = HttpGetClientProtocol::new(address);
    create_connection(protocol, address)
        .await
        .map_err(|error| {
            io::Error::new(
                error.kind(),
                format!("cannot connect to {address}: {error}"),
            )
        })?;
    response.get_response().await
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start()?;
    let result = make_request(&site.address()).await?;
    println!("{result}");
    Ok(())
}
