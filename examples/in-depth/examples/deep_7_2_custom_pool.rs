//! Section 7.2: a pool of your own size (`run_in_executor(ThreadPoolExecutor(2), ...)`).
//!
//! The article notes that `run_in_executor` can be given a thread pool you made yourself. This
//! program runs four one-second blocking calls through a pool of two threads, so they go two by
//! two and take 2 s in all.
//!
//! Run with:
//! ```text
//! cargo run --example deep_7_2_custom_pool
//! ```
//!
//! Expected output (2 s):
//! ```text
//! job 1 done
//! job 2 done
//! job 3 done
//! job 4 done
//! 4 jobs of 1 s on 2 threads took 2 s
//! ```
//!
//! Where Rust differs:
//! - tokio has one blocking pool per runtime; its size is set when the runtime is built
//!   (`Builder::max_blocking_threads`), like `loop.set_default_executor`. A smaller limit for
//!   one kind of job is a `Semaphore` in front of `spawn_blocking`: each job holds a permit while
//!   its thread works, so at most two run at once.
//! - For CPU-bound work a dedicated `rayon` pool is the better tool (`deep_7_3_cpu_rayon`).
//! - The jobs run on real threads, so the test uses the real clock.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::time::Instant;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

const MAX_WORKERS: usize = 2;

fn blocking_io(job: u32) -> u32 {
    std::thread::sleep(Duration::from_secs(1));
    job
}

#[util::main]
async fn main() -> Result<(), BoxError> {
    let started = Instant::now();
    let pool = Arc::new(Semaphore::new(MAX_WORKERS));

    let mut jobs = Vec::new();
    for job in 1..=4 {
        // Wait for a free worker before starting the thread, as a full executor queues the job.
        let permit = Arc::clone(&pool).acquire_owned().await?;
        jobs.push(tokio::task::spawn_blocking(move || {
            let _permit = permit; // released when the blocking call returns
            blocking_io(job)
        }));
    }
    for handle in jobs {
        println!("job {} done", handle.await?);
    }
    println!(
        "4 jobs of 1 s on {MAX_WORKERS} threads took {} s",
        started.elapsed().as_secs()
    );
    Ok(())
}
