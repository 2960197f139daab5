//! A process pool: Python's `multiprocessing.Pool` and `ProcessPoolExecutor`, small enough to
//! read in one sitting.
//!
//! Python's workers are new interpreters that import the program's module and wait for
//! functions to run. A Rust program cannot send a function to another process, so a pool here
//! runs *jobs*: values of a type the program defines (an enum of its calls, usually) that
//! implement [`Job`]. The workers are the program itself, started again with
//! [`WORKER_ENV_VAR`] set; the program's `main` begins with
//! `if pool::is_worker() { return pool::serve::<MyJob>(); }`, which is the part Python's
//! `if __name__ == "__main__":` plays. Each job crosses to a worker as a line of JSON and its
//! result comes back the same way (Python pickles both).
//!
//! Each worker's stdin is one end of a Unix socket pair, which carries the jobs one way and
//! the results the other; its stdout and stderr are the parent's, so what a job prints shows
//! as it does in Python. In the parent, one thread per worker takes the next job from a
//! shared queue, encodes it, hands it over, waits for the result and decodes it (Python's pools
//! pickle on threads of their own too, so a big job does not hold up the event loop); a job's
//! result reaches its caller through a oneshot channel, which a blocking caller (`apply`,
//! `map`) and an async one (`submit(..).await`, asyncio's `run_in_executor`) can both wait on.
//!
//! Checked before writing it: procspawn 1.0 does this (spawned functions, a pool) but needs
//! Rust 1.86 and brings 21 crates (ipc-channel, backtrace); mitosis, its ancestor, is
//! unmaintained. In real Rust code, CPU-bound work goes to threads (`std::thread::scope`,
//! rayon), which run in parallel: Rust has no GIL. Processes are for isolation.

use std::future::Future;
use std::io::{self, BufRead, BufReader, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};
use std::thread::JoinHandle;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::oneshot;

/// Set in a worker's environment: it tells the program it was started as a pool worker.
pub const WORKER_ENV_VAR: &str = "ASYNCIO_IN_RUST_POOL_WORKER";

/// A call a worker can make: what the job is crosses to the worker, its output comes back.
pub trait Job: Serialize + DeserializeOwned + Send + 'static {
    type Output: Serialize + DeserializeOwned + Send + 'static;

    /// Runs the job, in the worker.
    fn run(self) -> Self::Output;
}

/// Whether this process is a pool's worker, which should [`serve`] rather than run `main`.
pub fn is_worker() -> bool {
    std::env::var_os(WORKER_ENV_VAR).is_some()
}

/// A worker's life: read a job, run it, send its output back, until the pool closes the
/// socket.
///
/// # Errors
/// If the socket fails, or a job or an output does not (de)serialize.
pub fn serve<J: Job>() -> io::Result<()> {
    // The pool made our stdin a socket: read jobs from it and write outputs to it.
    let socket = UnixStream::from(io::stdin().as_fd().try_clone_to_owned()?);
    let mut outputs = socket.try_clone()?;
    for line in BufReader::new(socket).lines() {
        let job: J = serde_json::from_str(&line?)?;
        let output = serde_json::to_string(&job.run())?;
        writeln!(outputs, "{output}")?;
    }
    Ok(())
}

/// A job on its way, and where its output goes.
struct Task<J: Job> {
    job: J,
    output: oneshot::Sender<io::Result<J::Output>>,
}

/// Worker processes that run jobs of type `J`, in the order they are given, as workers free up.
pub struct ProcessPool<J: Job> {
    queue: Option<Sender<Task<J>>>,
    workers: Vec<(Child, JoinHandle<()>)>,
    _jobs: std::marker::PhantomData<fn(J)>,
}

impl<J: Job> ProcessPool<J> {
    /// `Pool()` and `ProcessPoolExecutor()`: as many workers as the machine has CPUs.
    ///
    /// # Errors
    /// If a worker cannot be started.
    pub fn new() -> io::Result<Self> {
        Self::start(None, Vec::new())
    }

    /// `ProcessPoolExecutor(initializer=.., initargs=..)`: each worker runs `initializer`
    /// before any other job (to keep what it is given, a shared value, in a global).
    ///
    /// # Errors
    /// As [`ProcessPool::new`], or if the initializer does not serialize.
    pub fn with_initializer(initializer: &J) -> io::Result<Self> {
        Self::start(Some(serde_json::to_string(initializer)?), Vec::new())
    }

