//! `concurrent.futures.ThreadPoolExecutor`: a fixed set of threads that run the jobs given to
//! them, in the order given, as threads free up.
//!
//! The book makes one to run blocking calls (`requests.get`, `hashlib.scrypt`) off the event
//! loop. tokio's own pool of blocking threads is the *default* executor (`spawn_blocking`, Listing
//! 7.6); this is the one a program makes and sizes itself. A job's result comes back through a
//! oneshot channel, which a thread can wait on (`.blocking_recv()`, `future.result()`) and a
//! task can `.await` (`await loop.run_in_executor(pool, job)`).
//!
//! Python starts a thread per job until `max_workers` run; this starts them all at once, which
//! comes to the same for the book's listings (a thousand jobs for a thousand threads). Dropping
//! the executor waits for the jobs already given, as leaving `with ThreadPoolExecutor()` does.
//! Checked before writing it: rayon's pool does not wait for its jobs when dropped and is meant
//! for CPU work, not for threads that block; threadpool 1.8 is unmaintained.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::{io, thread};

use tokio::sync::oneshot;

type Job = Box<dyn FnOnce() + Send>;

/// A job's result to come; an error means the job panicked (the panic was printed on stderr
/// by the worker, as Python prints a thread's exception).
pub type JobResult<T> = oneshot::Receiver<T>;

/// `ThreadPoolExecutor(max_workers=N)`.
pub struct ThreadPoolExecutor {
    jobs: Option<Sender<Job>>,
    workers: Vec<JoinHandle<()>>,
}

impl ThreadPoolExecutor {
    /// `ThreadPoolExecutor(max_workers)`: `max_workers` threads.
    ///
    /// # Errors
    /// If a thread cannot be started (the system's limit on threads).
    pub fn new(max_workers: usize) -> io::Result<Self> {
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let workers = (0..max_workers.max(1))
            .map(|index| {
                let queue = Arc::clone(&queue);
                thread::Builder::new()
                    .name(format!("ThreadPoolExecutor-0_{index}"))
                    .spawn(move || {
                        loop {
                            // The lock is held only to take a job, not while it runs.
                            let next = queue.lock().map(|queue| queue.recv());
                            let Ok(Ok(job)) = next else { return };
                            // A panicking job fails alone; its thread goes on with the next.
                            let _ = catch_unwind(AssertUnwindSafe(job));
                        }
                    })
            })
            .collect::<io::Result<_>>()?;
        Ok(ThreadPoolExecutor {
            jobs: Some(jobs),
            workers,
        })
    }

    /// `ThreadPoolExecutor()`: Python's default size, `min(32, os.cpu_count() + 4)` threads.
    ///
    /// # Errors
    /// As [`ThreadPoolExecutor::new`].
    pub fn with_default_workers() -> io::Result<Self> {
        let cpus = thread::available_parallelism().map_or(1, usize::from);
        Self::new((cpus + 4).min(32))
    }

    /// `pool.submit(job)`, and `loop.run_in_executor(pool, job)` once awaited.
    pub fn submit<T: Send + 'static>(
        &self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> JobResult<T> {
        let (result, receiver) = oneshot::channel();
        let job: Job = Box::new(move || {
            // The receiver may be gone if nobody waits for the result any more.
            let _ = result.send(job());
        });
        let jobs = self
            .jobs
            .as_ref()
            .expect("the queue lives as long as the pool");
        // The workers end only when the queue closes, in `drop`: this send cannot fail.
        let _ = jobs.send(job);
        receiver
    }

    /// `pool.map(function, items)`: every item's result, in the items' order, each waited for
    /// on this thread.
    pub fn map<I, T>(
        &self,
        function: impl Fn(I) -> T + Send + Sync + 'static,
        items: impl IntoIterator<Item = I>,
    ) -> impl Iterator<Item = Result<T, oneshot::error::RecvError>>
    where
        I: Send + 'static,
        T: Send + 'static,
    {
        let function = Arc::new(function);
        let results: Vec<JobResult<T>> = items
            .into_iter()
            .map(|item| {
                let function = Arc::clone(&function);
                self.submit(move || function(item))
            })
            .collect();
        results.into_iter().map(JobResult::blocking_recv)
    }
}

impl Drop for ThreadPoolExecutor {
    /// `pool.shutdown(wait=True)`: the jobs already given run, then the threads end.
    fn drop(&mut self) {
        drop(self.jobs.take());
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}
