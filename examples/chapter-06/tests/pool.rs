//! The process pool against what real workers do: finish in any order, die, panic, take long.
//!
//! A pool's workers are the program started again, so this test is a program of its own
//! (`harness = false` in the manifest): started as a worker, it serves the jobs below; started
//! by `cargo test`, it runs each check in turn and fails with the first that does not hold.

use std::collections::HashSet;
use std::io;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chapter_06::pool::{self, ProcessPool};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
enum Job {
    /// The square of a number, after sleeping `millis`.
    Square { number: u64, millis: u64 },
    /// The worker's process id.
    Pid,
    /// Keeps the word in a global, as a pool initializer does.
    Remember { word: String },
    /// The word the initializer kept.
    Recall,
    /// Ends the worker abruptly.
    Exit,
    /// Panics in the worker.
    Panic,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Answer {
    Number(u64),
    Word(Option<String>),
}

static REMEMBERED: OnceLock<String> = OnceLock::new();

impl pool::Job for Job {
    type Output = Answer;

    fn run(self) -> Answer {
        match self {
            Job::Square { number, millis } => {
                std::thread::sleep(Duration::from_millis(millis));
                Answer::Number(number * number)
            }
            Job::Pid => Answer::Number(u64::from(std::process::id())),
            Job::Remember { word } => {
                let _ = REMEMBERED.set(word);
                Answer::Word(None)
            }
            Job::Recall => Answer::Word(REMEMBERED.get().cloned()),
            Job::Exit => std::process::exit(3),
            Job::Panic => panic!("a job that panics"),
        }
    }
}

/// A check of the pool: it fails by returning an error or by panicking.
type Check = fn() -> io::Result<()>;

fn main() -> io::Result<()> {
    if pool::is_worker() {
        // One line for the panic this test asks for, not a backtrace in the test's output.
        std::panic::set_hook(Box::new(|panic| eprintln!("pool worker: {panic}")));
        return pool::serve::<Job>();
    }
    let checks: [(&str, Check); 6] = [
        ("map gives the results in order", map_keeps_the_order),
        ("jobs run in the worker processes", jobs_run_in_the_workers),
        (
            "the initializer runs in every worker",
            the_initializer_runs_first,
        ),
        (
            "a dead worker breaks the pool without a hang",
            a_dead_worker_breaks_the_pool,
        ),
        (
            "a panicking job breaks the pool without a hang",
            a_panic_breaks_the_pool,
        ),
        (
            "the event loop runs while a job does",
            the_loop_runs_while_a_job_does,
        ),
    ];
    for (name, check) in checks {
        let started = Instant::now();
        check()?;
        println!(
            "pool: {name} ... ok ({:.2} s)",
            started.elapsed().as_secs_f64()
        );
        assert_no_children_left();
    }
    Ok(())
}

/// Dropping a pool waits for its workers: none is left, not even as a zombie.
fn assert_no_children_left() {
    let children =
        std::fs::read_to_string(format!("/proc/{0}/task/{0}/children", std::process::id()))
            .unwrap_or_default();
    assert!(children.trim().is_empty(), "children left: {children}");
}

fn map_keeps_the_order() -> io::Result<()> {
    let pool = ProcessPool::new()?;
    // The first job takes longest: its result still comes first.
    let jobs =
        [(3, 300), (4, 0), (5, 0), (6, 50)].map(|(number, millis)| Job::Square { number, millis });
    let results: Vec<Answer> = pool.map(jobs).collect::<io::Result<_>>()?;
    assert_eq!(results, [9, 16, 25, 36].map(Answer::Number));
    Ok(())
}

fn jobs_run_in_the_workers() -> io::Result<()> {
    let pool = ProcessPool::new()?;
    let cpus = std::thread::available_parallelism()?.get();
    // Jobs that wait a while, one per worker, all submitted at once: each worker takes one.
    let slow: Vec<_> = (0..cpus)
        .map(|_| {
            pool.submit(Job::Square {
                number: 1,
                millis: 300,
            })
        })
        .collect();
    let pids: Vec<_> = (0..cpus).map(|_| pool.submit(Job::Pid)).collect();
    for result in slow {
        result.get()?;
    }
    let pids: HashSet<u64> = pids
        .into_iter()
        .map(|pid| match pid.get() {
            Ok(Answer::Number(pid)) => Ok(pid),
            other => panic!("not a pid: {other:?}"),
        })
        .collect::<io::Result<_>>()?;
    assert!(!pids.contains(&u64::from(std::process::id())));
    assert!(!pids.is_empty() && pids.len() <= cpus, "{pids:?}");
    Ok(())
}

fn the_initializer_runs_first() -> io::Result<()> {
    let pool = ProcessPool::with_initializer(&Job::Remember {
        word: "initialized".into(),
    })?;
    let cpus = std::thread::available_parallelism()?.get();
    for answer in pool.map((0..4 * cpus).map(|_| Job::Recall)) {
        assert_eq!(answer?, Answer::Word(Some("initialized".into())));
    }
    Ok(())
}

/// As Python's `BrokenProcessPool`: the job whose worker died fails, and so does every job
/// after it, promptly, rather than wait for a worker that will not come.
fn assert_breaks_on(job: Job) -> io::Result<()> {
    let pool = ProcessPool::new()?;
    let started = Instant::now();
    let error = pool.apply(job).expect_err("the worker died");
    assert!(error.to_string().contains("the pool is broken"), "{error}");
    let cpus = std::thread::available_parallelism()?.get();
    for result in pool.map((0..4 * cpus as u64).map(|number| Job::Square { number, millis: 0 })) {
        let error = result.expect_err("a broken pool runs nothing");
        assert!(error.to_string().contains("the pool is broken"), "{error}");
    }
    drop(pool);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    Ok(())
}

fn a_dead_worker_breaks_the_pool() -> io::Result<()> {
    assert_breaks_on(Job::Exit)
}

fn a_panic_breaks_the_pool() -> io::Result<()> {
    assert_breaks_on(Job::Panic)
}

/// Awaiting a job lets other tasks run: a ticker ticks five times, and is done, while a
/// worker sleeps 500 ms.
fn the_loop_runs_while_a_job_does() -> io::Result<()> {
    let pool = ProcessPool::new()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let ticks = runtime.block_on(async {
        let ticker = async {
            let mut ticks = 0;
            loop {
                tokio::time::sleep(Duration::from_millis(10)).await;
                ticks += 1;
                if ticks == 5 {
                    return ticks;
                }
            }
        };
        let mut job = std::pin::pin!(pool.submit(Job::Square {
            number: 7,
            millis: 500
        }));
        let ticks = tokio::select! {
            ticks = ticker => ticks,
            _ = &mut job => panic!("the job was done before the ticker"),
        };
        assert_eq!(job.await?, Answer::Number(49));
        io::Result::Ok(ticks)
    })?;
    assert_eq!(ticks, 5);
    Ok(())
}
