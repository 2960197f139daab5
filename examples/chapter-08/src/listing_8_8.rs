//! Listing 8.8: a line editor that reads one key at a time, echoes it, and erases with
//! backspace.
//!
//! It needs the terminal in cbreak mode ([`crate::terminal::Cbreak`]): then each key reaches
//! the program at once, and the terminal shows nothing by itself, so the editor echoes what
//! it keeps.

use std::io::{self, Write};

use tokio::io::{AsyncRead, AsyncReadExt, BufReader};

use crate::listing_8_7::{clear_line, move_back_one_char};

/// What the Backspace key sends in a terminal (DEL).
const DELETE_CHAR: u8 = 0x7f;

/// `await read_line(stdin_reader)`: the next line typed, without its newline, once Enter is
/// pressed; the row is cleared then. `None` at the end of the input (Ctrl-D at the start of a
/// line does not end it in cbreak mode; a closed pipe or terminal does).
///
/// The book decodes each byte on its own, which fails on the first `é`; here the bytes are
/// kept as typed, Backspace removes a whole character, and the line is decoded at the end
/// (invalid UTF-8 becomes U+FFFD rather than an exception).
///
/// # Errors
/// Reading the input, or writing the echo.
pub async fn read_line<R>(stdin_reader: &mut BufReader<R>) -> io::Result<Option<String>>
where
    R: AsyncRead + Unpin,
{
    let mut input_buffer = Vec::new();
    loop {
        let input_char = match stdin_reader.read_u8().await {
            Ok(byte) => byte,
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(error) => return Err(error),
        };
        let mut out = io::stdout().lock();
        match input_char {
            b'\n' => {
                clear_line(&mut out)?;
                out.flush()?;
                return Ok(Some(String::from_utf8_lossy(&input_buffer).into_owned()));
            }
            DELETE_CHAR => {
                if pop_char(&mut input_buffer) {
                    erase_last_char(&mut out)?;
                }
            }
            _ => {
                input_buffer.push(input_char);
                out.write_all(&[input_char])?;
            }
        }
        out.flush()?;
    }
}

/// Removes the last character (all its UTF-8 bytes); false if there was none.
fn pop_char(input_buffer: &mut Vec<u8>) -> bool {
    // Continuation bytes are 0b10xxxxxx; the character starts at the last byte that is not.
    match input_buffer.iter().rposition(|&byte| byte & 0xc0 != 0x80) {
        Some(start) => {
            input_buffer.truncate(start);
            true
        }
        None => false,
    }
}

fn erase_last_char(out: &mut impl Write) -> io::Result<()> {
    move_back_one_char(out)?;
    out.write_all(b" ")?;
    move_back_one_char(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_removes_a_whole_character() {
        let mut buffer = "né".as_bytes().to_vec();
        assert!(pop_char(&mut buffer));
        assert_eq!(buffer, b"n");
        assert!(pop_char(&mut buffer));
        assert!(!pop_char(&mut buffer));
    }
}
