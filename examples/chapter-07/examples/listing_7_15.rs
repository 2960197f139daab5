//! Listing 7.15: the load tester, a window on the main thread and an event loop on another.
//!
//! The Rust twin of `chapter_07/listing_7_15.py`. An event loop runs for ever on a thread of
//! its own; the window (`chapter_07::listing_7_14::LoadTester`) runs on the main thread and
//! hands it load tests (`chapter_07::listing_7_13::StressTest`): type a URL and a number of
//! requests, click Submit, and the bar fills as the requests come back; Cancel stops them.
//! The URL field starts with the address of a local stand-in of a web site (0.5 s an answer,
//! `--latency`), so that the tester has something to test offline; type any other.
//!
//! It needs a desktop, or `xvfb-run`, which makes one that nobody sees.
//!
//! Run with:
//! ```text
//! cargo run --example listing_7_15
//! ```
//!
//! Expected output: none; the window. A request that fails prints its error.
//! ```text
//! ```
//!
//! `--screenshot PATH` fills in 2,000 requests, clicks Submit, saves the window as a PNG once
//! the bar passes 40 % and quits: `xvfb-run -a cargo run --example listing_7_15 -- --screenshot
//! docs/images/chapter-07-load-tester.png` made the picture in `docs/chapter-07.md`.
//!
//! Where Rust differs: the book's `ThreadedEventLoop` is a thread that runs a tokio runtime
//! until told to stop; the window keeps the runtime's `Handle`, through which it spawns and
//! cancels. Python's thread is a daemon, killed as the program ends; here `main` stops the loop
//! when the window closes, which drops the requests still on their way.

use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use chapter_07::listing_7_14::LoadTester;
use clap::Parser;
use eframe::egui;
use internet::Internet;
use serve::StandInArgs;

/// Listing 7.15: a load tester, its window and its event loop on two threads
#[derive(Parser)]
struct Args {
    #[command(flatten)]
    site: StandInArgs<Internet>,
    /// Run 2,000 requests, save the window as a PNG at PATH when the bar passes 40 %, and quit
    #[arg(long, value_name = "PATH")]
    screenshot: Option<PathBuf>,
}

/// The load tester, driven for a picture: Submit at the first frame, a screenshot at 40 %.
struct Screenshot {
    app: LoadTester,
    path: PathBuf,
    submitted: bool,
    requested: bool,
}

impl eframe::App for Screenshot {
    fn update(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if !self.submitted {
            self.app.press_submit();
            self.submitted = true;
        }
        self.app.ui(ctx);
        if !self.requested && self.app.progress() >= 40 {
            ctx.send_viewport_cmd(egui::ViewportCommand::Screenshot(egui::UserData::default()));
            self.requested = true;
        }
        let shots = ctx.input(|input| {
            input
                .events
                .iter()
                .filter_map(|event| match event {
                    egui::Event::Screenshot { image, .. } => Some(image.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        });
        for image in shots {
            let [width, height] = image.size.map(|side| u32::try_from(side).unwrap_or(0));
            let saved = image::save_buffer(
                &self.path,
                image.as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgba8,
            );
            match saved {
                Ok(()) => eprintln!("saved {}", self.path.display()),
                Err(error) => eprintln!("cannot save {}: {error}", self.path.display()),
            }
            // Cancel, as a reader would, then close the window.
            self.app.press_submit();
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ctx.request_repaint_after(Duration::from_millis(25));
    }
}

#[util::plain_main]
fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args = Args::parse();
    let site = args.site.start_on_thread()?;

    let event_loop = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let handle = event_loop.handle().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let asyncio_thread = thread::Builder::new()
        .name("asyncio_thread".into())
        .spawn(move || {
            // Runs until `main` drops `stop`; then dropping the runtime drops its tasks.
            let _ = event_loop.block_on(stopped);
        })?;

    let app = LoadTester::new(handle, site.url("/"));
    let window = egui::ViewportBuilder::default()
        .with_title("URL Requester")
        .with_inner_size([480.0, 130.0]);
    let options = eframe::NativeOptions {
        viewport: window,
        ..Default::default()
    };
    let app: Box<dyn eframe::App> = match args.screenshot {
        None => Box::new(app),
        Some(path) => Box::new(Screenshot {
            app: app.with_requests("2000"),
            path,
            submitted: false,
            requested: false,
        }),
    };
    let window = eframe::run_native("URL Requester", options, Box::new(|_| Ok(app)));

    // The loop stops before the stand-in does, so that no request outlives the window.
    drop(stop);
    let _ = asyncio_thread.join();
    window.map_err(chapter_07::no_window)?;
    Ok(())
}
