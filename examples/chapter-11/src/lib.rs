//! The modules of the book's chapter 11 that other listings import: Listing 11.11's
//! `FileUpload`, which Listing 11.12 uses, as the book's `from chapter_11.listing_11_11 import
//! FileUpload` does.

pub mod listing_11_11;
