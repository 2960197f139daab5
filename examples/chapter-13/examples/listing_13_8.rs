//! Listing 13.8: a thousand `gpg` encryptions, no more at once than there are CPUs.
//!
//! The Rust twin of `chapter_13/listing_13_8.py`. As Listing 13.7, with a thousand texts, but
//! each task first takes a permit of a semaphore sized to the number of CPUs, and gives it back
//! when its `gpg` has ended: at most that many processes run at a time, where 13.7 starts all
//! of them together and lets them fight over the CPUs (and the open-file limit).
//!
//! Run with:
//! ```text
//! cargo run --example listing_13_8 -- --texts 20
//! cargo run --example listing_13_8                # the book's thousand: some 75 s on 2 CPUs
//! ```
//!
//! Expected output, some 0.1 s of CPU for each text, shared by the CPUs:
//! ```text
//! Total time: [..]
//! ```
//!
//! `gpg` must be installed (Debian and Ubuntu: `apt-get install gnupg`). It runs with a
//! throwaway home (`GNUPGHOME`, see `chapter_13::gnupg`), never with your own keyring.
//!
//! Where Rust differs: `os.cpu_count()` is `std::thread::available_parallelism()`, which also
//! counts the CPU limit a container or `taskset` imposes, and `asyncio.Semaphore` is tokio's
//! `Semaphore`; `async with sem` is holding the permit `acquire` returns until it is dropped,
//! at the end of the block.

use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Instant;

use chapter_13::gnupg::GnupgHome;
use clap::Parser;
use rand::RngExt;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use tokio::sync::Semaphore;
use util::py::PyFloat;

const ASCII_LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Listing 13.8: encrypt random texts with gpg, at most a process per CPU at a time
#[derive(Parser)]
struct Args {
    /// How many texts to encrypt (the book's 1,000)
    #[arg(long, default_value_t = 1000)]
    texts: usize,
}

async fn encrypt(sem: &Semaphore, gnupg_home: &Path, text: String) -> std::io::Result<Vec<u8>> {
    let program = [
        "gpg",
        "-c",
        "--batch",
        "--passphrase",
        "3ncryptm3",
        "--cipher-algo",
        "TWOFISH",
    ];
    let _permit = sem.acquire().await.expect("the semaphore is never closed");
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
    let cpu_count = std::thread::available_parallelism()?.get();
    let semaphore = Arc::new(Semaphore::new(cpu_count));

    let s = Instant::now();
    let tasks: Vec<_> = text_list
        .into_iter()
        .map(|text| {
            let (semaphore, gnupg_home) = (Arc::clone(&semaphore), Arc::clone(&gnupg_home));
            tokio::spawn(async move { encrypt(&semaphore, gnupg_home.path(), text).await })
        })
        .collect();
    for task in tasks {
        task.await??;
    }
    let e = s.elapsed();

    println!("Total time: {}", PyFloat(e.as_secs_f64()));
    Ok(())
}
