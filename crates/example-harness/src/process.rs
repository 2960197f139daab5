//! Starting an example's binary and collecting what it did.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::header::source_path;
use crate::transcript;

/// The seed of `/random` under the paused clock. The test service's first draws with it (0.98,
/// 0.38, 0.39) are close to the guide's run (0.99, 0.33, 0.42), so test6 tells the same story.
pub const PAUSED_CLOCK_SEED: u64 = 18;

/// How long [`Running::wait_for_line`] waits: long enough for a server to start on a machine
/// busy with other tests, short enough that a line that never comes fails the test in CI.
const LINE_DEADLINE: Duration = Duration::from_secs(30);

/// An example to run: its name, arguments, environment and clock.
#[derive(Clone, Debug)]
pub struct Example {
    pub(crate) name: String,
    args: Vec<OsString>,
    envs: Vec<(OsString, OsString)>,
    paused: bool,
    stdin: Option<String>,
    timeout: Duration,
    open_file_limit: Option<u32>,
    current_dir: Option<PathBuf>,
}

/// How long a server may take to listen: long enough on a machine busy with other tests, and
/// for one that starts a database first.
const SERVER_START: Duration = Duration::from_secs(30);

/// What a finished run produced.
#[derive(Clone, Debug)]
pub struct Output {
    pub name: String,
    /// The arguments the program was run with.
    pub args: Vec<String>,
    pub stdout: String,
    /// stderr without the harness's own `[util] elapsed` line.
    pub stderr: String,
    /// The exit code; `None` if a signal ended the process.
    pub code: Option<i32>,
    /// The signal that ended the process, if one did (2 for SIGINT).
    pub signal: Option<i32>,
    /// The elapsed time `util::run` reported on the program's own clock (exact when paused);
    /// `None` for programs that do not run through `util`.
    pub elapsed: Option<Duration>,
    /// Real time from start to exit, as seen by the harness.
    pub wall: Duration,
    /// The CPU time (user and system, all its threads) the program used, from the kernel's
    /// accounting; `None` if the platform did not say.
    pub cpu: Option<Duration>,
}

impl Example {
    /// Example `name` with the arguments of its header's command, and the input piped into it
    /// if the command has any (see [`crate::Header`]): the run whose output the header shows.
    pub fn from_header(name: &str) -> Self {
        let header = crate::header(name);
        let example = Self::new(name).args(header.args);
        match header.stdin {
            Some(text) => example.stdin(text),
            None => example,
        }
    }

    /// Example `name`, no arguments, under the paused clock, killed after 60 s of real time.
    pub fn new(name: &str) -> Self {
        Example {
            name: name.to_owned(),
            args: Vec::new(),
            envs: Vec::new(),
            paused: true,
            stdin: None,
            timeout: Duration::from_secs(60),
            open_file_limit: None,
            current_dir: None,
        }
    }

    /// Runs the program with at most `limit` open files (soft and hard), as on a system whose
    /// administrator set it so: for a server's behaviour when it runs out of descriptors.
    /// Through `sh`'s `ulimit -n` (Unix).
    pub fn open_file_limit(mut self, limit: u32) -> Self {
        self.open_file_limit = Some(limit);
        self
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.envs.push((key.into(), value.into()));
        self
    }

    /// Run on the real clock: for threads, multi-thread runtimes and runtimes built by hand.
    pub fn real_clock(mut self) -> Self {
        self.paused = false;
        self
    }

    /// Text written to the program's stdin (then closed). By default stdin is empty.
    pub fn stdin(mut self, text: impl Into<String>) -> Self {
        self.stdin = Some(text.into());
        self
    }

