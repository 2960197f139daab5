//! Listing 8.3: the same GET request with a stream reader and a stream writer.
//!
//! The Rust twin of `chapter_08/listing_8_3.py`. `asyncio.open_connection` is
//! `TcpStream::connect`, split into a reading half (buffered, for `readline`) and a writing
//! half. The book's async generator, which yields the response a line at a time, is a
//! `Stream` made with `futures::stream::try_unfold`, collected as the book's list
//! comprehension collects it. Against the local stand-in for the internet (its page after
//! 0.5 s), or the server `--url` names.
//!
//! Run with:
//! ```text
//! cargo run --example listing_8_3
//! ```
//!
//! Expected output:
//! ```text
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
//!
//! Where Rust differs: `writer.close()` and `await writer.wait_closed()` are `shutdown()`,
//! which sends the end of the stream and waits for it to be sent; the socket itself closes
//! when both halves are dropped. A line is at most 64 KiB, as asyncio's `readline` limit.

use std::io;

use asyncio_blocks::readline;
use clap::Parser;
use futures::{Stream, TryStreamExt};
use internet::Internet;
use serve::StandInArgs;
use tokio::io::{AsyncBufRead, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Listing 8.3: an HTTP GET with streams
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

/// `async for response in read_until_empty(stream_reader)`: the lines, until the end.
fn read_until_empty<R>(stream_reader: R) -> impl Stream<Item = io::Result<String>>
where
    R: AsyncBufRead + Unpin,
{
    futures::stream::try_unfold(stream_reader, async |mut stream_reader| {
        let mut response = Vec::new();
        Ok(match readline(&mut stream_reader, &mut response).await? {
            0 => None,
            _ => Some((
                String::from_utf8_lossy(&response).into_owned(),
                stream_reader,
            )),
        })
    })
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start()?;
    let host = site.address();
    let request = format!("GET / HTTP/1.1\r\nConnection: close\r\nHost: {host}\r\n\r\n");

    let stream = TcpStream::connect(&host)
        .await
        .map_err(|error| format!("cannot connect to {host}: {error}"))?;
    let (stream_reader, mut stream_writer) = stream.into_split();

    stream_writer.write_all(request.as_bytes()).await?;
    let responses: Vec<String> = read_until_empty(BufReader::new(stream_reader))
        .try_collect()
        .await?;
    println!("{}", responses.concat());

    stream_writer.shutdown().await?;
    Ok(())
}
