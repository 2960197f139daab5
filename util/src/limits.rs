//! Process limits that servers raise at start-up.

/// Raises the soft `RLIMIT_NOFILE` to the hard limit and returns the new soft limit.
///
/// Every connection a server holds is a file descriptor, and many Linux distributions start
/// processes with a soft limit of 1024 open files: a server with a thousand clients, or a
/// benchmark with client and server in one process, runs out. The hard limit is what the
/// administrator allows; raising the soft one up to it is what servers commonly do at start-up,
/// so each of ours calls this first thing in `main`, where a reader sees it.
///
/// Nothing in our dependency tree does this (tokio, hyper and mio leave limits alone; the
/// `rlimit` and `fdlimit` crates would, but they are two more dependencies for one system call),
/// so we call `libc` directly. Unix only; elsewhere it returns `None`.
pub fn raise_open_file_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read or write the struct we pass.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return None;
            }
            if limit.rlim_cur < limit.rlim_max {
                let raised = libc::rlimit {
                    rlim_cur: limit.rlim_max,
                    rlim_max: limit.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    limit = raised;
                }
            }
        }
        #[allow(clippy::useless_conversion)] // rlim_t is not u64 on every platform
        Some(u64::from(limit.rlim_cur))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::raise_open_file_limit;

    #[test]
    fn the_limit_is_at_least_what_it_was() {
        let before = raise_open_file_limit();
        assert!(before.is_some());
        assert_eq!(raise_open_file_limit(), before);
    }
}
