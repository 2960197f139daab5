//! The blocking request of Listings 7.3 to 7.8, and what a thousand of them at once need.

/// `get_status_code(url)`: `requests.get(url).status_code`, blocking this thread until the
/// answer is in.
///
/// # Errors
/// A request that fails, in one line that names the URL.
pub fn get_status_code(url: &str) -> Result<u16, String> {
    let response = ureq::get(url)
        .call()
        .map_err(|error| format!("GET {url}: {error}"))?;
    Ok(response.status().as_u16())
}

/// Makes room for `requests` connections at once, with the stand-in's end of each in this
/// process too: raises the soft limit on open files to the hard one (many systems start
/// programs at 1,024), or says in one line why the run cannot be made.
///
/// # Errors
/// If even the hard limit is too low.
pub fn open_files_for(requests: usize, stand_in_here: bool) -> Result<(), String> {
    let limit = serve::raise_open_file_limit().unwrap_or(u64::MAX);
    let sides: u64 = if stand_in_here { 2 } else { 1 };
    let needed = sides * requests as u64 + 64;
    if needed <= limit {
        return Ok(());
    }
    Err(format!(
        "{requests} requests at once need about {needed} open files and the limit here is \
         {limit} (`ulimit -Hn`): ask for fewer with --requests"
    ))
}