    /// Runs the program in `dir` (by default the test's own working directory).
    pub fn current_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.current_dir = Some(dir.into());
        self
    }

    /// How much real time the run may take before the harness kills it and fails.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn command(&self) -> Command {
        let mut command = self.bare_command();
        command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // A process group of its own, as a shell gives a command: Ctrl-C can then reach
            // the program's children too (`Running::interrupt_group`), and none outlives a test.
            .process_group(0);
        command
    }

    /// The program, its arguments, environment, directory and signals, with stdin, stdout and
    /// stderr still to be chosen (pipes, or a terminal: [`crate::pty`]).
    pub(crate) fn bare_command(&self) -> Command {
        let binary = binary_path(&self.name);
        let mut command = match self.open_file_limit {
            None => Command::new(&binary),
            Some(limit) => {
                // `exec` keeps the process id, so signals and `/proc` reach the program.
                let mut shell = Command::new("sh");
                shell
                    .arg("-c")
                    .arg(format!("ulimit -n {limit} && exec \"$0\" \"$@\""))
                    .arg(&binary);
                shell
            }
        };
        command
            .args(&self.args)
            .env("ASYNCIO_IN_RUST_REPORT", "1")
            .env_remove("ASYNCIO_DEBUG")
            .env_remove("ASYNCIO_TIMELINE")
            .env_remove("RUST_LOG")
            // The developer's own database settings: a test that wants one sets it.
            .env_remove("DATABASE_URL")
            .env_remove("PG_BINDIR");
        for libpq in ["PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE"] {
            command.env_remove(libpq);
        }
        if let Some(dir) = &self.current_dir {
            command.current_dir(dir);
        }
        // A program started from a shell's background job inherits SIGINT and SIGQUIT ignored,
        // and would then outlive the Ctrl-C a test sends it. A terminal gives the default.
        // SAFETY: `signal` is async-signal-safe, all a child may call between fork and exec.
        unsafe {
            command.pre_exec(|| {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                libc::signal(libc::SIGQUIT, libc::SIG_DFL);
                Ok(())
            });
        }
        if self.paused {
            command
                .env("ASYNCIO_IN_RUST_CLOCK", "paused")
                .env("ASYNCIO_IN_RUST_SEED", PAUSED_CLOCK_SEED.to_string());
        } else {
            command
                .env_remove("ASYNCIO_IN_RUST_CLOCK")
                .env_remove("ASYNCIO_IN_RUST_SEED");
        }
        command.envs(self.envs.iter().map(|(k, v)| (k, v)));
        command
    }

    /// Runs the program to the end and returns what it did.
    ///
    /// # Panics
    /// If the binary is missing or stale, or the run takes longer than the timeout.
    pub fn run(&self) -> Output {
        let started = Instant::now();
        let mut child = self
            .command()
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start example `{}`: {e}", self.name));
        feed_stdin(&mut child, self.stdin.clone());
        let stdout = drain(child.stdout.take().expect("stdout is piped"));
        let stderr = drain(child.stderr.take().expect("stderr is piped"));
        let status = wait_with_timeout(&mut child, self.timeout);
        let wall = started.elapsed();
        let (stdout, stderr) = (collect(stdout), collect(stderr));
        let Some(ended) = status else {
            panic!(
                "example `{}` still running after {:?}; killed.\n--- stdout ---\n{stdout}--- stderr ---\n{stderr}",
                self.name, self.timeout
            );
        };
        Output::new(self, stdout, stderr, ended, wall)
    }

    /// Runs a program that never ends by itself for `duration`, then stops it with SIGINT (as a
    /// reader's Ctrl-C) and returns what it did; it must still be running when the time is up.
    ///
    /// # Panics
    /// If it exits before `duration`, or is still running 10 s after the SIGINT.
    pub fn run_for(&self, duration: Duration) -> Output {
        let mut running = self.spawn();
        running.assert_running_after(duration);
        running.interrupt();
        running.wait(Duration::from_secs(10))
    }

    /// Starts a server example on a port the system chooses (`--port 0` after its other
    /// arguments) and waits until it listens: the running program, and its port.
    ///
    /// # Panics
    /// As [`Example::spawn`], and if it does not listen on exactly one port within 30 s.
    pub fn spawn_on_free_port(&self) -> (Running, u16) {
        let mut server = self.clone().args(["--port", "0"]).spawn();
        let port = server.listening_port(SERVER_START);
        (server, port)
    }

    /// Starts the program and returns at once, for servers and other long-running examples.
    ///
    /// # Panics
    /// If the binary is missing or stale.
    pub fn spawn(&self) -> Running {
        let mut child = self
            .command()
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start example `{}`: {e}", self.name));
        feed_stdin(&mut child, self.stdin.clone());
        let stdout = lines_of(child.stdout.take().expect("stdout is piped"));
        let stderr = lines_of(child.stderr.take().expect("stderr is piped"));
        Running {
            example: self.clone(),
            name: self.name.clone(),
            child: Some(child),
            stdout,
            seen: String::new(),
            stderr,
            stderr_seen: String::new(),
            started: Instant::now(),
        }
    }
}

