//! The command line of an example that takes no flags: `--help` shows its header, anything else
//! is refused in one line.
//!
//! Examples with flags declare them with clap's derive API and call `Args::parse()` in `main`;
//! `#[util::main]` sees that call and leaves the command line to clap. The others get this:
//! `#[util::main]` (and `#[util::plain_main]`, for a `main` that builds its runtime by hand) calls
//! [`no_arguments`] with the example's own source, so `--help` prints the `//!` header: what the
//! example mirrors, how to run it, and what it prints.

use std::process::exit;
use std::time::Duration;

/// Handles the command line of a program that takes no arguments. `source` is the program's
/// source text; its leading `//!` block is the help.
///
/// - no arguments: returns, and the program runs;
/// - `--help` or `-h`: prints the header on stdout and exits with 0;
/// - anything else: one line on stderr and exit code 2, as clap does for a usage error.
pub fn no_arguments(source: &str) {
    let mut args = std::env::args_os();
    let program = args.next().map(|arg| {
        let path = std::path::PathBuf::from(arg);
        path.file_stem()
            .map_or_else(String::new, |stem| stem.to_string_lossy().into_owned())
    });
    let program = program.unwrap_or_default();
    let Some(first) = args.next() else {
        return;
    };
    if first == "--help" || first == "-h" {
        print!("{}", help(source));
        println!("{program} takes no arguments.");
        exit(0);
    }
    eprintln!(
        "error: {program} takes no arguments, got {:?} (try --help)",
        first.to_string_lossy()
    );
    exit(2);
}

/// Ends the program quietly when a write to its stdout finds the pipe closed: `cargo run
/// --example listing_4_6 | head -1` should print a line and stop, as `cat` does, not panic.
///
/// Rust ignores SIGPIPE (so that a closed socket or a child's closed stdin is an error, not a
/// death, as in Python), and `println!` panics on the error; a panic of the timing wrapper,
/// which prints from a destructor, would even abort. This panic hook, installed by
/// `#[util::main]` and `#[util::plain_main]` before anything else, exits at once instead, with
/// the status a shell shows for a death by SIGPIPE (141). Every other panic goes to the hook
/// that was there before.
pub fn quiet_on_broken_pipe() {
    let earlier = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        // std's `print!` panics with "failed printing to stdout: Broken pipe (os error 32)".
        if message.starts_with("failed printing to stdout") && message.contains("os error 32") {
            exit(BROKEN_PIPE_STATUS);
        }
        earlier(info);
    }));
}

/// 128 + SIGPIPE (13): how a shell reports a program a closed pipe ended.
pub const BROKEN_PIPE_STATUS: i32 = 141;

/// A clap value parser for flags in seconds (`--latency 0.5`): a decimal number, refused if
/// negative, not a number, or over a year, which no example waits for (and much larger ones
/// would overflow a deadline when the program sleeps).
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    const A_YEAR: f64 = 365.0 * 24.0 * 3600.0;
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !(0.0..=A_YEAR).contains(&seconds) {
        return Err(format!("{seconds} s is not between 0 and a year"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// A clap value parser for counts that must be at least 1 (`--workers`, `--requests`).
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{text}` is not a whole number")),
    }
}

/// The leading `//!` block of `source`, without the `//!` markers.
fn help(source: &str) -> String {
    let mut text = String::new();
    for line in source.lines().map_while(|line| line.strip_prefix("//!")) {
        text.push_str(line.strip_prefix(' ').unwrap_or(line));
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::help;

    #[test]
    fn the_help_is_the_header() {
        let source =
            "//! Listing 1.\n//!\n//!  indented\n// not this\n//! nor this\nfn main() {}\n";
        assert_eq!(help(source), "Listing 1.\n\n indented\n");
    }
}
