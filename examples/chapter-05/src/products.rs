//! The states of the `products` database, as a reader who runs Listings 5.3 to 5.6 in turn
//! leaves it, built into throwaway servers' templates by `book_db`.

use std::hash::{DefaultHasher, Hash};

use bytes::Bytes;
use futures::SinkExt;
use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio_postgres::Client;

use crate::catalog::{self, BOOK_SEED};
use crate::listing_5_2::STATEMENTS;

/// The state of the `products` database: what the book's reader has run so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Products {
    /// An empty database, as the book creates it by hand before Listing 5.3.
    Empty,
    /// After Listing 5.3: the tables, the 2 colors and the 3 sizes.
    Tables,
    /// After Listing 5.4: two brands, `Levis` and `Seven`.
    TwoBrands,
    /// After Listing 5.5: 100 brands more.
    Brands,
    /// After Listing 5.6: 1,000 products and 100,000 SKUs. Listings 5.7 to 5.17 start here.
    Catalog,
}

impl Products {
    /// Every state, in the order the book reaches them.
    pub const ALL: [Products; 5] = [
        Products::Empty,
        Products::Tables,
        Products::TwoBrands,
        Products::Brands,
        Products::Catalog,
    ];
}

impl book_db::State for Products {
    fn database(&self) -> &'static str {
        "products"
    }

    fn name(&self) -> &'static str {
        match self {
            Products::Empty => "empty",
            Products::Tables => "tables",
            Products::TwoBrands => "two-brands",
            Products::Brands => "brands",
            Products::Catalog => "catalog",
        }
    }

    fn story(&self) -> &'static str {
        match self {
            Products::Empty => "still empty, as before Listing 5.3",
            Products::Tables => "as after Listing 5.3",
            Products::TwoBrands => "as after Listings 5.3 and 5.4",
            Products::Brands => "as after Listings 5.3 to 5.5",
            Products::Catalog => "as after Listings 5.3 to 5.6",
        }
    }

    fn fingerprint(&self, hasher: &mut DefaultHasher) {
        // Bump when the way a state is built changes in a way the rest cannot show.
        const RECIPE: u32 = 3;
        RECIPE.hash(hasher);
        BOOK_SEED.hash(hasher);
        catalog::common_words().hash(hasher);
        STATEMENTS.hash(hasher);
    }

    /// Does to an empty `products` database what Listings 5.3 to 5.6 do, up to this state,
    /// drawing the same catalog from the same seed. It loads the rows with `COPY` rather than
    /// 5.5's and 5.6's `executemany`: the rows and their ids are the same, in the same order on
    /// disk (a test of chapter 5 compares the two).
    async fn build(&self, client: &Client) -> Result<(), tokio_postgres::Error> {
        let stage = *self;
        if stage >= Products::Tables {
            for statement in STATEMENTS {
                client.batch_execute(statement).await?;
            }
        }
        if stage >= Products::TwoBrands {
            client
                .batch_execute("INSERT INTO brand VALUES(DEFAULT, 'Levis'); INSERT INTO brand VALUES(DEFAULT, 'Seven');")
                .await?;
        }
        let words = catalog::common_words();
        if stage >= Products::Brands {
            let brands = catalog::brand_names(&words, &mut StdRng::seed_from_u64(BOOK_SEED));
            let rows: String = brands.iter().map(|name| format!("{name}\n")).collect();
            copy_in(client, "COPY brand (brand_name) FROM STDIN", rows).await?;
        }
        if stage >= Products::Catalog {
            let mut random = StdRng::seed_from_u64(BOOK_SEED);
            let products = catalog::products(&words, 1..=100, 1000, &mut random);
            let rows: String = products
                .iter()
                .map(|(name, brand)| format!("{name}\t{brand}\n"))
                .collect();
            copy_in(
                client,
                "COPY product (product_name, brand_id) FROM STDIN",
                rows,
            )
            .await?;
            let skus = catalog::skus(1..=1000, 100_000, &mut random);
            let rows: String = skus
                .iter()
                .map(|(product, size, color)| format!("{product}\t{size}\t{color}\n"))
                .collect();
            let columns = "product_id, product_size_id, product_color_id";
            copy_in(client, &format!("COPY sku ({columns}) FROM STDIN"), rows).await?;
        }
        // Fresh statistics, as a server that had seen the rows arrive would soon have.
        client.batch_execute("VACUUM ANALYZE").await
    }
}

async fn copy_in(client: &Client, copy: &str, rows: String) -> Result<(), tokio_postgres::Error> {
    let sink = client.copy_in::<_, Bytes>(copy).await?;
    futures::pin_mut!(sink);
    sink.send(Bytes::from(rows)).await?;
    sink.finish().await.map(drop)
}
