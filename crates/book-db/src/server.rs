//! Running the machine's own PostgreSQL: finding `initdb` and `postgres`, choosing the user
//! they run as, and one `postgres` process from start to stop.

use std::ffi::CString;
use std::fs;
use std::io::{self, Read, Seek, SeekFrom};
use std::net::{Ipv4Addr, TcpListener};
use std::os::unix::fs::chown;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The book's password for the user `postgres`.
pub const PASSWORD: &str = "password";

/// Where the server binaries are, and which release they are.
#[derive(Clone, Debug)]
pub struct Binaries {
    dir: PathBuf,
    /// `15.18 (Debian 15.18-0+deb12u1)`: what `postgres --version` prints after its name.
    pub version: String,
}

impl Binaries {
    /// Looks in `$PG_BINDIR` if it is set, else in `$PATH`, then in the folders Debian and
    /// Red Hat install the server into, newest release first.
    ///
    /// # Errors
    /// One line that says what to install or set, if there is no `initdb` beside a `postgres`.
    pub fn find() -> io::Result<Self> {
        if let Some(dir) = std::env::var_os("PG_BINDIR") {
            let dir = PathBuf::from(dir);
            if !(dir.join("initdb").is_file() && dir.join("postgres").is_file()) {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!(
                        "PG_BINDIR is {}, which holds no initdb and postgres: point it at the \
                         folder of PostgreSQL's server programs, or unset it to look on the PATH \
                         and in /usr/lib/postgresql",
                        dir.display()
                    ),
                ));
            }
        }
        let candidates: Vec<PathBuf> = match std::env::var_os("PG_BINDIR") {
            Some(dir) => vec![PathBuf::from(dir)],
            None => {
                let path = std::env::var_os("PATH").unwrap_or_default();
                let mut dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
                dirs.extend(installed_releases("/usr/lib/postgresql", "bin"));
                dirs.extend(installed_releases("/usr", "bin"));
                dirs
            }
        };
        let dir = candidates
            .into_iter()
            .find(|dir| dir.join("initdb").is_file() && dir.join("postgres").is_file())
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    "no PostgreSQL server binaries (initdb and postgres) found: install them \
                     (Debian and Ubuntu: apt-get install postgresql), point PG_BINDIR at their \
                     folder, or set DATABASE_URL to a server of yours",
                )
            })?;
        let printed = Command::new(dir.join("postgres"))
            .arg("--version")
            .stderr(Stdio::null())
            .output()?;
        let printed = String::from_utf8_lossy(&printed.stdout);
        let version = printed
            .trim()
            .strip_prefix("postgres (PostgreSQL) ")
            .unwrap_or(printed.trim())
            .to_owned();
        Ok(Binaries { dir, version })
    }

    fn command(&self, name: &str, user: &ServerUser) -> Command {
        let mut command = Command::new(self.dir.join(name));
        command.stdin(Stdio::null());
        if let Some((uid, gid)) = user.switch_to {
            command.uid(uid).gid(gid);
        }
        command
    }
}

/// `/usr/lib/postgresql/15/bin` and the like (or `/usr/pgsql-15/bin`), newest first.
fn installed_releases(parent: &str, bin: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    let mut releases: Vec<(u32, PathBuf)> = entries
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let number = name.strip_prefix("pgsql-").unwrap_or(&name);
            Some((number.parse().ok()?, entry.path().join(bin)))
        })
        .collect();
    releases.sort_by_key(|(number, _)| std::cmp::Reverse(*number));
    releases.into_iter().map(|(_, dir)| dir).collect()
}

/// Who the server runs as. `initdb` and `postgres` refuse to run as root, so a root process
/// (CI is one) runs them as the `postgres` user that Debian's package creates.
#[derive(Clone, Copy, Debug)]
pub struct ServerUser {
    switch_to: Option<(u32, u32)>,
}

