//! Listing 13.7: encrypt a hundred texts with a hundred `gpg` processes, all at once.
//!
//! The Rust twin of `chapter_13/listing_13_7.py`. A hundred random texts of 1,000 letters each;
//! for each, a task starts `gpg -c` (symmetric encryption with a passphrase, cipher TWOFISH),
//! hands it the text on stdin and reads the encrypted bytes from its stdout. The hundred
//! processes run at the same time; the program prints how long they took together, then the
//! hundred results.
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_7 -- --texts 20
//! cargo run --example listing_13_7                # the book's hundred: some 10 s on 2 CPUs
//! ```
//!
//! Expected output, where the time and the bytes differ each run and the list is one line:
//! ```text
//! Total time: [..]
//! [b[..]]
//! ```
//! Each `gpg` spends about 0.1 s of CPU turning the passphrase into a key (gpg measures how
//! many hashing rounds take that long on the machine), so the run takes about that much times
//! the number of texts, divided by the number of CPUs.
//!
//! `gpg` must be installed (Debian and Ubuntu: `apt-get install gnupg`). It runs with a
//! throwaway home (`GNUPGHOME`, see `chapter_13::gnupg`), never with your own keyring.
//!
//! Where Rust differs: `communicate(input)` is taking the child's stdin, writing the text and
//! dropping it (which closes the pipe, the child's end of input) while `wait_with_output`
//! reads stdout, both at once with `join!`, so that neither side can wait on a full pipe.
//! `create_task` is `tokio::spawn`, and `gather` is awaiting the handles in order.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Instant;

use chapter_13::gnupg::GnupgHome;
use clap::Parser;
use rand::RngExt;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use util::py::{PyBytes, PyFloat};

const ASCII_LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Listing 13.7: encrypt random texts with gpg, all at once
#[derive(Parser)]
struct Args {
    /// How many texts to encrypt (the book's 100)
    #[arg(long, default_value_t = 100)]
    texts: usize,
}

async fn encrypt(gnupg_home: &Path, text: String) -> std::io::Result<Vec<u8>> {
    let program = [
        "gpg",
        "-c",
        "--batch",
        "--passphrase",
        "3ncryptm3",
        "--cipher-algo",
        "TWOFISH",
    ];
    let mut process = Command::new(program[0])
        .args(&program[1..])
        .env("GNUPGHOME", gnupg_home)
        .stdout(Stdio::piped())
        .stdin(Stdio::piped())
        .spawn()?;
    let mut stdin = process.stdin.take().expect("stdin is piped");
    let feed = async move { stdin.write_all(text.as_bytes()).await };
    let (fed, output) = tokio::join!(feed, process.wait_with_output());
    fed?;
    Ok(output?.stdout)
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let gnupg_home = Arc::new(GnupgHome::new()?);
    let mut random = rand::rng();
    let text_list: Vec<String> = (0..args.texts)
        .map(|_| {
            (0..1000)
                .map(|_| char::from(ASCII_LETTERS[random.random_range(..ASCII_LETTERS.len())]))
                .collect()
        })
        .collect();

    let s = Instant::now();
    let tasks: Vec<_> = text_list
        .into_iter()
        .map(|text| {
            let gnupg_home = Arc::clone(&gnupg_home);
            tokio::spawn(async move { encrypt(gnupg_home.path(), text).await })
        })
        .collect();
    let mut encrypted_text = Vec::with_capacity(tasks.len());
    for task in tasks {
        encrypted_text.push(task.await??);
    }
    let e = s.elapsed();

    println!("Total time: {}", PyFloat(e.as_secs_f64()));
    let shown: Vec<String> = encrypted_text
        .iter()
        .map(|bytes| PyBytes(bytes).to_string())
        .collect();
    println!("[{}]", shown.join(", "));
    Ok(())
}
