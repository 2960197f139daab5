//! Running an example in a pseudo-terminal, typing into it, and reading the screen back as a
//! terminal would show it.
//!
//! A terminal program writes escape sequences (move the cursor, blank a row) between its
//! text, so its raw output says little; what a test can trust is the screen those bytes make.
//! [`Terminal`] starts the program on the slave side of a pseudo-terminal of 24 rows and 80
//! columns, as its controlling terminal (so Ctrl-C, typed, sends SIGINT as in a real one),
//! feeds everything it writes to a `vt100` parser, and lets a test wait, with a deadline, for
//! the screen to show something. The terminal's settings and its open file's flags can be read
//! before and after the program, to check that it gave the terminal back as it found it.
//!
//! Checked first: portable-pty (wezterm's) does the spawning for every platform with some 15
//! crates more; `openpty` and a `pre_exec` of two calls is all Linux needs. rexpect and expectrl
//! match raw output, which redraws make brittle.

use std::fs::File;
use std::io::{Read, Write};
use std::mem::MaybeUninit;
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use crate::Example;

/// The terminal's size.
pub const ROWS: u16 = 24;
pub const COLUMNS: u16 = 80;

/// How long [`Terminal::wait_for`] waits for the screen: as long as a line of a busy test.
const SCREEN_DEADLINE: Duration = Duration::from_secs(30);

/// An example running in a pseudo-terminal. Killed when dropped.
pub struct Terminal {
    name: String,
    child: Child,
    /// The master side, to type into.
    keyboard: File,
    /// The slave side, which the program has as stdin, stdout and stderr (duplicates of this
    /// open file): to read the terminal's settings and the file's flags.
    slave: File,
    screen: Arc<Mutex<vt100::Parser>>,
    settings_at_start: libc::termios,
}

impl Example {
    /// Starts the program in a new pseudo-terminal (see [`crate::pty`]). Use
    /// [`Example::real_clock`] first: a terminal program waits for its reader in real time.
    ///
    /// # Panics
    /// If no pseudo-terminal can be opened, or the program cannot start.
    pub fn spawn_in_terminal(&self) -> Terminal {
        let (master, slave) = open_pty();
        let settings_at_start = settings(&slave);
        let mut command = self.bare_command();
        let stdio = || Stdio::from(slave.try_clone().expect("duplicating the terminal"));
        command
            .stdin(stdio())
            .stdout(stdio())
            .stderr(stdio())
            .env("TERM", "xterm")
            .env_remove("COLUMNS")
            .env_remove("LINES");
        // SAFETY: setsid and ioctl are async-signal-safe, all a child may call between fork
        // and exec. A session of its own, with the terminal on stdin as its controlling
        // terminal: the program is then the terminal's foreground process group, which a
        // typed Ctrl-C signals.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start example `{}`: {e}", self.name));

        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(ROWS),
            nonzero(COLUMNS),
            0,
        )));
        let mut output = master.try_clone().expect("duplicating the terminal");
        let shown = Arc::clone(&screen);
        // Ends when the slave side is closed by everyone: the program, and this `Terminal`.
        thread::spawn(move || {
            let mut bytes = [0; 4096];
            while let Ok(read @ 1..) = output.read(&mut bytes) {
                lock(&shown).process(&bytes[..read]);
            }
        });
        Terminal {
            name: self.name.clone(),
            child,
            keyboard: master,
            slave,
            screen,
            settings_at_start,
        }
    }
}

impl Terminal {
    /// Types `keys`, as a person would: `\n` is Enter, `\x7f` Backspace, `\x03` Ctrl-C.
    ///
    /// # Panics
    /// If the terminal is gone.
    pub fn type_keys(&mut self, keys: &str) {
        for key in keys.bytes() {
            self.keyboard
                .write_all(&[key])
                .unwrap_or_else(|e| panic!("cannot type into `{}`: {e}", self.name));
        }
    }

