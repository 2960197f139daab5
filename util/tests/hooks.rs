//! Debug mode sees every task: a blocking poll in a plain `tokio::spawn`, which names no
//! `#[async_timed]` function, is reported in the task where it happens (through tokio's runtime
//! hooks, which this workspace's `.cargo/config.toml` switches on).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Collects what the tracing subscriber writes.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_blocking_sleep_in_a_plain_spawned_task_is_reported() {
    const { assert!(util::hooks::AVAILABLE, "built without --cfg tokio_unstable") };
    let log = Log::default();
    let writer = log.clone();
    // Installed before the runtime's own attempt, which then leaves it in place.
    tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .init();

    util::runtime::Options::new().debug().run(async {
        let quick = tokio::spawn(async { tokio::time::sleep(Duration::from_millis(150)).await });
        let blocking = tokio::spawn(async {
            // WRONG on purpose: blocks the runtime's only thread.
            std::thread::sleep(Duration::from_millis(150));
        });
        quick.await.unwrap();
        blocking.await.unwrap();
    });

    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    let reports: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("Executing <Task"))
        .collect();
    assert_eq!(reports.len(), 1, "{text}");
    // Named after the line that spawned it, in this file.
    assert!(
        reports[0].contains("at util/tests/hooks.rs:36> took 0.1"),
        "{text}"
    );
}

#[util::async_timed]
async fn named_sleeper() {
    tokio::time::sleep(Duration::from_millis(10)).await;
}

/// `asyncio.all_tasks()`: every live task, in spawn order, named after its first timed call or
/// else where it was spawned; gone once it ends.
#[test]
fn all_tasks_lists_the_live_tasks_with_their_names() {
    util::run(async {
        let timed = tokio::spawn(named_sleeper());
        let plain = tokio::spawn(tokio::time::sleep(Duration::from_millis(10)));
        tokio::task::yield_now().await; // both have started
        let tasks = util::tasks::all();
        assert_eq!(tasks.len(), 2, "{tasks:?}");
        assert_eq!(tasks[0].to_string(), "named_sleeper");
        let line = line!() - 5;
        assert_eq!(
            tasks[1].to_string(),
            format!("Task-{} at util/tests/hooks.rs:{line}", tasks[1].id)
        );
        timed.await.unwrap();
        plain.await.unwrap();
        assert_eq!(util::tasks::all(), []);
    });
}
