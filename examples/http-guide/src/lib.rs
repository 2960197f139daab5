//! What the guide's scripts share beyond the client (`web_client::Client`) and their server
//! (`serve::StandInArgs<web_service::WebService>`): the `--workers` flag, the script's
//! `main(3, ...)`.

use util::cli::at_least_one;

/// `--workers N`: how many requests the script sends (its `main(3, ...)`).
///
/// Zero is refused: the scripts fail on it too (`asyncio.wait` of an empty set and a pool of no
/// threads both raise `ValueError`).
#[derive(clap::Args, Clone, Copy, Debug)]
pub struct Workers {
    /// How many requests to send at once
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = at_least_one)]
    pub workers: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Args {
        #[command(flatten)]
        workers: Workers,
    }

    #[test]
    fn three_by_default_and_never_none() {
        let parse = |args: &[&str]| {
            Args::try_parse_from(std::iter::once("script").chain(args.iter().copied()))
                .map_err(|e| e.to_string())
        };
        assert_eq!(parse(&[]).unwrap().workers.workers, 3);
        assert_eq!(parse(&["--workers", "5"]).unwrap().workers.workers, 5);
        let zero = parse(&["--workers", "0"]).unwrap_err();
        assert!(zero.contains("must be at least 1"), "{zero}");
        let many = parse(&["--workers", "many"]).unwrap_err();
        assert!(many.contains("not a whole number"), "{many}");
    }
}
