//! asyncio's `StreamReader.readline`, with the limit that keeps a client from growing a line
//! without end.

use std::io;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt};

/// The longest line [`readline`] reads: asyncio's default limit for a stream reader.
pub const LINE_LIMIT: usize = 64 * 1024;

/// `await reader.readline()`: reads up to and including the next `\n` into `line` and returns
/// how many bytes it read, 0 at the end of the stream (a last line without `\n` is returned as
/// it is, as asyncio does).
///
/// `AsyncBufReadExt::read_until` has no limit: a client that sends 500 MB without a newline
/// makes a 500 MB line. Past [`LINE_LIMIT`] bytes without a `\n` this returns an error of kind
/// `InvalidData` instead, as asyncio raises `ValueError`, and the caller drops that client.
///
/// # Errors
/// The stream's, or the line being too long.
pub async fn readline<R>(reader: &mut R, line: &mut Vec<u8>) -> io::Result<usize>
where
    R: AsyncBufRead + Unpin,
{
    let limit = u64::try_from(LINE_LIMIT).expect("64 KiB fits u64");
    let read = reader.take(limit).read_until(b'\n', line).await?;
    if read == LINE_LIMIT && !line.ends_with(b"\n") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a line longer than 64 KiB, asyncio's readline limit",
        ));
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::BufReader;

    #[tokio::test]
    async fn reads_lines_and_refuses_one_past_the_limit() {
        let text = [
            b"hello\r\n".to_vec(),
            vec![b'a'; LINE_LIMIT - 1],
            b"\n".to_vec(),
            vec![b'b'; LINE_LIMIT + 1],
        ]
        .concat();
        let mut reader = BufReader::new(&text[..]);
        let mut line = Vec::new();
        assert_eq!(readline(&mut reader, &mut line).await.unwrap(), 7);
        assert_eq!(line, b"hello\r\n");
        line.clear();
        // A line of exactly the limit, newline included, is a line.
        assert_eq!(readline(&mut reader, &mut line).await.unwrap(), LINE_LIMIT);
        line.clear();
        let error = readline(&mut reader, &mut line).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert_eq!(line.len(), LINE_LIMIT);
    }

    #[tokio::test]
    async fn the_last_line_may_have_no_newline() {
        let mut reader = BufReader::new(&b"one\ntwo"[..]);
        let mut line = Vec::new();
        readline(&mut reader, &mut line).await.unwrap();
        line.clear();
        assert_eq!(readline(&mut reader, &mut line).await.unwrap(), 3);
        assert_eq!(line, b"two");
        line.clear();
        assert_eq!(readline(&mut reader, &mut line).await.unwrap(), 0);
    }
}
