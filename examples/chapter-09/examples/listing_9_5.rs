//! Listing 9.5: the synchronous `/brands`: a thread per request, and one database connection
//! they all share.
//!
//! The Rust twin of `chapter_09/listing_9_5.py` (Flask and psycopg2), which the book measures
//! against Listing 9.2. `GET /brands` answers with every brand, as 9.2 does, but nothing here
//! is async: the server (the chapter's blocking server, `examples/chapter-09/src/blocking.rs`,
//! in the place of Flask's threaded one) gives each request a thread, and each thread waits
//! its turn for the one connection, made at start-up, as psycopg2's is. It serves until
//! Ctrl-C, on Flask's port, 5000.
//!
//! Run with:
//! ```text
//! cargo run --example listing_9_5                 # then, in a second terminal:
//! curl http://127.0.0.1:5000/brands
//! ```
//!
//! Expected output: none on stdout; `curl` gets the 102 brands, as from Listing 9.2.
//! ```text
//! ```
//!
//! Where Rust differs: psycopg2's connection is the `postgres` crate's `Client`, the blocking
//! client built on tokio-postgres, behind a `Mutex`: a Rust `Client` cannot be used by two
//! threads at once, and a psycopg2 connection serialises its threads' queries the same way.
//! The database is chapter 5's, as for 9.2 (a throwaway PostgreSQL unless `DATABASE_URL`
//! names one); Ctrl-C stops and removes the throwaway server.

use std::net::{SocketAddr, TcpListener};
use std::sync::Mutex;

use book_db::Database;
use chapter_05::Products;
use chapter_09::blocking::{Response, serve_forever};
use chapter_09::database::Brand;
use clap::Parser;
use postgres::{Client, NoTls};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Listing 9.5: the brands, from a blocking server and one shared connection
#[derive(Parser)]
struct Args {
    /// The port to listen on, on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 5000)]
    port: u16,
}

/// The book's `brands` view.
fn brands(db: &Mutex<Client>) -> Result<Vec<u8>, BoxError> {
    // Poisoned only if a view panicked while it held the connection, which stays usable.
    let mut db = db.lock().unwrap_or_else(|poison| poison.into_inner());
    let rows = db.query("SELECT brand_id, brand_name FROM brand", &[])?;
    drop(db);
    let brands = rows
        .iter()
        .map(|row| {
            Ok(Brand {
                brand_id: row.try_get(0)?,
                brand_name: row.try_get(1)?,
            })
        })
        .collect::<Result<Vec<_>, postgres::Error>>()?;
    Ok(serde_json::to_vec(&brands)?)
}

#[util::plain_main]
fn main() -> Result<(), BoxError> {
    let Args { port } = Args::parse();
    // Opening chapter 5's database is async (a throwaway server is started); its runtime also
    // stops and removes that server on Ctrl-C, so it lives as long as the program.
    let runtime = tokio::runtime::Runtime::new()?;
    let database = runtime.block_on(Database::open(&Products::Catalog))?;
    let db = postgres::Config::from(database.config().clone())
        .connect(NoTls)
        .map_err(|error| {
            format!(
                "cannot connect to PostgreSQL at {}: {error}",
                database.address()
            )
        })?;
    let db = Mutex::new(db);

    let server = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port)))
        .map_err(|error| format!("cannot listen on 127.0.0.1:{port}: {error}"))?;
    serve::tell_chosen_port(port, server.local_addr()?);
    serve_forever(&server, move |request| {
        match (request.method, request.path) {
            (Some("GET"), Some("/brands")) => match brands(&db) {
                Ok(body) => Response {
                    status: "200 OK",
                    content_type: "application/json",
                    body,
                },
                Err(error) => {
                    eprintln!("database error: {}", util::one_line(error.as_ref()));
                    Response {
                        status: "500 Internal Server Error",
                        content_type: "application/json",
                        body: br#"{"error":"database error"}"#.to_vec(),
                    }
                }
            },
            _ => Response {
                status: "404 Not Found",
                content_type: "application/json",
                body: br#"{"error":"no such page"}"#.to_vec(),
            },
        }
    })
}
