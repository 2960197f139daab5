//! What the benchmark does that a server of three requests never needs. Each knob was measured
//! on this project's 2-core machine with client and server in one process (details in
//! `docs/http-guide.md`); none belongs in `serve::listen`, which only binds.

use std::future;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};

use tokio::net::{TcpListener, TcpSocket};

/// Grows the process's table of file descriptors to hold `wanted` of them (at most 65,536),
/// once, now, instead of doubling it again and again while clients pour in.
///
/// Linux starts a process with room for 64 descriptors and doubles the table when it is full.
/// In a process with several threads, each doubling waits for an RCU grace period (a few
/// milliseconds) while every other thread that opens a socket sleeps. 5,000 connections with
/// client and server in one process cross eight doublings in the middle of the burst; the
/// wall time drops by 60-80 ms when the table is grown first. Duplicating a descriptor to a
/// high number and closing it is a portable way to ask for that (the table never shrinks).
pub fn grow_descriptor_table(wanted: u64) {
    let highest = wanted.clamp(1, 1 << 16) - 1;
    let highest = libc::c_int::try_from(highest).expect("at most 65,535");
    // SAFETY: F_DUPFD_CLOEXEC duplicates standard error (if it is open) to the lowest free
    // descriptor >= `highest`; we close that copy at once and touch nothing else.
    unsafe {
        let copy = libc::fcntl(libc::STDERR_FILENO, libc::F_DUPFD_CLOEXEC, highest);
        if copy >= 0 {
            libc::close(copy);
        }
    }
}

/// Makes glibc's allocator hand out memory without one system call per page. Call it before
/// the runtime starts its threads: it only changes heaps created afterwards.
///
/// Each thread that allocates gets its own glibc heap (an "arena"), reserved as 64 MiB of
/// address space and made usable piece by piece: one `mprotect` call each time the heap grows,
/// with the arena locked meanwhile. 5,000 connections allocate about 170 MB in a third of a
/// second: 40,000 `mprotect` calls. `M_TOP_PAD` at 64 MiB makes each new heap usable in one
/// call; memory is still only backed when first touched. This took 40-60 ms off 5,000
/// requests, about what replacing the allocator with mimalloc or jemalloc does.
pub fn open_heaps_in_one_step() {
    #[cfg(target_env = "gnu")]
    // SAFETY: mallopt only sets a tuning value of glibc's allocator.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 64 << 20);
    }
}

/// Starts the test web service on a free loopback port with enough accept queues for
/// `clients` connecting at once, and returns its URL.
///
/// Linux caps each accept queue at `net.core.somaxconn` (4096 here). When more clients connect
/// at once than the queue holds, the kernel drops the extra SYNs and those clients retry a
/// second later, then three: 10,000 requests took 6.6 s with two queues, the last 1% waiting
/// for their retries. Several listeners on one port (`SO_REUSEPORT`) make the kernel spread the
/// connections over their queues, each served by its own `serve`; one queue more than the
/// clients need absorbs the unevenness of the spreading (even 5,000 overflowed one queue in one
/// run in ten).
pub fn start_service_with_queues_for(
    clients: usize,
    config: web_service::Config,
) -> io::Result<String> {
    let queue_size: usize = std::fs::read_to_string("/proc/sys/net/core/somaxconn")
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(4096);
    let queues = clients.div_ceil(queue_size) + 1;
    let first = listen_shared(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
    let addr = first.local_addr()?;
    let mut listeners = vec![first];
    for _ in 1..queues {
        listeners.push(listen_shared(addr)?);
    }
    for listener in listeners {
        let serve = web_service::serve(listener, config.clone(), future::pending());
        tokio::spawn(util::timeline::offstage(serve));
    }
    Ok(format!("http://{addr}/"))
}

fn listen_shared(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.set_reuseport(true)?;
    socket.bind(addr)?;
    socket.listen(serve::LISTEN_BACKLOG)
}
