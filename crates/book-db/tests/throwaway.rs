//! The throwaway server: each state holds what the book's listings leave behind, a server
//! goes away with its handle, and a server that is asked for twice at once is built once.

use std::time::{Duration, Instant};

use book_db::{Products, Throwaway};
use tokio_postgres::NoTls;

async fn count(server: &Throwaway, table: &str) -> Option<i64> {
    let (client, connection) = tokio_postgres::connect(&server.url("products"), NoTls)
        .await
        .unwrap();
    tokio::spawn(connection);
    let row = client
        .query_one(&format!("SELECT count(*) FROM {table}"), &[])
        .await
        .ok()?;
    Some(row.get(0))
}

#[tokio::test(flavor = "current_thread")]
async fn each_state_holds_what_the_listings_before_it_leave() {
    let expected = [
        (Products::Empty, [None, None, None, None]),
        (Products::Tables, [Some(0), Some(0), Some(0), Some(2)]),
        (Products::TwoBrands, [Some(2), Some(0), Some(0), Some(2)]),
        (Products::Brands, [Some(102), Some(0), Some(0), Some(2)]),
        (
            Products::Catalog,
            [Some(102), Some(1000), Some(100_000), Some(2)],
        ),
    ];
    for (stage, counts) in expected {
        let server = Throwaway::start(stage).await.unwrap();
        let mut seen = Vec::new();
        for table in ["brand", "product", "sku", "product_color"] {
            seen.push(count(&server, table).await);
        }
        assert_eq!(seen, counts, "{stage:?}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_dropped_server_is_stopped_and_its_folder_removed() {
    let server = Throwaway::start(Products::Tables).await.unwrap();
    let url = server.url("products");
    let folder = server.folder().to_owned();
    let (_client, connection) = tokio_postgres::connect(&url, NoTls).await.unwrap();
    let connection = tokio::spawn(connection);
    assert!(folder.join("data/PG_VERSION").is_file());
    let started = Instant::now();
    drop(server);
    assert!(started.elapsed() < Duration::from_secs(2));
    // The open connection is cut, no new one is taken, and the data is gone.
    assert!(connection.await.unwrap().is_err());
    assert!(tokio_postgres::connect(&url, NoTls).await.is_err());
    assert!(!folder.exists());
}