impl ServerUser {
    /// # Errors
    /// If this process is root and there is no `postgres` user to run the server as.
    pub fn for_this_process() -> io::Result<Self> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return Ok(ServerUser { switch_to: None });
        }
        let name = CString::new("postgres").expect("no NUL in the name");
        // SAFETY: getpwnam returns a pointer into static storage or null; the two fields are
        // read at once, before anything else could call it again.
        let entry = unsafe { libc::getpwnam(name.as_ptr()) };
        if entry.is_null() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "PostgreSQL refuses to run as root, and there is no `postgres` user to run it \
                 as: run this as another user, or set DATABASE_URL",
            ));
        }
        // SAFETY: checked non-null above.
        let (uid, gid) = unsafe { ((*entry).pw_uid, (*entry).pw_gid) };
        Ok(ServerUser {
            switch_to: Some((uid, gid)),
        })
    }

    /// Whether the server runs as another user than this process, which must then hand it
    /// the files it works in.
    pub fn is_other(&self) -> bool {
        self.switch_to.is_some()
    }

    /// Makes `path` the server user's, when that is not this process's user.
    pub fn hand_over(&self, path: &Path) -> io::Result<()> {
        match self.switch_to {
            Some((uid, gid)) => chown(path, Some(uid), Some(gid)),
            None => Ok(()),
        }
    }
}

/// Creates a cluster in `data` (which must not exist) whose superuser is `postgres` with the
/// book's password, checked by SCRAM as on any server that listens on TCP.
pub fn init_cluster(binaries: &Binaries, user: &ServerUser, data: &Path) -> io::Result<()> {
    let parent = data.parent().expect("a data folder has a parent");
    let password_file = parent.join("password");
    fs::write(&password_file, format!("{PASSWORD}\n"))?;
    user.hand_over(&password_file)?;
    let output = binaries
        .command("initdb", user)
        .arg("--pgdata")
        .arg(data)
        .args(["--username=postgres", "--auth=scram-sha-256"])
        .arg(format!("--pwfile={}", password_file.display()))
        // One-megabyte WAL segments instead of 16: a smaller folder to copy for every run.
        .args(["--encoding=UTF8", "--locale=C.UTF-8", "--wal-segsize=1"])
        .arg("--no-sync")
        .output()?;
    fs::remove_file(&password_file)?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(io::Error::other(format!(
            "initdb failed: {}",
            last_line(&said)
        )));
    }
    Ok(())
}

/// How much the server may trade safety for speed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// A server whose data is thrown away: no waiting for the disk.
    Throwaway,
    /// A server whose data is kept: PostgreSQL's defaults.
    Kept,
}

/// What a server runs with: which binaries as whom, its data folder, the file it logs to.
#[derive(Clone, Copy, Debug)]
pub struct Setup<'a> {
    pub binaries: &'a Binaries,
    pub user: &'a ServerUser,
    pub data: &'a Path,
    pub log: &'a Path,
    pub durability: Durability,
}

/// A running `postgres` process, listening on 127.0.0.1 only. Dropping it stops it at once
/// (an immediate shutdown: the data of a throwaway server is not kept).
#[derive(Debug)]
pub struct Postmaster {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Postmaster {
    /// Starts `postgres` as `setup` says, at `port` (0: a free one), and waits until it
    /// accepts connections.
    ///
    /// The server is this thread's child and gets SIGQUIT if the thread ends first, so a
    /// killed example leaves no server behind: start it from a thread that lives as long as
    /// the server is needed (the main thread, or a test's).
    ///
    /// # Errors
    /// If it cannot start, or is not ready within 30 s; the error quotes the server's log.
    pub async fn start(setup: &Setup<'_>, port: u16) -> io::Result<Self> {
        // A free port can be taken by someone else between our probe and the server's bind;
        // with many servers starting at once (the tests) that happens, so try a few.
        let mut attempts = if port == 0 { 5 } else { 1 };
        loop {
            attempts -= 1;
            let chosen = if port == 0 { free_port()? } else { port };
            match Self::start_on(setup, chosen).await {
                Err(error) if attempts > 0 && error.kind() == io::ErrorKind::AddrInUse => {}
                result => return result,
            }
        }
    }