/// A program started with [`Example::spawn`]. Killed when dropped.
#[derive(Debug)]
pub struct Running {
    example: Example,
    name: String,
    child: Option<Child>,
    /// stdout, a line at a time, from a thread that reads it: so that a wait for a line can
    /// give up at a deadline.
    stdout: mpsc::Receiver<String>,
    seen: String,
    /// stderr, likewise.
    stderr: mpsc::Receiver<String>,
    stderr_seen: String,
    started: Instant,
}

impl Running {
    /// The process id, to send it signals.
    pub fn id(&self) -> u32 {
        self.child.as_ref().expect("the child is alive").id()
    }

    /// Reads stdout until a line contains `needle`, and returns that line, for at most 30 s
    /// (see [`Running::wait_for_line_within`]).
    ///
    /// # Panics
    /// If stdout ends first, or the line does not come in time.
    pub fn wait_for_line(&mut self, needle: &str) -> String {
        self.wait_for_line_within(needle, LINE_DEADLINE)
    }

    /// Reads stdout until a line contains `needle`, and returns that line.
    ///
    /// # Panics
    /// If stdout ends first, or `limit` passes without the line: a program that never prints
    /// it fails the test instead of hanging it.
    pub fn wait_for_line_within(&mut self, needle: &str, limit: Duration) -> String {
        wait_for(
            &self.name,
            "stdout",
            &self.stdout,
            &mut self.seen,
            needle,
            limit,
        )
    }

    /// Reads stderr until a line contains `needle`, and returns that line, for at most 30 s.
    ///
    /// # Panics
    /// As [`Running::wait_for_line`].
    pub fn wait_for_stderr_line(&mut self, needle: &str) -> String {
        let stderr = &self.stderr;
        wait_for(
            &self.name,
            "stderr",
            stderr,
            &mut self.stderr_seen,
            needle,
            LINE_DEADLINE,
        )
    }

    /// Stops reading the program's stdout and closes it, as `head -1` does after its line: the
    /// program's next write finds the pipe closed.
    pub fn close_stdout(&mut self) {
        // The reading thread ends, closing the pipe, when its next line has nowhere to go.
        self.stdout = mpsc::channel().1;
    }

    /// Sends SIGINT, as Ctrl-C in a terminal does.
    pub fn interrupt(&self) {
        self.signal("INT");
    }

    /// Sends SIGINT to the program and to every process it started, as Ctrl-C in a terminal
    /// does: the terminal signals the whole foreground process group.
    pub fn interrupt_group(&self) {
        assert!(
            signal_group(self.id(), libc::SIGINT),
            "cannot signal the process group of `{}`",
            self.name
        );
    }

    /// Sends SIGTERM, as `kill PID`, a service manager or a container runtime does.
    pub fn terminate(&self) {
        self.signal("TERM");
    }

