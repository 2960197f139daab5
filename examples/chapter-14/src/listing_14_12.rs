//! Listings 14.11 and 14.12: tasks, and the loop that runs them on a selector. The book's
//! `CustomTask` (14.11) is [`EventLoop::register_task`] here: a task is the future it drives,
//! queued by its waker.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::io::{self, ErrorKind, Read};
use std::net::SocketAddr;
use std::os::fd::{AsRawFd, RawFd};
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use mio::event::Source;
use mio::net::{TcpListener, TcpStream};
use mio::{Events, Interest, Poll as Selector, Token};
use util::py::PyAddress;

use crate::listing_14_8::CustomFuture;

/// A task waiting in the loop: the future it drives (`CustomTask`'s coroutine).
type Task = Pin<Box<dyn Future<Output = ()>>>;

/// The run queue: ids of the tasks to poll next. Wakers push to it, and `std::task::Wake`
/// requires them to be `Send + Sync`, hence the `Arc<Mutex>` on this one-thread loop.
type RunQueue = Arc<Mutex<VecDeque<usize>>>;

/// The id the main future goes by in the run queue.
const MAIN: usize = usize::MAX;

/// The waker of task `id`: waking it puts the task back in the run queue.
struct TaskWaker {
    id: usize,
    run_queue: RunQueue,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.run_queue
            .lock()
            .expect("nothing panics holding the queue")
            .push_back(self.id);
    }
}

/// The event loop (`EventLoop` of Listing 14.12). Clone it to hand it to tasks: the clones
/// share one loop.
#[derive(Clone)]
pub struct EventLoop {
    inner: Rc<Inner>,
}

struct Inner {
    selector: RefCell<Selector>,
    // One token per registered socket, and the future its next readiness will complete.
    tokens: RefCell<HashMap<RawFd, Token>>,
    waiting: RefCell<HashMap<Token, CustomFuture<()>>>,
    tasks: RefCell<HashMap<usize, Task>>,
    next_task: RefCell<usize>,
    run_queue: RunQueue,
}

impl EventLoop {
    /// # Errors
    /// If the OS gives no selector (epoll instance).
    pub fn new() -> io::Result<Self> {
        Ok(EventLoop {
            inner: Rc::new(Inner {
                selector: RefCell::new(Selector::new()?),
                tokens: RefCell::new(HashMap::new()),
                waiting: RefCell::new(HashMap::new()),
                tasks: RefCell::new(HashMap::new()),
                next_task: RefCell::new(0),
                run_queue: Arc::default(),
            }),
        })
    }

    /// `CustomTask(coro, loop)`: the loop will drive `task` alongside the main future.
    pub fn register_task(&self, task: impl Future<Output = ()> + 'static) {
        let id = {
            let mut next = self.inner.next_task.borrow_mut();
            *next += 1;
            *next
        };
        self.inner.tasks.borrow_mut().insert(id, Box::pin(task));
        self.schedule(id);
    }

    fn schedule(&self, id: usize) {
        self.inner
            .run_queue
            .lock()
            .expect("nothing panics holding the queue")
            .push_back(id);
    }

    /// Completes when `socket` has something to read (a client to accept, data to receive):
    /// registers it with the selector, or changes its registration, and waits on a future
    /// that the loop completes when the selector says so.
    async fn readable(&self, socket: &mut (impl Source + AsRawFd)) -> io::Result<()> {
        let fd = socket.as_raw_fd();
        let known = self.inner.tokens.borrow().get(&fd).copied();
        let token = match known {
            Some(token) => {
                // Re-arming reports a socket that is ready already, so nothing is missed.
                let selector = self.inner.selector.borrow();
                selector
                    .registry()
                    .reregister(socket, token, Interest::READABLE)?;
                token
            }
            None => {
                let token = Token(usize::try_from(fd).unwrap_or_default());
                let selector = self.inner.selector.borrow();
                selector
                    .registry()
                    .register(socket, token, Interest::READABLE)?;
                self.inner.tokens.borrow_mut().insert(fd, token);
                token
            }
        };
        let future = CustomFuture::new();
        self.inner
            .waiting
            .borrow_mut()
            .insert(token, future.clone());
        future.await;
        Ok(())
    }

