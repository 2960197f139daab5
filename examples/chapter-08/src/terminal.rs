//! The terminal of Listings 8.10, 8.11 and 8.14: cbreak mode, put back however the program
//! ends, and the redraw of the messages at the top of the screen.
//!
//! `tty.setcbreak(fd)` turns off two things the terminal does for a program: collecting a
//! line until Enter (`ICANON`) and showing what is typed (`ECHO`). Everything else stays, so
//! Ctrl-C still sends SIGINT and `\n` still starts a new line. crossterm and termion offer only
//! raw mode, which turns those off too: the wrong twin, so this is termios through `libc`.
//!
//! The book never gives the terminal back: after its programs end, the shell shows nothing of
//! what is typed. [`Cbreak`] is a guard: its `Drop` restores the settings when the program
//! returns, fails or panics, and the examples return on Ctrl-C. An `exit` elsewhere (a second
//! Ctrl-C, the throwaway PostgreSQL's clean-up) runs no destructor, so the settings are also
//! restored by an `atexit` handler.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::sync::OnceLock;

use crate::listing_8_7::{
    delete_line, move_to_top_of_screen, restore_cursor_position, save_cursor_position,
};

/// The terminal's settings before the first [`Cbreak::enable`], for the `atexit` handler.
static SETTINGS_AT_START: OnceLock<libc::termios> = OnceLock::new();

/// The terminal in cbreak mode while this lives (see the module's documentation).
#[derive(Debug)]
pub struct Cbreak {
    terminal: RawFd,
    saved: libc::termios,
}

impl Cbreak {
    /// `tty.setcbreak(sys.stdin)`.
    ///
    /// # Errors
    /// If standard input is not a terminal, in one line that says so.
    pub fn enable() -> io::Result<Self> {
        let cbreak = Self::enable_on(io::stdin().as_fd())?;
        SETTINGS_AT_START.get_or_init(|| {
            // SAFETY: registers a function that takes nothing and returns nothing.
            unsafe { libc::atexit(restore_at_exit) };
            cbreak.saved
        });
        Ok(cbreak)
    }

    /// Cbreak mode on `terminal`, given back when the guard is dropped (but not at `exit`:
    /// that is for standard input's, [`Cbreak::enable`]).
    ///
    /// # Errors
    /// If `terminal` is not a terminal.
    pub fn enable_on(terminal: BorrowedFd<'_>) -> io::Result<Self> {
        let terminal = terminal.as_raw_fd();
        let mut saved = MaybeUninit::uninit();
        // SAFETY: tcgetattr fills the `termios` it is given when it returns 0.
        if unsafe { libc::tcgetattr(terminal, saved.as_mut_ptr()) } != 0 {
            let why = io::Error::last_os_error();
            return Err(io::Error::other(format!(
                "this program needs a terminal, and standard input is not one ({why})"
            )));
        }
        // SAFETY: filled by tcgetattr above.
        let saved = unsafe { saved.assume_init() };
        let mut cbreak = saved;
        cbreak.c_lflag &= !(libc::ECHO | libc::ICANON);
        cbreak.c_cc[libc::VMIN] = 1;
        cbreak.c_cc[libc::VTIME] = 0;
        set(terminal, &cbreak)?;
        Ok(Cbreak { terminal, saved })
    }
}

impl Drop for Cbreak {
    fn drop(&mut self) {
        // Nothing to do about a terminal that is gone.
        let _ = set(self.terminal, &self.saved);
    }
}

extern "C" fn restore_at_exit() {
    if let Some(settings) = SETTINGS_AT_START.get() {
        let _ = set(libc::STDIN_FILENO, settings);
    }
}

fn set(terminal: RawFd, settings: &libc::termios) -> io::Result<()> {
    // TCSANOW rather than Python's TCSAFLUSH: keys typed while the program starts are kept.
    // SAFETY: tcsetattr reads one `termios`.
    if unsafe { libc::tcsetattr(terminal, libc::TCSANOW, settings) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// `os.system('clear')`, without starting a program: blank the screen, cursor at the top.
///
/// # Errors
/// Writing to stdout.
pub fn clear_screen() -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(b"\x1b[H\x1b[2J")?;
    out.flush()
}

/// The book's `redraw_output`: writes the messages from the top row down, each over what was
/// on its row, and puts the cursor back where the reader is typing. A message is one row;
/// one too long for the terminal wraps onto the next, as in the book.
pub fn redraw_output(items: &VecDeque<String>) {
    let mut out = io::stdout().lock();
    let drawn: io::Result<()> = (|| {
        save_cursor_position(&mut out)?;
        move_to_top_of_screen(&mut out)?;
        for item in items {
            delete_line(&mut out)?;
            writeln!(out, "{item}")?;
        }
        restore_cursor_position(&mut out)?;
        out.flush()
    })();
    // A terminal that cannot be written to any more cannot be told so either; the program
    // learns it from its input, which ends.
    drop(drawn);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;
    use std::os::fd::{FromRawFd, OwnedFd};

    fn local_flags(terminal: &File) -> libc::tcflag_t {
        let mut settings = MaybeUninit::uninit();
        // SAFETY: tcgetattr fills the `termios` when it returns 0, which is asserted.
        unsafe {
            assert_eq!(
                libc::tcgetattr(terminal.as_raw_fd(), settings.as_mut_ptr()),
                0
            );
            settings.assume_init().c_lflag
        }
    }

    #[test]
    fn a_panic_gives_the_terminal_back() {
        let (mut master, mut slave) = (-1, -1);
        // SAFETY: openpty writes two descriptors, which the `File`s then own.
        let (_master, terminal) = unsafe {
            let opened = libc::openpty(
                &raw mut master,
                &raw mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            );
            assert_eq!(opened, 0);
            (
                File::from(OwnedFd::from_raw_fd(master)),
                File::from(OwnedFd::from_raw_fd(slave)),
            )
        };
        let before = local_flags(&terminal);
        assert_ne!(before & libc::ICANON, 0);
        let panicked = std::panic::catch_unwind(|| {
            let _cbreak = Cbreak::enable_on(terminal.as_fd()).unwrap();
            assert_eq!(local_flags(&terminal) & (libc::ICANON | libc::ECHO), 0);
            panic!("in cbreak mode");
        });
        assert!(panicked.is_err());
        assert_eq!(local_flags(&terminal), before);
    }
}
