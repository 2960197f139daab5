//! Listing 8.14: the chat client: messages at the top, your input at the bottom.
//!
//! The Rust twin of `chapter_08/listing_8_14.py`, on the chapter's terminal pieces (Listings
//! 8.5 and 8.7 to 8.9). It asks for a user name, connects to Listing 8.13's chat server and
//! says `CONNECT <name>`; then what the room says appears at the top while you type at the
//! bottom, and each line you type is sent. It ends when the server closes the connection, or
//! at Ctrl-C.
//!
//! Run with:
//! ```text
//! cargo run --example listing_8_14                # in a terminal
//! ```
//!
//! Expected output: `Enter username: ` on the bottom row; after `alice` and Enter, at the
//! top,
//! ```text
//! Welcome! 1 user(s) are online!
//! alice connected!
//! ```
//! and, for each line typed (`hi`), the room's echo of it: `alice: hi`. If the server is not
//! running, it ends with one line: `Error: cannot connect to 127.0.0.1:8000: Connection
//! refused ([..])`.
//!
//! Where Rust differs: `asyncio.wait([...], return_when=FIRST_COMPLETED)` on two tasks is a
//! `select!` of two futures (the one still running is dropped, which is how Rust cancels it),
//! with Ctrl-C as a third. The terminal is given back however the program ends, which the
//! book's does not do (see Listing 8.10); a message is at most 64 KiB, as asyncio's `readline`
//! allows.

use std::collections::VecDeque;
use std::io::{self, Write};

use asyncio_blocks::readline;
use chapter_08::listing_8_5::{StreamReader, create_stdin_reader};
use chapter_08::listing_8_7::move_to_bottom_of_screen;
use chapter_08::listing_8_8::read_line;
use chapter_08::listing_8_9::MessageStore;
use chapter_08::terminal::{Cbreak, clear_screen, redraw_output};
use clap::Parser;
use tokio::io::{AsyncBufRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Listing 8.14: the chat client for Listing 8.13's server
#[derive(Parser)]
struct Args {
    /// The chat server's host
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The chat server's port
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

async fn send_message(message: &str, writer: &mut (impl AsyncWrite + Unpin)) -> io::Result<()> {
    writer.write_all(format!("{message}\n").as_bytes()).await
}

async fn listen_for_messages<F: Fn(&VecDeque<String>)>(
    mut reader: impl AsyncBufRead + Unpin,
    message_store: &MessageStore<F>,
) -> io::Result<()> {
    let mut message = Vec::new();
    while readline(&mut reader, &mut message).await? > 0 {
        let text = String::from_utf8_lossy(&message);
        message_store.append(text.trim_end_matches(['\r', '\n']).to_owned());
        message.clear();
    }
    message_store.append("Server closed connection.".to_owned());
    Ok(())
}

async fn read_and_send(
    stdin_reader: &mut StreamReader,
    writer: &mut (impl AsyncWrite + Unpin),
) -> io::Result<()> {
    while let Some(message) = read_line(stdin_reader).await? {
        send_message(&message, writer).await?;
    }
    Ok(())
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let Args { host, port } = Args::parse();
    let _cbreak = Cbreak::enable()?;
    clear_screen()?;
    let mut out = io::stdout();
    let rows = move_to_bottom_of_screen(&mut out)?;
    let messages = MessageStore::new(redraw_output, usize::from(rows - 1));

    let mut stdin_reader = create_stdin_reader();
    out.write_all(b"Enter username: ")?;
    out.flush()?;
    let Some(username) = read_line(&mut stdin_reader).await? else {
        return Ok(());
    };

    let stream = TcpStream::connect((host.as_str(), port))
        .await
        .map_err(|error| format!("cannot connect to {host}:{port}: {error}"))?;
    let (reader, mut writer) = stream.into_split();
    send_message(&format!("CONNECT {username}"), &mut writer).await?;

    let message_listener = listen_for_messages(BufReader::new(reader), &messages);
    let input_listener = read_and_send(&mut stdin_reader, &mut writer);
    tokio::select! {
        listened = message_listener => listened?,
        sent = input_listener => sent?,
        () = serve::stop_requested() => {}
    }
    Ok(())
}
