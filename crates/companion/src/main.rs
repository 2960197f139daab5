//! The companion's command: writes the generated pages of `docs/`, serves mdBook as its
//! preprocessor, and checks the built site.
//!
//! ```text
//! cargo run -p companion -- generate              # after adding or changing an example
//! cargo run -p companion -- check-site target/book
//! ```

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Keeps the rendered companion (mdBook, in docs/) true to the examples
#[derive(Parser)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write docs/SUMMARY.md, docs/listings/ and the comparison's chart from the examples
    Generate,
    /// mdBook's preprocessor (docs/book.toml): make the pages' links to the repository work in
    /// the site
    Preprocess {
        /// mdBook asks `supports RENDERER` first
        #[arg(num_args = 0..=2)]
        supports: Vec<String>,
    },
    /// Check that every link of the built site leads somewhere and every include was expanded
    CheckSite {
        /// The built site
        #[arg(default_value = "target/book")]
        site: PathBuf,
    },
}

fn main() -> ExitCode {
    match Args::parse().command {
        Command::Generate => match companion::book::write_all() {
            Ok(written) => {
                println!("wrote {written} files under docs/");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&format!("cannot write the pages: {error}")),
        },
        // Every renderer gets the same links.
        Command::Preprocess { supports } if !supports.is_empty() => ExitCode::SUCCESS,
        Command::Preprocess { .. } => {
            let mut input = String::new();
            if let Err(error) = std::io::stdin().read_to_string(&mut input) {
                return fail(&format!("cannot read the book from mdBook: {error}"));
            }
            match companion::site_links::preprocess(&input) {
                Ok(book) => {
                    println!("{book}");
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&format!("cannot rewrite the book: {error}")),
            }
        }
        Command::CheckSite { site } => match companion::check_site::problems(&site) {
            Ok(problems) if problems.is_empty() => {
                println!("{}: every link leads somewhere", site.display());
                ExitCode::SUCCESS
            }
            Ok(problems) => {
                for problem in &problems {
                    eprintln!("{problem}");
                }
                fail(&format!(
                    "{} problems in {}",
                    problems.len(),
                    site.display()
                ))
            }
            Err(error) => fail(&format!("cannot read {}: {error}", site.display())),
        },
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