    /// Waits until `condition` holds for the screen, for at most 30 s.
    ///
    /// # Panics
    /// If it does not hold by then; the message shows `what` and the screen.
    pub fn wait_for(&self, what: &str, condition: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + SCREEN_DEADLINE;
        loop {
            if condition(lock(&self.screen).screen()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "`{}`: no {what} on the screen within {SCREEN_DEADLINE:?}; it shows:\n{}",
                self.name,
                self.contents()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the screen shows `text` somewhere.
    ///
    /// # Panics
    /// As [`Terminal::wait_for`].
    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("`{text}`"), |screen| {
            screen.contents().contains(text)
        });
    }

    /// The screen's rows, without their trailing blanks.
    pub fn rows(&self) -> Vec<String> {
        let parser = lock(&self.screen);
        parser
            .screen()
            .rows(0, COLUMNS)
            .map(|row| row.trim_end().to_owned())
            .collect()
    }

    /// The screen, a row a line, for messages.
    pub fn contents(&self) -> String {
        self.rows().join("\n")
    }

    /// The cursor: (row, column), from 0.
    pub fn cursor(&self) -> (u16, u16) {
        lock(&self.screen).screen().cursor_position()
    }

    /// Waits for the program to end, for at most `timeout`.
    ///
    /// # Panics
    /// If it is still running then.
    pub fn wait(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("waiting for the program") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "`{}` still runs after {timeout:?}; the screen shows:\n{}",
                self.name,
                self.contents()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends SIGTERM, as `kill PID` or a closing session does.
    ///
    /// # Panics
    /// If the signal cannot be sent.
    pub fn terminate(&self) {
        let pid = libc::pid_t::try_from(self.child.id()).expect("a process id fits pid_t");
        // SAFETY: kill takes a process id and a signal number.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0, "kill -TERM");
    }

    /// Whether the program is still running.
    pub fn is_running(&mut self) -> bool {
        self.child
            .try_wait()
            .expect("waiting for the program")
            .is_none()
    }

    /// Asserts that the terminal's settings are what they were before the program started
    /// (line editing and echo back on, after a program that turned them off), and that its
    /// open file is not left non-blocking for the next program.
    ///
    /// # Panics
    /// If either is not so.
    pub fn assert_given_back(&self) {
        let now = settings(&self.slave);
        let before = &self.settings_at_start;
        let flags = |t: &libc::termios| (t.c_iflag, t.c_oflag, t.c_lflag, t.c_cc);
        assert!(
            flags(&now) == flags(before),
            "`{}` left the terminal's settings changed: local flags {:#o}, were {:#o}",
            self.name,
            now.c_lflag,
            before.c_lflag
        );
        // SAFETY: F_GETFL reads the flags of a descriptor this struct owns.
        let status_flags = unsafe { libc::fcntl(self.slave.as_raw_fd(), libc::F_GETFL) };
        assert!(
            status_flags >= 0 && status_flags & libc::O_NONBLOCK == 0,
            "`{}` left the terminal non-blocking (flags {status_flags:#o})",
            self.name
        );
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn nonzero(size: u16) -> NonZeroU16 {
    NonZeroU16::new(size).expect("a terminal has rows and columns")
}

fn lock(screen: &Mutex<vt100::Parser>) -> MutexGuard<'_, vt100::Parser> {
    // A panic elsewhere leaves the parser whole.
    screen.lock().unwrap_or_else(|poison| poison.into_inner())
}

/// A new pseudo-terminal of [`ROWS`] by [`COLUMNS`]: (master, slave).
fn open_pty() -> (File, File) {
    let size = libc::winsize {
        ws_row: ROWS,
        ws_col: COLUMNS,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: openpty writes two descriptors; the name and settings may be null.
    let opened = unsafe {
        libc::openpty(
            &raw mut master,
            &raw mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &raw const size,
        )
    };
    assert_eq!(
        opened,
        0,
        "cannot open a pseudo-terminal: {}",
        std::io::Error::last_os_error()
    );
    // SAFETY: both descriptors are open and owned by nothing else. Marked close-on-exec at
    // once: tests run in parallel, and a program another test starts must not keep this
    // terminal open (the program under test gets its own duplicates).
    unsafe {
        for fd in [master, slave] {
            libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
        }
        (
            File::from(OwnedFd::from_raw_fd(master)),
            File::from(OwnedFd::from_raw_fd(slave)),
        )
    }
}

fn settings(terminal: &File) -> libc::termios {
    let mut settings = MaybeUninit::uninit();
    // SAFETY: tcgetattr fills the `termios` when it returns 0, which is asserted.
    unsafe {
        assert_eq!(
            libc::tcgetattr(terminal.as_raw_fd(), settings.as_mut_ptr()),
            0,
            "cannot read the terminal's settings"
        );
        settings.assume_init()
    }
}
