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