    async fn start_on(setup: &Setup<'_>, port: u16) -> io::Result<Self> {
        let Setup {
            binaries,
            user,
            data,
            log,
            durability,
        } = *setup;
        let log_file = fs::File::create(log)?;
        user.hand_over(log)?;
        let mut command = binaries.command("postgres", user);
        command
            .arg("-D")
            .arg(data)
            .args(["-p", &port.to_string()])
            // TCP on loopback only: no Unix socket, whose path could be too long in a deep
            // target folder, and nothing reachable from other machines.
            .args(["-c", "listen_addresses=127.0.0.1"])
            .args(["-c", "unix_socket_directories="])
            .stdout(log_file.try_clone()?)
            .stderr(log_file);
        if durability == Durability::Throwaway {
            command.args(["-c", "fsync=off", "-c", "full_page_writes=off"]);
            command.args(["-c", "synchronous_commit=off"]);
            // Keep 2 spent WAL segments rather than 80 MB of them: less to copy.
            command.args(["-c", "min_wal_size=2MB", "-c", "max_wal_size=8MB"]);
        }
        // SAFETY: prctl is async-signal-safe, which is all that may run between fork and exec.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGQUIT) == -1 {
                    return Err(io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn()?;
        let mut server = Postmaster {
            child,
            port,
            log: log.to_owned(),
        };
        server.wait_until_ready(data).await?;
        Ok(server)
    }

    /// The port it listens on, at 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server cleanly (a fast shutdown: clients are disconnected, the data is
    /// written out) and waits for it.
    pub fn stop(mut self) -> io::Result<()> {
        self.begin_stop();
        let status = self.child.wait()?;
        if !status.success() {
            return Err(io::Error::other(format!("postgres exited with {status}")));
        }
        Ok(())
    }

    /// Asks for a fast shutdown and returns at once: [`Postmaster::exited`] says when it is
    /// done, and [`Postmaster::stop_now`] cuts it short.
    pub fn begin_stop(&self) {
        self.signal(libc::SIGINT);
    }

    /// Whether the server has ended, and how.
    pub fn exited(&mut self) -> io::Result<Option<std::process::ExitStatus>> {
        self.child.try_wait()
    }

    fn signal(&self, signal: libc::c_int) {
        let pid = libc::pid_t::try_from(self.child.id()).expect("pids fit in pid_t");
        // SAFETY: kill has no memory-safety preconditions; the pid is our unreaped child.
        unsafe { libc::kill(pid, signal) };
    }

    /// The server says it is ready in the status line of `postmaster.pid`, as `pg_ctl -w`
    /// reads it.
    async fn wait_until_ready(&mut self, data: &Path) -> io::Result<()> {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait()? {
                let said = read_tail(&self.log);
                let kind = if said.contains("could not bind") || said.contains("in use") {
                    io::ErrorKind::AddrInUse
                } else {
                    io::ErrorKind::Other
                };
                let why = said
                    .lines()
                    .find(|line| line.contains("could not bind") || line.contains("FATAL"))
                    .map_or_else(|| last_line(&said), str::trim);
                return Err(io::Error::new(
                    kind,
                    format!("postgres exited with {status}: {why}"),
                ));
            }
            let pid_file = fs::read_to_string(data.join("postmaster.pid")).unwrap_or_default();
            if pid_file.lines().nth(7).map(str::trim) == Some("ready") {
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(30) {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "postgres was not ready within 30 s: {}",
                        last_line(&read_tail(&self.log))
                    ),
                ));
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

impl Postmaster {
    /// Stops the server at once (an immediate shutdown, as for data that is thrown away) and
    /// waits for it.
    pub fn stop_now(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.signal(libc::SIGQUIT);
            let _ = self.child.wait();
        }
    }
}

impl Drop for Postmaster {
    fn drop(&mut self) {
        self.stop_now();
    }
}

fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

/// The last 4 KiB of a log: enough for the lines that say why a server stopped.
fn read_tail(path: &Path) -> String {
    let Ok(mut file) = fs::File::open(path) else {
        return String::new();
    };
    let length = file.metadata().map_or(0, |m| m.len());
    let _ = file.seek(SeekFrom::Start(length.saturating_sub(4096)));
    let mut tail = String::new();
    let _ = file.read_to_string(&mut tail);
    tail
}

fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("(nothing said)")
        .trim()
}