    /// A pool whose workers have `variables` in their environment besides the parent's: what
    /// they need to know before any job (where a database is, for instance).
    ///
    /// # Errors
    /// As [`ProcessPool::new`].
    pub fn with_environment(
        variables: impl IntoIterator<Item = (&'static str, String)>,
    ) -> io::Result<Self> {
        Self::start(None, variables.into_iter().collect())
    }

    fn start(
        initializer: Option<String>,
        variables: Vec<(&'static str, String)>,
    ) -> io::Result<Self> {
        let count = std::thread::available_parallelism()?.get();
        let (queue, tasks) = channel::<Task<J>>();
        let tasks = Arc::new(Mutex::new(tasks));
        // Set when a worker dies: as with Python's `BrokenProcessPool`, every job still to run
        // fails then, rather than wait for a worker that will not come.
        let broken = Arc::new(AtomicBool::new(false));
        let program = std::env::current_exe()?;
        let mut workers = Vec::with_capacity(count);
        for _ in 0..count {
            let (ours, theirs) = UnixStream::pair()?;
            let child = Command::new(&program)
                .env(WORKER_ENV_VAR, "1")
                .envs(variables.iter().cloned())
                .stdin(Stdio::from(OwnedFd::from(theirs)))
                .spawn()?;
            let (tasks, broken) = (Arc::clone(&tasks), Arc::clone(&broken));
            let initializer = initializer.clone();
            let feeder = std::thread::spawn(move || feed(&ours, &tasks, &broken, initializer));
            workers.push((child, feeder));
        }
        Ok(ProcessPool {
            queue: Some(queue),
            workers,
            _jobs: std::marker::PhantomData,
        })
    }

    /// `apply_async` and `run_in_executor`: queues the job and returns at once; the result is
    /// an [`AsyncResult`] to `get()` or to `.await`.
    pub fn submit(&self, job: J) -> AsyncResult<J::Output> {
        let (output, receiver) = oneshot::channel();
        let queue = self
            .queue
            .as_ref()
            .expect("the queue lives as long as the pool");
        // Every feeder thread has ended only if each found its worker dead.
        let failed = queue
            .send(Task { job, output })
            .err()
            .map(|_| worker_died());
        AsyncResult { receiver, failed }
    }

    /// `Pool.apply`: runs the job on a worker and waits for its result.
    ///
    /// # Errors
    /// If the worker dies, or the job or its output does not (de)serialize.
    pub fn apply(&self, job: J) -> io::Result<J::Output> {
        self.submit(job).get()
    }

    /// `ProcessPoolExecutor.map`: runs every job, spread over the workers, and gives their
    /// results in the jobs' order.
    pub fn map(
        &self,
        jobs: impl IntoIterator<Item = J>,
    ) -> impl Iterator<Item = io::Result<J::Output>> {
        let pending: Vec<AsyncResult<J::Output>> =
            jobs.into_iter().map(|job| self.submit(job)).collect();
        pending.into_iter().map(AsyncResult::get)
    }
}

impl<J: Job> Drop for ProcessPool<J> {
    /// As leaving `with ProcessPoolExecutor()`: the jobs already queued run, then each worker
    /// sees its socket close and ends, and the pool waits for it.
    fn drop(&mut self) {
        drop(self.queue.take());
        for (mut child, feeder) in self.workers.drain(..) {
            let _ = feeder.join();
            let _ = child.wait();
        }
    }
}

/// One worker's feeder thread: the initializer first, then jobs from the queue, each written
/// to the worker and answered before the next. Ends when the queue is closed and empty, and
/// dropping `socket` then tells the worker to end. If the worker dies, the pool is broken:
/// this thread goes on taking jobs, to fail them.
fn feed<J: Job>(
    socket: &UnixStream,
    tasks: &Mutex<Receiver<Task<J>>>,
    broken: &AtomicBool,
    initializer: Option<String>,
) {
    let mut answers = match socket.try_clone() {
        Ok(reader) => BufReader::new(reader).lines(),
        Err(_) => return broken.store(true, Ordering::SeqCst),
    };
    let mut exchange = |job: &str| -> io::Result<String> {
        writeln!(&*socket, "{job}")?;
        answers.next().unwrap_or_else(|| Err(worker_died()))
    };
    let initialized = initializer.is_none_or(|initializer| exchange(&initializer).is_ok());
    if !initialized {
        broken.store(true, Ordering::SeqCst);
    }
    // A job or an output that does not (de)serialize fails alone; a worker that cannot be
    // talked to breaks the pool.
    let mut run = |job: &J| -> io::Result<J::Output> {
        let answer = exchange(&serde_json::to_string(job)?).map_err(|_| {
            broken.store(true, Ordering::SeqCst);
            worker_died()
        })?;
        Ok(serde_json::from_str(&answer)?)
    };
    loop {
        // The lock is held only to take a task, not while the worker runs it.
        let next = tasks.lock().map(|tasks| tasks.recv());
        let Ok(Ok(task)) = next else {
            return;
        };
        let answer = if broken.load(Ordering::SeqCst) {
            Err(worker_died())
        } else {
            run(&task.job)
        };
        let _ = task.output.send(answer);
    }
}

fn worker_died() -> io::Error {
    io::Error::new(
        io::ErrorKind::BrokenPipe,
        "a worker process of the pool ended abruptly; the pool is broken",
    )
}

/// A job's result to come: `get()` waits for it on this thread (`AsyncResult.get()`);
/// awaiting it lets the event loop run meanwhile (`await loop.run_in_executor(..)`).
pub struct AsyncResult<T> {
    receiver: oneshot::Receiver<io::Result<T>>,
    failed: Option<io::Error>,
}

impl<T> AsyncResult<T> {
    /// Waits for the result, blocking this thread: for programs without an event loop (inside
    /// one, `.await` it instead; tokio refuses to block a runtime's thread).
    ///
    /// # Errors
    /// If the worker died, or the output does not deserialize.
    pub fn get(self) -> io::Result<T> {
        if let Some(error) = self.failed {
            return Err(error);
        }
        self.receiver.blocking_recv().map_err(|_| worker_died())?
    }
}

impl<T> Future for AsyncResult<T> {
    type Output = io::Result<T>;

    fn poll(mut self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<io::Result<T>> {
        if let Some(error) = self.failed.take() {
            return Poll::Ready(Err(error));
        }
        let answer = ready!(Pin::new(&mut self.receiver).poll(context));
        Poll::Ready(answer.map_err(|_| worker_died()).and_then(|answer| answer))
    }
}