    /// Sends the signal `name` (`INT`, `TERM`, `HUP`...).
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args(["-s", name, &self.id().to_string()])
            .status()
            .expect("running kill");
        assert!(status.success(), "kill -s {name} failed");
    }

    /// The TCP port the program listens on, once it listens on exactly one: for a server
    /// started with `--port 0`, whatever it prints. Read from `/proc` (Linux), so the program
    /// needs no hook of ours and its transcript stays the book's.
    ///
    /// # Panics
    /// If the program exits, or listens on no port or several, within `timeout`.
    pub fn listening_port(&mut self, timeout: Duration) -> u16 {
        let deadline = Instant::now() + timeout;
        loop {
            let ports = listening_ports(self.id());
            if let [port] = ports[..] {
                return port;
            }
            let exited = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok())
                .flatten();
            assert!(
                exited.is_none() && Instant::now() < deadline,
                "example `{}` listens on {ports:?} after {:?} (exited: {exited:?})",
                self.name,
                self.started.elapsed()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Asserts that a burst of 600 clients fits in the program's listen queue: with the
    /// program stopped (SIGSTOP), so that it accepts none of them, every connect must still
    /// complete, which `TcpListener::bind`'s backlog of 128 does not allow (the kernel drops
    /// the SYNs past it, and those clients retry a second later).
    ///
    /// # Panics
    /// If a connect does not complete within half a second, or as [`Running::listening_port`].
    pub fn assert_listen_queue_holds_a_burst(&mut self) {
        const BURST: usize = 600;
        let port = self.listening_port(Duration::from_secs(10));
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        self.signal("STOP");
        let connected = (0..BURST)
            .map_while(|_| {
                std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok()
            })
            .count();
        self.signal("CONT");
        assert_eq!(
            connected, BURST,
            "example `{}`: only {connected} connects fitted in its listen queue",
            self.name
        );
    }

    /// How much CPU time (user and system) the program uses over the next `window` of real
    /// time: about `window` for a busy loop, about nothing for a program waiting on the OS.
    /// From `/proc/PID/stat` (Linux), in clock ticks (usually 10 ms).
    pub fn cpu_time_over(&self, window: Duration) -> Duration {
        let ticks = || -> u64 {
            let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.id()))
                .expect("the program is running");
            // The fields after the command name, which is in parentheses and may hold spaces.
            let fields: Vec<&str> = stat
                .rsplit_once(')')
                .map(|(_, rest)| rest.split_whitespace().collect())
                .unwrap_or_default();
            // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after ")".
            fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0)
        };
        let before = ticks();
        thread::sleep(window);
        let used = ticks() - before;
        // `getconf CLK_TCK` is 100 on every Linux we know of.
        Duration::from_millis(used * 10)
    }

    /// How many of the program's threads want the CPU right now: those the kernel shows
    /// running or ready to run (state `R` in `/proc/PID/task/*/stat`, Linux), not those waiting
    /// for a lock, a sleep or I/O. Two threads computing at once count 2 even when the machine
    /// is too busy to give each a core; two threads that take turns on a lock never do.
    /// `None` once the program has exited.
    pub fn threads_wanting_the_cpu(&self) -> Option<usize> {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.id())).ok()?;
        let running = tasks
            .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("stat")).ok())
            .filter(|stat| {
                // The state is the first field after the command name, which is in parentheses.
                stat.rsplit_once(')')
                    .is_some_and(|(_, rest)| rest.trim_start().starts_with('R'))
            })
            .count();
        let exited =
            std::fs::read_to_string(format!("/proc/{}/stat", self.id())).map_or(true, |stat| {
                stat.rsplit_once(')')
                    .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
            });
        (!exited).then_some(running)
    }

    /// The program's child processes now, each as its process id and command name (from
    /// `/proc/PID/task/*/children` and `/proc/CHILD/comm`, Linux); empty once it has exited.
    pub fn children(&self) -> Vec<(u32, String)> {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{}/task", self.id())) else {
            return Vec::new();
        };
        tasks
            .flatten()
            .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
            .flat_map(|children| {
                children
                    .split_whitespace()
                    .filter_map(|child| child.parse().ok())
                    .collect::<Vec<u32>>()
            })
            .filter_map(|child| {
                let name = std::fs::read_to_string(format!("/proc/{child}/comm")).ok()?;
                Some((child, name.trim_end().to_owned()))
            })
            .collect()
    }

    /// The program's resident memory now (`VmRSS` in `/proc/PID/status`, Linux), in bytes.
    pub fn resident_memory(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.id()))
            .expect("the program is running");
        let kib: u64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().strip_suffix("kB"))
            .and_then(|kib| kib.trim().parse().ok())
            .expect("a VmRSS line");
        kib * 1024
    }

    /// Asserts that the program is still running `after` its start: a server that must serve
    /// until told to stop, or a deadlock that must not resolve itself.
    ///
    /// # Panics
    /// If it has exited by then.
    pub fn assert_running_after(&mut self, after: Duration) {
        if let Some(rest) = after.checked_sub(self.started.elapsed()) {
            thread::sleep(rest);
        }
        let child = self.child.as_mut().expect("the child is alive");
        let status = child.try_wait().expect("waiting for the example");
        assert!(
            status.is_none(),
            "example `{}` exited with {status:?} before {after:?}; it printed:\n{}",
            self.name,
            self.seen
        );
    }

    /// Waits for the program to exit (at most `timeout`) and returns what it did, stdout
    /// including the lines already read.
    ///
    /// # Panics
    /// If it is still running after `timeout`.
    pub fn wait(mut self, timeout: Duration) -> Output {
        let mut child = self.child.take().expect("wait is called once");
        let status = wait_with_timeout(&mut child, timeout);
        // The reading thread sends the last lines and ends when the program's stdout closes.
        let mut stdout = std::mem::take(&mut self.seen);
        stdout.extend(self.stdout.iter());
        let mut stderr = std::mem::take(&mut self.stderr_seen);
        stderr.extend(self.stderr.iter());
        let Some(ended) = status else {
            panic!(
                "example `{}` did not exit within {timeout:?}.\n--- stdout ---\n{stdout}--- stderr ---\n{stderr}",
                self.name
            );
        };
        Output::new(&self.example, stdout, stderr, ended, self.started.elapsed())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            // The whole group: the children of a program a failed test left running go too.
            signal_group(child.id(), libc::SIGKILL);
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Output {
    fn new(
        example: &Example,
        stdout: String,
        stderr: String,
        ended: Ended,
        wall: Duration,
    ) -> Self {
        let mut elapsed = None;
        let mut kept = String::new();
        for line in stderr.lines() {
            let seconds = line
                .strip_prefix("[util] elapsed ")
                .and_then(|rest| rest.strip_suffix(" s"))
                .and_then(|s| s.parse::<f64>().ok());
            match seconds {
                Some(seconds) => elapsed = Some(Duration::from_secs_f64(seconds)),
                None => {
                    kept.push_str(line);
                    kept.push('\n');
                }
            }
        }
        Output {
            name: example.name.clone(),
            args: example
                .args
                .iter()
                .map(|arg| arg.to_string_lossy().into_owned())
                .collect(),
            stdout,
            stderr: kept,
            code: ended.status.code(),
            signal: std::os::unix::process::ExitStatusExt::signal(&ended.status),
            cpu: ended.cpu,
            elapsed,
            wall,
        }
    }

    /// Asserts the program exited with code 0.
    pub fn assert_success(&self) -> &Self {
        assert_eq!(
            self.code,
            Some(0),
            "example `{}` failed.\n--- stdout ---\n{}--- stderr ---\n{}",
            self.name,
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts the program failed (non-zero exit, not killed by a signal) and did not panic.
    pub fn assert_clean_failure(&self) -> &Self {
        assert!(
            matches!(self.code, Some(code) if code != 0),
            "example `{}` should have exited with an error, got {:?}.\n--- stdout ---\n{}--- stderr ---\n{}",
            self.name,
            self.code,
            self.stdout,
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "example `{}` panicked instead of reporting an error:\n{}",
            self.name,
            self.stderr
        );
        self
    }

    /// Asserts that this run is the one the example's header shows ([`Example::from_header`])
    /// and that it did what the header says: the exit status, stdout, and stderr if the
    /// header quotes it. Not the timing claim: see [`crate::check`] for the paused clock.
    pub fn assert_matches_header(&self) -> &Self {
        self.assert_header(None)
    }

    /// [`Output::assert_matches_header`] for a server the test started with the header's
    /// command and `--port 0`, so that tests running at once never compete for the book's
    /// port: its header shows the book's port, `book_port`, where it listened on `port`.
    pub fn assert_matches_header_on_port(&self, book_port: u16, port: u16) -> &Self {
        self.assert_header(Some((book_port, port)))
    }

    fn assert_header(&self, ports: Option<(u16, u16)>) -> &Self {
        let header = crate::header(&self.name);
        let mut command = header.args.clone();
        if ports.is_some() {
            command.extend(["--port".to_owned(), "0".to_owned()]);
        }
        assert_eq!(
            self.args, command,
            "example `{}` was not run with its header's command",
            self.name
        );
        // A death by signal N is status 128 + N, as a shell shows it (130 for Ctrl-C).
        let status = self.code.or(self.signal.map(|signal| 128 + signal));
        assert_eq!(
            status,
            Some(header.status),
            "example `{}` exited with {:?}, its header says {}.\n--- stdout ---\n{}--- stderr ---\n{}",
            self.name,
            status,
            header.status,
            self.stdout,
            self.stderr
        );
        let on_port = |text: &str| match ports {
            Some((book, actual)) => text.replace(&format!(":{book}"), &format!(":{actual}")),
            None => text.to_owned(),
        };
        self.assert_stdout_matches(&on_port(&header.transcript));
        if let Some(expected) = &header.stderr {
            // Started with `--port 0`, a server says on stderr which port it got
            // (`serve::tell_chosen_port`), which the header's command does not make it say.
            let stderr: String = self
                .stderr
                .lines()
                .filter(|line| ports.is_none() || !line.starts_with("listening on 127.0.0.1:"))
                .map(|line| format!("{line}\n"))
                .collect();
            if let Err(diff) = transcript::matches(&on_port(expected), &stderr) {
                panic!("example `{}`, on stderr: {diff}", self.name);
            }
        }
        self
    }

    /// Asserts stdout matches `expected` (see [`crate::matches`] for `[..]`).
    pub fn assert_stdout_matches(&self, expected: &str) -> &Self {
        if let Err(diff) = transcript::matches(expected, &self.stdout) {
            panic!(
                "example `{}`: {diff}\n--- stderr ---\n{}",
                self.name, self.stderr
            );
        }
        self
    }

    /// The elapsed time on the program's clock.
    ///
    /// # Panics
    /// If the program does not report one (it does not run through `util`).
    pub fn elapsed(&self) -> Duration {
        self.elapsed.unwrap_or_else(|| {
            panic!(
                "example `{}` reported no elapsed time: does it run through #[util::main]?",
                self.name
            )
        })
    }

    /// Asserts the program's clock says it took `expected`, within `tolerance`.
    pub fn assert_elapsed(&self, expected: Duration, tolerance: Duration) -> &Self {
        let elapsed = self.elapsed();
        assert!(
            elapsed.abs_diff(expected) <= tolerance,
            "example `{}` took {elapsed:?}, expected {expected:?} (± {tolerance:?})",
            self.name
        );
        self
    }

    /// stdout as lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

/// The TCP ports process `pid` listens on: the sockets in `LISTEN` state of
/// `/proc/PID/net/tcp{,6}` whose inodes are among the process's open descriptors.
fn listening_ports(pid: u32) -> Vec<u16> {
    let Ok(descriptors) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return Vec::new();
    };
    let inodes: Vec<String> = descriptors
        .filter_map(|entry| std::fs::read_link(entry.ok()?.path()).ok())
        .filter_map(|target| {
            let target = target.to_str()?;
            Some(
                target
                    .strip_prefix("socket:[")?
                    .strip_suffix(']')?
                    .to_owned(),
            )
        })
        .collect();
    let hex = |text: Option<&str>| text.and_then(|t| u32::from_str_radix(t, 16).ok());
    let mut found = Vec::new();
    for table in ["tcp", "tcp6"] {
        let path = format!("/proc/{pid}/net/{table}");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for line in text.lines().skip(1) {
            // sl local_address rem_address st tx_queue:rx_queue tr:when retrnsmt uid timeout inode
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state), Some(inode)) =
                (fields.get(1), fields.get(3), fields.get(9))
            else {
                continue;
            };
            const LISTEN: &str = "0A";
            if *state != LISTEN || !inodes.iter().any(|own| own == inode) {
                continue;
            }
            let port = hex(local.rsplit(':').next()).and_then(|p| u16::try_from(p).ok());
            if let Some(port) = port.filter(|port| !found.contains(port)) {
                found.push(port);
            }
        }
    }
    found
}

/// `target/<profile>/examples/<name>`, found from the running test binary
/// (`target/<profile>/deps/<test>-<hash>`).
fn binary_path(name: &str) -> PathBuf {
    let test_binary = std::env::current_exe().expect("the test binary has a path");
    let profile_dir = test_binary
        .parent()
        .and_then(|deps| deps.parent())
        .expect("test binaries live in target/<profile>/deps");
    let binary = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let build_hint = format!(
        "build it with `cargo build --example {name}` (`cargo test --workspace` builds every example)"
    );
    let built = std::fs::metadata(&binary)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| {
            panic!(
                "no binary for example `{name}` at {}: {build_hint}",
                binary.display()
            )
        });
    let edited = std::fs::metadata(source_path(name)).and_then(|m| m.modified());
    if edited.is_ok_and(|edited| edited > built) {
        panic!("the binary of example `{name}` is older than its source: {build_hint}");
    }
    binary
}

