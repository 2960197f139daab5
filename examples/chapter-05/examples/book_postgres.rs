//! A PostgreSQL of your own for the book, kept between runs, to run the chapter 5 listings
//! against and to look into with `psql`.
//!
//! Not a listing of the book: the book asks its reader to install PostgreSQL and create the
//! `products` database by hand. This starts the machine's PostgreSQL (Debian's `postgresql`
//! package) on a data folder that stays when the server stops, with the book's user
//! `postgres` and password `password`. The first run makes the folder, with the `products`
//! database in the state `--state` names (`empty` by default, where Listing 5.3 starts;
//! `catalog` is where Listing 5.7 does); later runs start the server on what the folder holds.
//!
//! Run with:
//! ```text
//! cargo run --example book_postgres                       # 127.0.0.1:5432, target/book-db/kept
//! cargo run --example book_postgres -- --state catalog --data-dir ~/book-postgres --port 5433
//! ```
//! then, in another terminal, `export DATABASE_URL=postgres://postgres:password@127.0.0.1:5432/products`
//! before `cargo run --example listing_5_3` and the rest. Ctrl-C stops the server.
//!
//! Expected output, for a first run with the defaults:
//! ```text
//! PostgreSQL [..] is ready at 127.0.0.1:5432 with database products still empty, as before Listing 5.3 (new data folder [..]/book-db/kept).
//! Use it from another terminal:
//!   export DATABASE_URL=postgres://postgres:password@127.0.0.1:5432/products
//!   PGPASSWORD=password psql -h 127.0.0.1 -p 5432 -U postgres products
//! Ctrl-C stops the server; the data stays for the next run.
//! ```
//!
//! Where Rust differs: nothing to compare; the server is a child process, stopped with
//! PostgreSQL's fast shutdown (SIGINT) on Ctrl-C or SIGTERM, and at once (SIGQUIT, exit
//! status 130) on a second one. Run as root, it runs the server
//! as the `postgres` user, since PostgreSQL refuses to run as root.

use std::path::PathBuf;
use std::time::Duration;

use book_db::State;
use book_db::server::{Durability, Postmaster, Setup};
use book_db::template::Templates;
use chapter_05::Products;
use clap::{Parser, ValueEnum};
use tokio::signal::unix::{SignalKind, signal};

/// A PostgreSQL for the book, kept between runs
#[derive(Parser)]
struct Args {
    /// Port on 127.0.0.1; 0 picks a free one
    #[arg(long, default_value_t = 5432)]
    port: u16,
    /// Where the data is kept [default: target/book-db/kept]
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// State of the `products` database in a new data folder
    #[arg(long, value_enum, default_value_t = Stage::Empty)]
    state: Stage,
}

#[derive(Clone, Copy, ValueEnum)]
enum Stage {
    /// Empty, as before Listing 5.3
    Empty,
    /// As after Listing 5.3
    Tables,
    /// As after Listing 5.4
    TwoBrands,
    /// As after Listing 5.5
    Brands,
    /// As after Listing 5.6
    Catalog,
}

impl From<Stage> for Products {
    fn from(stage: Stage) -> Self {
        match stage {
            Stage::Empty => Products::Empty,
            Stage::Tables => Products::Tables,
            Stage::TwoBrands => Products::TwoBrands,
            Stage::Brands => Products::Brands,
            Stage::Catalog => Products::Catalog,
        }
    }
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let stage = Products::from(args.state);
    let chosen = args.data_dir.clone();
    let (templates, folder, made) = tokio::task::spawn_blocking(move || {
        let templates = Templates::open()?;
        let folder = match chosen {
            Some(folder) => folder,
            None => templates.root().join("kept"),
        };
        let made = !folder.join("data/PG_VERSION").is_file();
        if made {
            std::fs::create_dir_all(&folder)?;
            templates.user.hand_over(&folder)?;
            let template = templates.data_folder(&stage)?;
            templates.copy_data(&template, &folder.join("data"))?;
        }
        Ok::<_, std::io::Error>((templates, folder, made))
    })
    .await??;

    let setup = Setup {
        binaries: &templates.binaries,
        user: &templates.user,
        data: &folder.join("data"),
        log: &folder.join("server.log"),
        durability: Durability::Kept,
    };
    let mut server = Postmaster::start(&setup, args.port).await?;
    let port = server.port();
    let release = templates.binaries.version.split_whitespace().next();
    let contents = if made {
        format!(
            "database products {} (new data folder {})",
            stage.story(),
            folder.display()
        )
    } else {
        format!("the data kept in {}", folder.display())
    };
    println!(
        "PostgreSQL {} is ready at 127.0.0.1:{port} with {contents}.",
        release.unwrap_or("")
    );
    println!("Use it from another terminal:");
    println!("  export DATABASE_URL=postgres://postgres:password@127.0.0.1:{port}/products");
    println!("  PGPASSWORD=password psql -h 127.0.0.1 -p {port} -U postgres products");
    println!("Ctrl-C stops the server; the data stays for the next run.");

    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    loop {
        tokio::select! {
            _ = interrupt.recv() => break,
            _ = terminate.recv() => break,
            () = tokio::time::sleep(Duration::from_millis(250)) => {
                if let Some(status) = server.exited()? {
                    return Err(format!("the server stopped by itself ({status}); see {}",
                        folder.join("server.log").display()).into());
                }
            }
        }
    }
    // A fast shutdown writes the data out, which can take a while after a big load; a second
    // signal does not wait for it: an immediate shutdown, which the next start recovers from
    // as after a crash.
    server.begin_stop();
    loop {
        tokio::select! {
            _ = interrupt.recv() => stop_at_once(&mut server),
            _ = terminate.recv() => stop_at_once(&mut server),
            () = tokio::time::sleep(Duration::from_millis(20)) => {
                if let Some(status) = server.exited()? {
                    return match status.success() {
                        true => Ok(()),
                        false => Err(format!("postgres exited with {status}").into()),
                    };
                }
            }
        }
    }
}

/// Ends the program as the workspace's servers do at a second signal: at once, status 130.
fn stop_at_once(server: &mut Postmaster) -> ! {
    server.stop_now();
    eprintln!("Stopped at once; the next start recovers the data, as after a crash.");
    std::process::exit(130);
}
