//! Listing 7.14: `LoadTester`, the window: a URL, a number of requests, a Submit button that
//! becomes Cancel, and a progress bar fed by the load test on the other thread.
//!
//! The book's window is Tk; this one is egui. Tk keeps widgets and calls back; egui draws the
//! whole window each frame from the app's state ([`LoadTester::ui`]) and reports a click as
//! the frame that drew the button. The bridge between the threads is the book's: the load
//! test's callback puts the percentage in a queue (a `std::sync::mpsc` channel), and the window
//! takes it out when it polls every 25 ms while a test runs, where the book's `after(25, ...)`
//! does. (egui could also be woken at once from the other thread, `Context::request_repaint`;
//! the poll keeps the book's shape.)

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use eframe::egui;
use tokio::runtime::Handle;

use crate::listing_7_13::StressTest;

/// `LoadTester`.
pub struct LoadTester {
    queue: (Sender<u32>, Receiver<u32>),
    refresh: Duration,
    handle: Handle,
    load_test: Option<StressTest>,
    url_field: String,
    request_field: String,
    submit: &'static str,
    progress: u32,
    problem: Option<String>,
}

impl LoadTester {
    /// The window, whose load tests run on the loop that `handle` reaches; its URL field
    /// holds `url` to begin with.
    pub fn new(handle: Handle, url: String) -> Self {
        LoadTester {
            queue: channel(),
            refresh: Duration::from_millis(25),
            handle,
            load_test: None,
            url_field: url,
            request_field: String::new(),
            submit: "Submit",
            progress: 0,
            problem: None,
        }
    }

    /// The window with `requests` in its Number of requests field.
    #[must_use]
    pub fn with_requests(mut self, requests: &str) -> Self {
        requests.clone_into(&mut self.request_field);
        self
    }

    /// What clicking Submit (or Cancel) does.
    pub fn press_submit(&mut self) {
        self.start();
    }

    /// The progress bar's value, in percent.
    pub fn progress(&self) -> u32 {
        self.progress
    }

    /// Whether a load test is running.
    pub fn is_running(&self) -> bool {
        self.load_test.is_some()
    }

    /// Draws the window, after taking what the load test put in the queue.
    pub fn ui(&mut self, ctx: &egui::Context) {
        self.poll_queue(ctx);
        egui::CentralPanel::default().show(ctx, |ui| {
            egui::Grid::new("load tester")
                .num_columns(3)
                .show(ui, |ui| {
                    let url_label = ui.label("URL:");
                    let url_field = egui::TextEdit::singleline(&mut self.url_field)
                        .desired_width(240.0)
                        .id_salt("url");
                    ui.add(url_field).labelled_by(url_label.id);
                    ui.end_row();

                    let request_label = ui.label("Number of requests:");
                    let request_field = egui::TextEdit::singleline(&mut self.request_field)
                        .desired_width(240.0)
                        .id_salt("requests");
                    ui.add(request_field).labelled_by(request_label.id);
                    if ui.button(self.submit).clicked() {
                        self.start();
                    }
                    ui.end_row();

                    ui.label("Progress:");
                    let bar =
                        egui::ProgressBar::new(self.progress as f32 / 100.0).show_percentage();
                    ui.add_sized([240.0, 18.0], bar);
                    ui.end_row();
                });
            if let Some(problem) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
        });
    }

    fn update_bar(&mut self, pct: u32) {
        // The book leaves the bar at its last value below 100; it is filled here.
        self.progress = pct;
        if pct == 100 {
            self.load_test = None;
            self.submit = "Submit";
        }
    }

    fn queue_update(queue: &Sender<u32>, completed_requests: usize, total_requests: usize) {
        let percent = completed_requests * 100 / total_requests.max(1);
        // The window may be gone: nobody to tell.
        let _ = queue.send(u32::try_from(percent).unwrap_or(100));
    }

    fn poll_queue(&mut self, ctx: &egui::Context) {
        while let Ok(percent_complete) = self.queue.1.try_recv() {
            self.update_bar(percent_complete);
        }
        if self.load_test.is_some() {
            ctx.request_repaint_after(self.refresh);
        }
    }

    fn start(&mut self) {
        if let Some(load_test) = self.load_test.take() {
            load_test.cancel();
            self.submit = "Submit";
            return;
        }
        // Python's `int(...)` raises on a bad number, and Tk prints the traceback; the window
        // says what is wrong instead.
        let total_requests = match self.request_field.trim().parse::<usize>() {
            Ok(total) if total > 0 => total,
            _ => {
                self.problem = Some("Number of requests: a whole number above 0".into());
                return;
            }
        };
        self.problem = None;
        self.submit = "Cancel";
        self.progress = 0;
        // A new queue, so that a cancelled test's last updates do not reach this one's bar.
        self.queue = channel();
        let queue = self.queue.0.clone();
        let callback = Arc::new(move |completed, total| {
            Self::queue_update(&queue, completed, total);
        });
        let mut test = StressTest::new(
            self.handle.clone(),
            self.url_field.trim().to_owned(),
            total_requests,
            callback,
        );
        test.start();
        self.load_test = Some(test);
    }
}

impl eframe::App for LoadTester {
    fn update(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.ui(ctx);
    }
}
