//! Listing 5.17: the first five products, through an async generator over a cursor.
//!
//! The Rust twin of `chapter_05/listing_5_17.py`. `take` is an async generator that reads
//! another one, the cursor's rows, and stops after five: the cursor fetches its first batch
//! of 50 and the rest of the table is never sent. With nothing set it starts a throwaway
//! PostgreSQL whose `products` database is as Listings 5.3 to 5.6 leave it; with
//! `DATABASE_URL` it uses yours.
//!
//! Run with:
//! ```text
//! cargo run --example listing_5_17
//! ```
//!
//! Expected output:
//! ```text
//! <Record product_id=1 product_name='file group slow listing checked behind unstable acquired itself legacy'>
//! <Record product_id=2 product_name='compile group buffer replacing warning stdout million pool races reached'>
//! <Record product_id=3 product_name='fixed warns range writer coroutines knows half snippet orders finishing'>
//! <Record product_id=4 product_name='workspace calls prints cheap acquiring secs features built priority collected'>
//! <Record product_id=5 product_name='arguments here ticker recv gets fails topic coroutine within text'>
//! Got the first five products!
//! ```
//!
//! Where Rust differs: `take` is a `Stream` made by `stream::unfold` from another stream
//! (Listing 5.14 shows the construction); `futures::StreamExt::take(5)` is the same adapter,
//! ready-made. The book's `take` reads a sixth row before it notices it has five; this one
//! stops without asking for it.

use book_db::{Cursor, Database, Record};
use chapter_05::Products;
use futures::{Stream, StreamExt, TryStreamExt};

fn take<S: Stream + Unpin>(generator: S, to_take: usize) -> impl Stream<Item = S::Item> {
    futures::stream::unfold(
        (generator, 0),
        move |(mut generator, item_count)| async move {
            if item_count == to_take {
                return None;
            }
            let item = generator.next().await?;
            Some((item, (generator, item_count + 1)))
        },
    )
}

#[util::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let database = Database::open(&Products::Catalog).await?;
    let (mut client, connection) = database.connect().await?;
    let connection = tokio::spawn(connection);

    let transaction = client.transaction().await?;
    let query = "SELECT product_id, product_name from product";
    {
        let product_generator = Cursor::open(&transaction, query).await?.rows(50);
        let mut first_five = std::pin::pin!(take(Box::pin(product_generator), 5));
        while let Some(product) = first_five.try_next().await? {
            println!("{}", Record(&product));
        }
        println!("Got the first five products!");
    }
    transaction.commit().await?;

    drop(client);
    connection.await??;
    Ok(())
}