fn feed_stdin(child: &mut Child, text: Option<String>) {
    let mut stdin = child.stdin.take().expect("stdin is piped");
    if let Some(text) = text {
        // A program that exits without reading is not an error here.
        let _ = stdin.write_all(text.as_bytes());
    }
}

/// Reads `lines` (adding each to `seen`) until one contains `needle`, for at most `limit`.
fn wait_for(
    name: &str,
    stream: &str,
    lines: &mpsc::Receiver<String>,
    seen: &mut String,
    needle: &str,
    limit: Duration,
) -> String {
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = match lines.recv_timeout(left) {
            Ok(line) => line,
            Err(mpsc::RecvTimeoutError::Timeout) => panic!(
                "example `{name}` did not print `{needle}` on {stream} within {limit:?}; it printed:\n{seen}"
            ),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!(
                "example `{name}` closed {stream} before printing `{needle}`; it printed:\n{seen}"
            ),
        };
        seen.push_str(&line);
        if line.contains(needle) {
            return line.trim_end().to_owned();
        }
    }
}

/// The lines of `pipe` (each with its `\n`), as a thread reads them.
fn lines_of(pipe: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (lines, received) = mpsc::channel();
    thread::spawn(move || {
        let mut reader = BufReader::new(pipe);
        loop {
            let mut line = Vec::new();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    let line = String::from_utf8_lossy(&line).into_owned();
                    if lines.send(line).is_err() {
                        return;
                    }
                }
            }
        }
    });
    received
}

fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn collect(reader: thread::JoinHandle<String>) -> String {
    reader.join().expect("the pipe reader does not panic")
}

/// How a program ended: its status, and the CPU time (user and system) it used.
struct Ended {
    status: std::process::ExitStatus,
    cpu: Option<Duration>,
}

/// Waits for `child` to exit; kills it and returns `None` after `timeout`. Through `wait4`, which
/// reports the CPU time of that one child: tests running beside it in this process have
/// children of their own, so `getrusage` of all children would mix them up.
/// Sends `signal` to the process group that the example `leader` leads (each example leads
/// its own); whether it was sent.
fn signal_group(leader: u32, signal: libc::c_int) -> bool {
    let group = libc::pid_t::try_from(leader).expect("a pid fits pid_t");
    // SAFETY: kill has no memory-safety preconditions; a negative pid names a process group.
    unsafe { libc::kill(-group, signal) == 0 }
}

fn wait_with_timeout(child: &mut Child, timeout: Duration) -> Option<Ended> {
    use std::os::unix::process::ExitStatusExt;
    let deadline = Instant::now() + timeout;
    let pid = libc::pid_t::try_from(child.id()).expect("a pid fits pid_t");
    loop {
        let mut status = 0;
        // SAFETY: rusage is a plain struct that wait4 fills in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: wait4 on our own child, with valid pointers to the status and the usage.
        let waited = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if waited == pid {
            let seconds = |time: libc::timeval| {
                Duration::from_secs(u64::try_from(time.tv_sec).unwrap_or(0))
                    + Duration::from_micros(u64::try_from(time.tv_usec).unwrap_or(0))
            };
            return Some(Ended {
                status: std::process::ExitStatus::from_raw(status),
                cpu: Some(seconds(usage.ru_utime) + seconds(usage.ru_stime)),
            });
        }
        if waited == -1 {
            // Already reaped (by `Child::try_wait`): the status is there, the usage is not.
            let status = child.try_wait().expect("waiting for the example");
            return status.map(|status| Ended { status, cpu: None });
        }
        if Instant::now() >= deadline {
            signal_group(child.id(), libc::SIGKILL);
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(Duration::from_millis(5));
    }
}