    /// `loop.sock_accept(sock)`: the next client.
    ///
    /// # Errors
    /// What `accept` fails with, other than "would block".
    pub async fn sock_accept(&self, sock: &mut TcpListener) -> io::Result<(TcpStream, SocketAddr)> {
        println!("Registering socket to accept connections...");
        loop {
            match sock.accept() {
                Err(error) if error.kind() == ErrorKind::WouldBlock => self.readable(sock).await?,
                accepted => return accepted,
            }
        }
    }

    /// `loop.sock_recv(sock)`: up to 1,024 bytes, empty once the client has closed.
    ///
    /// # Errors
    /// What `read` fails with, other than "would block".
    pub async fn sock_recv(&self, sock: &mut TcpStream) -> io::Result<Vec<u8>> {
        println!("Registering socket to listen for data...");
        let mut data = [0; 1024];
        loop {
            match sock.read(&mut data) {
                Err(error) if error.kind() == ErrorKind::WouldBlock => self.readable(sock).await?,
                Ok(received) => return Ok(data[..received].to_vec()),
                Err(error) => return Err(error),
            }
        }
    }

    /// `loop.sock_close(sock)`: forgets the socket and closes it.
    pub fn sock_close(&self, mut sock: TcpStream) {
        if let Some(token) = self.inner.tokens.borrow_mut().remove(&sock.as_raw_fd()) {
            self.inner.waiting.borrow_mut().remove(&token);
            let _ = self
                .inner
                .selector
                .borrow()
                .registry()
                .deregister(&mut sock);
        }
    }

    /// `loop.run(coro)`: drives `main` and every registered task until `main` completes.
    ///
    /// Each turn polls what was woken, then, when nothing is left to run, waits on the
    /// selector and completes the futures of the sockets that became ready, which wakes the
    /// tasks awaiting them. (The book's loop steps every task on every turn; a `Waker` tells
    /// this one which tasks have something to do.)
    ///
    /// # Errors
    /// If waiting on the selector fails.
    pub fn run<T>(&self, main: impl Future<Output = T>) -> io::Result<T> {
        let mut main = pin!(main);
        let waker_of = |id| {
            Waker::from(Arc::new(TaskWaker {
                id,
                run_queue: Arc::clone(&self.inner.run_queue),
            }))
        };
        let main_waker = waker_of(MAIN);
        self.schedule(MAIN);
        let mut events = Events::with_capacity(64);
        loop {
            loop {
                let next = self
                    .inner
                    .run_queue
                    .lock()
                    .expect("nothing panics holding the queue")
                    .pop_front();
                let Some(id) = next else { break };
                if id == MAIN {
                    if let Poll::Ready(output) =
                        main.as_mut().poll(&mut Context::from_waker(&main_waker))
                    {
                        return Ok(output);
                    }
                    continue;
                }
                // Taken out while it runs, so that it can register new tasks.
                let Some(mut task) = self.inner.tasks.borrow_mut().remove(&id) else {
                    continue;
                };
                let waker = waker_of(id);
                if task
                    .as_mut()
                    .poll(&mut Context::from_waker(&waker))
                    .is_pending()
                {
                    self.inner.tasks.borrow_mut().insert(id, task);
                }
            }
            self.inner.selector.borrow_mut().poll(&mut events, None)?;
            println!("Selector has an event, processing...");
            for event in &events {
                let ready = self.inner.waiting.borrow_mut().remove(&event.token());
                if let Some(future) = ready {
                    future.set_result(());
                }
            }
        }
    }
}

/// A socket printed somewhat as Python prints one:
/// `<socket laddr=('127.0.0.1', 8000), raddr=('127.0.0.1', 51234)>`.
pub struct SocketRepr<'a>(pub &'a TcpStream);

impl fmt::Display for SocketRepr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.0.local_addr(), self.0.peer_addr()) {
            (Ok(local), Ok(peer)) => write!(
                f,
                "<socket laddr={}, raddr={}>",
                PyAddress(local),
                PyAddress(peer)
            ),
            _ => f.write_str("<socket [closed]>"),
        }
    }
}
