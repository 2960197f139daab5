//! Chapter 7's own modules: what its listings share, and what Python has and Rust does not.
//!
//! - [`executor`]: `concurrent.futures.ThreadPoolExecutor`, for the listings that make one.
//! - [`requests`]: the blocking `get_status_code` of Listings 7.3 to 7.8, and the open files a
//!   thousand of them at once need.
//! - [`passwords`]: the passwords and the scrypt hash of Listings 7.16 and 7.17.
//! - [`matrix`]: the array of Listings 7.18 and 7.19, sized to the machine.
//! - [`listing_7_12`], [`listing_7_13`], [`listing_7_14`]: the hello window, the stress test
//!   on an event loop in another thread, and the load tester's window, which Listings 7.12 and
//!   7.15 open (the book's 7.15 imports 7.14, which imports 7.13).

pub mod executor;
pub mod listing_7_12;
pub mod listing_7_13;
pub mod listing_7_14;

/// The one line a window example prints when it cannot open its window: on a machine without
/// a desktop, winit finds no display to open it on.
pub fn no_window(error: eframe::Error) -> String {
    format!("cannot open the window: {error} (a desktop is needed; without one, try xvfb-run)")
}
pub mod matrix;
pub mod passwords;
pub mod requests;
