//! Listing 8.7: moving the cursor with the terminal's escape sequences.
//!
//! The same sequences as the book's (VT100's, which every terminal emulator understands),
//! written as they are rather than through a crate such as crossterm: they are the lesson.
//! Each function writes to `out`, usually a locked stdout, and does not flush: the caller
//! flushes once its whole change of the screen is written, so that the terminal never shows
//! half of it.

use std::io::{self, Write};

/// `ESC 7`: remembers where the cursor is.
pub fn save_cursor_position(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"\x1b7")
}

/// `ESC 8`: puts the cursor back where it was remembered.
pub fn restore_cursor_position(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"\x1b8")
}

/// `CSI H`: to the first column of the first row.
pub fn move_to_top_of_screen(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"\x1b[H")
}

/// `CSI 2K`: blanks the cursor's row, leaving the cursor where it is.
pub fn delete_line(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"\x1b[2K")
}

/// `CSI 2K CSI 0G`: blanks the cursor's row and moves to its first column.
pub fn clear_line(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"\x1b[2K\x1b[0G")
}

/// `CSI 1D`: one column to the left.
pub fn move_back_one_char(out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"\x1b[1D")
}

/// `CSI n E`: down to the last row, from the first; returns the terminal's number of rows.
pub fn move_to_bottom_of_screen(out: &mut impl Write) -> io::Result<u16> {
    let (_, total_rows) = terminal_size();
    let input_row = total_rows - 1;
    write!(out, "\x1b[{input_row}E")?;
    Ok(total_rows)
}

/// `shutil.get_terminal_size()`: `COLUMNS` and `LINES` if set, else what the terminal on
/// stdout says, else 80 by 24. Columns first, then rows.
pub fn terminal_size() -> (u16, u16) {
    let from_env = |name| {
        std::env::var(name)
            .ok()
            .and_then(|value| value.parse::<u16>().ok())
            .filter(|&value| value > 0)
    };
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` through the pointer, which points at one.
    let asked = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &raw mut size) };
    let (columns, rows) = if asked == 0 && size.ws_col > 0 && size.ws_row > 0 {
        (size.ws_col, size.ws_row)
    } else {
        (80, 24)
    };
    (
        from_env("COLUMNS").unwrap_or(columns),
        from_env("LINES").unwrap_or(rows).max(2),
    )
}
