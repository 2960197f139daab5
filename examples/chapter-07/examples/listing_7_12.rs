//! Listing 7.12: a window with a button.
//!
//! The Rust twin of `chapter_07/listing_7_12.py`: a 200 by 100 window titled `Hello world app`,
//! with a `Say hello` button that prints `Hello there!` each time it is clicked. The window's
//! contents are `chapter_07::listing_7_12::HelloApp`, given what a click does; closing the
//! window ends the program.
//!
//! It needs a desktop, or `xvfb-run`, which makes one that nobody sees.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_12
//! ```
//!
//! Expected output, a line per click:
//! ```text
//! Hello there!
//! ```
//!
//! Where Rust differs: Tk is egui here, in a native window by eframe. `window.mainloop()` is
//! `eframe::run_native`, which keeps the main thread until the window closes, as `mainloop`
//! does. Tk keeps widgets that call back (`command=say_hello`); egui draws the window anew
//! every frame, and `ui.button(..).clicked()` is true in the frame after a click. Without a
//! desktop the program says so in one line; `xvfb-run cargo run --example listing_7_12` gives
//! it an invisible one.

use chapter_07::listing_7_12::HelloApp;
use eframe::egui;

fn say_hello() {
    println!("Hello there!");
}

#[util::plain_main]
fn main() -> Result<(), String> {
    let window = egui::ViewportBuilder::default()
        .with_title("Hello world app")
        .with_inner_size([200.0, 100.0]);
    let options = eframe::NativeOptions {
        viewport: window,
        ..Default::default()
    };
    eframe::run_native(
        "Hello world app",
        options,
        Box::new(|_| Ok(Box::new(HelloApp::new(say_hello)))),
    )
    .map_err(chapter_07::no_window)
}
