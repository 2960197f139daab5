//! A throwaway GnuPG home for the `gpg` listings (13.7 and 13.8).
//!
//! The book runs `gpg` in the reader's own home directory, where it creates `~/.gnupg` and
//! leaves an agent running. Here each run gets an empty home of its own (`GNUPGHOME`), so the
//! reader's keyring is never read or written. gpg 2 needs a `gpg-agent` even to encrypt with a
//! passphrase, and starts one in the home when there is none; the agent detaches itself and
//! would outlive the run, so [`GnupgHome`] stops it and removes the home when it is dropped,
//! and also when Ctrl-C or SIGTERM ends the program. A run killed outright (SIGKILL) leaves
//! its home behind, and the next run sweeps it.
//!
//! The agent is stopped with SIGKILL: asked politely (`gpgconf --kill gpg-agent`, or SIGTERM)
//! it lingers for a second or two after the program has ended, and a throwaway agent holds
//! nothing worth a clean exit.

use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What the homes' folder names start with, in the system's temporary folder; the process id
/// follows.
const PREFIX: &str = "asyncio-in-rust-gnupg-";

/// An empty GnuPG home for this run, gone with its agent when dropped.
#[derive(Debug)]
pub struct GnupgHome {
    path: PathBuf,
}

impl GnupgHome {
    /// Makes the home, after sweeping the homes of runs that are gone. Call it inside a tokio
    /// runtime: it arranges for Ctrl-C and SIGTERM to remove the home too
    /// (`util::cleanup::on_stop_signals`).
    ///
    /// # Errors
    /// If `gpg` is not installed (one line that says how to install it), or the folder cannot
    /// be made.
    pub fn new() -> io::Result<Self> {
        let found = Command::new("gpg")
            .arg("--version")
            .stdout(Stdio::null())
            .status();
        if found.is_err() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "gpg is not installed: install GnuPG (Debian and Ubuntu: apt-get install gnupg)",
            ));
        }
        sweep_homes_of_ended_runs();
        let path = std::env::temp_dir().join(format!("{PREFIX}{}", std::process::id()));
        // A folder of this name is a home an earlier process with our id left behind.
        remove(&path);
        fs::DirBuilder::new().mode(0o700).create(&path)?;
        // gpg makes its keybox and trust database the first time it runs in a home, and says
        // so on stderr; made here, they keep that out of the listings' output.
        Command::new("gpg")
            .args(["--batch", "--list-keys"])
            .env("GNUPGHOME", &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        // A new agent measures, on its first request, how many hashing rounds make a
        // passphrase take 100 ms, and a hundred gpg processes arriving at once each start that
        // measurement: 13.7 then takes minutes. Started and asked once here, the agent is as a
        // reader's long-running one is.
        Command::new("gpg-connect-agent")
            .arg("--homedir")
            .arg(&path)
            .args(["GETINFO s2k_count", "/bye"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        let removed_on_signal = path.clone();
        util::cleanup::on_stop_signals(move || remove(&removed_on_signal));
        Ok(GnupgHome { path })
    }

    /// The folder to give `gpg` as `GNUPGHOME`.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for GnupgHome {
    fn drop(&mut self) {
        remove(&self.path);
    }
}

/// Stops the home's agent, if one runs, and removes the home.
fn remove(home: &Path) {
    if !home.exists() {
        return;
    }
    if let Some(agent) = agent_pid(home).and_then(|pid| libc::pid_t::try_from(pid).ok()) {
        // SAFETY: kill has no memory-safety preconditions; the agent said this id is its own.
        unsafe { libc::kill(agent, libc::SIGKILL) };
    }
    let _ = fs::remove_dir_all(home);
}

/// The process id of the agent that serves `home`, asked of the agent itself; `None` if no
/// agent runs there (`--no-autostart`: asking must not start one).
fn agent_pid(home: &Path) -> Option<u32> {
    let answer = Command::new("gpg-connect-agent")
        .arg("--homedir")
        .arg(home)
        .args(["--no-autostart", "getinfo pid", "/bye"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    // The answer to `getinfo pid` is a data line, `D 12345`, then `OK`.
    String::from_utf8_lossy(&answer.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("D "))
        .and_then(|pid| pid.trim().parse().ok())
}

/// Removes the homes whose process has ended without removing them.
fn sweep_homes_of_ended_runs() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name.to_str().and_then(|name| name.strip_prefix(PREFIX));
        if let Some(pid) = pid.and_then(|pid| pid.parse::<u32>().ok())
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            remove(&entry.path());
        }
    }
}
