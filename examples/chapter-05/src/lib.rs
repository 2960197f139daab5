//! The modules of the book's chapter 5 that its listings import, and the states of the
//! `products` database that the listings leave behind.
//!
//! - [`listing_5_2`]: the schema, which Listing 5.3 runs (`from chapter_05.listing_5_2 import *`).
//! - [`catalog`]: the random brands, products and SKUs of Listings 5.5 and 5.6, drawn from one
//!   seed, and the word list they are drawn from (the book's `load_common_words`, which 5.6
//!   imports from 5.5).
//! - [`pool`]: `asyncpg.create_pool` and the product query of Listings 5.7 and 5.8 (and 6.15).
//! - [`Products`]: what the database holds after each of Listings 5.3 to 5.6, for
//!   `book_db::Database::open`: a listing of this chapter (or a later one) starts on a server
//!   whose `products` database is already where the book's reader has brought theirs.

pub mod catalog;
pub mod listing_5_2;
pub mod pool;
mod products;

pub use products::Products;
