//! The chapter's windows, tested without a display: egui_kittest runs their frames headless
//! and finds their widgets through the accessibility tree (by label and role), as a screen
//! reader would, then types and clicks into them. The load tests run for real, on an event
//! loop of their own, against the local stand-in of a web site: the real clock.

use std::time::{Duration, Instant};

use chapter_07::listing_7_12::HelloApp;
use chapter_07::listing_7_14::LoadTester;
use eframe::egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use example_harness::Example;
use internet::Internet;
use serve::{StandInArgs, Target};
use tokio::runtime::Runtime;

#[test]
fn listing_7_12_says_hello_at_each_click() {
    let mut hellos = 0;
    let mut harness = Harness::new(|ctx| HelloApp::new(|| hellos += 1).ui(ctx));
    harness.get_by_label("Say hello").click();
    harness.run();
    harness.get_by_label("Say hello").click();
    harness.run();
    drop(harness);
    assert_eq!(hellos, 2);
}

/// The stand-in's flags, as an example takes them.
#[derive(clap::Parser)]
struct Site {
    #[command(flatten)]
    site: StandInArgs<Internet>,
}

/// The stand-in, answering after `latency` seconds, and an event loop for the load tests.
fn site_and_loop(latency: &str) -> (Target, Runtime) {
    let args = <Site as clap::Parser>::parse_from(["site", "--latency", latency]);
    let site = args.site.start_on_thread().unwrap();
    (site, Runtime::new().unwrap())
}

/// Types `url` and `requests` into the window and clicks Submit.
fn submit(harness: &mut Harness<'_, LoadTester>, url: &str, requests: &str) {
    for (label, text) in [("URL:", url), ("Number of requests:", requests)] {
        harness.get_by_label(label).click();
        harness.run();
        harness.get_by_label(label).type_text(text);
        harness.run();
    }
    harness.get_by_label("Submit").click();
    // While a test runs the window asks to be drawn again every 25 ms, so `run` (which steps
    // until nothing more is asked) would never end: a few frames instead.
    harness.run_steps(2);
}

/// Steps the window in real time until `done` holds (at most 60 s).
fn step_until(harness: &mut Harness<'_, LoadTester>, done: impl Fn(&LoadTester) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done(harness.state()) {
        assert!(
            Instant::now() < deadline,
            "at {}% after 60 s",
            harness.state().progress()
        );
        std::thread::sleep(Duration::from_millis(25));
        harness.step();
    }
}

#[test]
fn listing_7_15_fills_the_bar_and_gives_the_button_back() {
    let (site, event_loop) = site_and_loop("0.05");
    let app = LoadTester::new(event_loop.handle().clone(), String::new());
    let mut harness = Harness::new_state(|ctx, app: &mut LoadTester| app.ui(ctx), app);
    submit(&mut harness, &site.url("/"), "300");
    assert!(
        harness.query_by_label("Cancel").is_some(),
        "Submit became Cancel"
    );

    step_until(&mut harness, |app| !app.is_running());
    assert_eq!(harness.state().progress(), 100);
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Submit").is_some(),
        "Cancel became Submit"
    );
    let bar = harness.get_by_role(Role::ProgressIndicator);
    assert_eq!(
        bar.accesskit_node().numeric_value(),
        Some(100.0),
        "the bar shows 100 %"
    );
}

/// Cancel halfway: the bar stops where it was, the button is Submit again, and the requests
/// stop: the event loop is left with no task.
#[test]
fn listing_7_15_cancels_from_the_window() {
    let (site, event_loop) = site_and_loop("0.5");
    let app = LoadTester::new(event_loop.handle().clone(), String::new());
    let mut harness = Harness::new_state(|ctx, app: &mut LoadTester| app.ui(ctx), app);
    submit(&mut harness, &site.url("/"), "2000");
    step_until(&mut harness, |app| app.progress() >= 10);

    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    assert!(!harness.state().is_running());
    assert!(harness.query_by_label("Submit").is_some());
    let at_cancel = harness.state().progress();
    assert!(at_cancel < 100, "{at_cancel}%");

    let deadline = Instant::now() + Duration::from_secs(10);
    while event_loop.metrics().num_alive_tasks() > 0 {
        assert!(
            Instant::now() < deadline,
            "the load test still runs after Cancel"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_secs(1));
    harness.step();
    assert_eq!(
        harness.state().progress(),
        at_cancel,
        "the bar moved after Cancel"
    );
}

/// A number of requests that is not one is said in the window, and nothing starts.
#[test]
fn listing_7_15_says_what_is_wrong_with_the_count() {
    let (site, event_loop) = site_and_loop("0.05");
    let app = LoadTester::new(event_loop.handle().clone(), String::new());
    let mut harness = Harness::new_state(|ctx, app: &mut LoadTester| app.ui(ctx), app);
    submit(&mut harness, &site.url("/"), "many");
    assert!(!harness.state().is_running());
    assert!(
        harness
            .query_by_label_contains("a whole number above 0")
            .is_some()
    );
}

/// Without a display, the window examples end with one line that says so.
#[test]
fn without_a_display_the_windows_say_so() {
    for name in ["listing_7_12", "listing_7_15"] {
        let out = Example::new(name)
            .real_clock()
            .env("DISPLAY", "")
            .env("WAYLAND_DISPLAY", "")
            .run();
        out.assert_clean_failure();
        assert!(
            out.stderr.contains("cannot open the window"),
            "{name}: {}",
            out.stderr
        );
    }
}
