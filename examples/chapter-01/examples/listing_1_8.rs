//! Listing 1.8: the two blocking GETs in two threads.
//!
//! The Rust twin of `chapter_01/listing_1_8.py`. While a thread waits on the network it needs
//! no CPU, so two threads waiting at once take about as long as one request: here the story is
//! the book's, GIL or no GIL.
//!
//! Run with:
//! ```text
//! cargo run --example listing_1_8
//! ```
//! As in Listing 1.7, the example fetches a local stand-in that answers after 0.5 s
//! (`--latency`), unless `--url` names a real site.
//!
//! Expected output (0.5 s), the latency once, against Listing 1.7's 1 s:
//! ```text
//! All threads running!
//! 200
//! 200
//! Running with threads took [..] seconds.
//! ```
//!
//! Where Rust differs: a thread's result comes back through `join()`, so a failed request is
//! an `Err` the main thread reports (Python's thread would print a traceback and the main
//! thread would carry on).

use std::thread;
use std::time::Instant;

use clap::Parser;
use internet::Internet;
use serve::StandInArgs;

/// Listing 1.8: two blocking GETs in two threads
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

fn read_example(url: &str) -> Result<(), String> {
    let response = ureq::get(url)
        .call()
        .map_err(|error| format!("GET {url}: {error}"))?;
    println!("{}", response.status().as_u16());
    Ok(())
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start_on_thread()?;
    let url = site.url("/");

    let thread_start = Instant::now();
    // `thread::scope` lets both threads borrow the URL; it joins them at its end.
    thread::scope(
        |scope| -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
            let thread_1 = scope.spawn(|| read_example(&url));
            let thread_2 = scope.spawn(|| read_example(&url));

            println!("All threads running!");

            thread_1.join().expect("read_example does not panic")?;
            thread_2.join().expect("read_example does not panic")?;
            Ok(())
        },
    )?;

    println!(
        "Running with threads took {:.4} seconds.",
        thread_start.elapsed().as_secs_f64()
    );
    Ok(())
}
