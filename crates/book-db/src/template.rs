//! Data folders in the book's states, made once and copied for every run.
//!
//! A new cluster costs `initdb` (about 0.4 s) and, for the seeded state, loading 100,000 SKUs.
//! So the first run that needs a state builds a cluster in it, stops it cleanly and keeps its
//! data folder under `target/book-db/`; every run after that copies the folder (about 40 MB)
//! and starts a server on the copy. The folder's name carries a hash of everything that shapes
//! it (the server release and whatever the [`State`] says shapes it), so a change builds anew.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use tokio_postgres::{Client, NoTls};

use crate::State;
use crate::server::{Binaries, Durability, Postmaster, ServerUser, Setup, init_cluster};

/// The kept data folders, and what it takes to make and run them.
#[derive(Clone, Debug)]
pub struct Templates {
    root: PathBuf,
    /// The server binaries every folder is made and run with.
    pub binaries: Binaries,
    /// Who runs them.
    pub user: ServerUser,
}

impl Templates {
    /// Finds the server binaries and the folder the templates live in.
    ///
    /// # Errors
    /// If there are no server binaries, or no user to run them as, or the folder cannot be
    /// made.
    pub fn open() -> io::Result<Self> {
        let binaries = Binaries::find()?;
        let user = ServerUser::for_this_process()?;
        let root = cache_root(&user);
        fs::create_dir_all(root.join("runs"))?;
        user.hand_over(&root)?;
        user.hand_over(&root.join("runs"))?;
        Ok(Templates {
            root,
            binaries,
            user,
        })
    }

    /// The folder the templates and the runs' copies are in (`target/book-db`).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The data folder of a cluster whose database is in `state`, built now if this is the
    /// first time (a few seconds). Blocks: call it off the async threads.
    pub fn data_folder(&self, state: &impl State) -> io::Result<PathBuf> {
        let name = format!("{}-{}", state.database(), state.name());
        let folder = self.root.join(format!("{name}-{}", self.key(state)));
        let _lock = Lock::take(&self.root.join("lock"))?;
        if !folder.exists() {
            self.remove_outdated(&name)?;
            let building = self
                .root
                .join(format!("building-{}-{name}", std::process::id()));
            let _ = fs::remove_dir_all(&building);
            fs::create_dir(&building)?;
            self.user.hand_over(&building)?;
            let built = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?
                .block_on(self.build(state, &building));
            if let Err(error) = built {
                let _ = fs::remove_dir_all(&building);
                return Err(error);
            }
            fs::rename(&building, &folder)?;
        }
        Ok(folder.join("data"))
    }

    /// A fresh folder for one run: `<runs>/<pid>-<n>`, handed to the server user. Folders of
    /// runs whose process is gone (killed before it could clean up) are removed first.
    pub fn new_run_folder(&self) -> io::Result<PathBuf> {
        static RUNS: AtomicU32 = AtomicU32::new(0);
        let runs = self.root.join("runs");
        for entry in fs::read_dir(&runs)?.flatten() {
            let name = entry.file_name();
            let pid = name
                .to_str()
                .and_then(|n| n.split('-').next()?.parse().ok());
            if pid.is_some_and(|pid: libc::pid_t| !process_exists(pid)) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        let n = RUNS.fetch_add(1, Ordering::Relaxed);
        let folder = runs.join(format!("{}-{n}", std::process::id()));
        fs::create_dir(&folder)?;
        self.user.hand_over(&folder)?;
        Ok(folder)
    }

    /// Copies a data folder, keeping its permissions (the server insists on 0700) and giving
    /// every copy to the server user.
    pub fn copy_data(&self, from: &Path, to: &Path) -> io::Result<()> {
        fs::create_dir(to)?;
        fs::set_permissions(to, fs::metadata(from)?.permissions())?;
        self.user.hand_over(to)?;
        for entry in fs::read_dir(from)? {
            let entry = entry?;
            let target = to.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                self.copy_data(&entry.path(), &target)?;
            } else {
                fs::copy(entry.path(), &target)?;
                self.user.hand_over(&target)?;
            }
        }
        Ok(())
    }

    /// Makes a cluster in `building/data` and brings its database to `state`.
    async fn build(&self, state: &impl State, building: &Path) -> io::Result<()> {
        let data = building.join("data");
        init_cluster(&self.binaries, &self.user, &data)?;
        let log = building.join("server.log");
        let setup = Setup {
            binaries: &self.binaries,
            user: &self.user,
            data: &data,
            log: &log,
            durability: Durability::Throwaway,
        };
        let server = Postmaster::start(&setup, 0).await?;
        let seeded = async {
            let dbname = state.database();
            if dbname != "postgres" {
                let admin = connect(server.port(), "postgres").await?;
                admin
                    .batch_execute(&format!("CREATE DATABASE {dbname}"))
                    .await?;
            }
            state.build(&connect(server.port(), dbname).await?).await
        }
        .await
        .map_err(|error| io::Error::other(format!("seeding the template: {error}")));
        // A clean stop, so that every copy starts without crash recovery.
        server.stop()?;
        fs::remove_file(&log)?;
        seeded
    }

    fn key(&self, state: &impl State) -> String {
        let mut hasher = DefaultHasher::new();
        self.binaries.version.hash(&mut hasher);
        state.fingerprint(&mut hasher);
        format!("{:016x}", hasher.finish())
    }

    fn remove_outdated(&self, name: &str) -> io::Result<()> {
        let prefix = format!("{name}-");
        for entry in fs::read_dir(&self.root)?.flatten() {
            let name = entry.file_name();
            if name.to_str().is_some_and(|n| n.starts_with(&prefix)) {
                fs::remove_dir_all(entry.path())?;
            }
        }
        Ok(())
    }
}

/// Connects as the book's user to a throwaway server, driving the connection on a task.
async fn connect(port: u16, dbname: &str) -> Result<Client, tokio_postgres::Error> {
    let (client, connection) = crate::throwaway_config(port, dbname).connect(NoTls).await?;
    tokio::spawn(connection);
    Ok(client)
}

/// `target/book-db` beside the running binary (the first folder up from it that holds Cargo's
/// `CACHEDIR.TAG`), or the system's temporary folder. When the server runs as another user,
/// that user must be able to reach the folder: a checkout under `/root` is not reachable by
/// `postgres`, so the temporary folder is used then.
fn cache_root(user: &ServerUser) -> PathBuf {
    let fallback = std::env::temp_dir().join("asyncio-in-rust-book-db");
    let Some(target) = util::target_dir() else {
        return fallback;
    };
    let reachable = target
        .ancestors()
        .all(|dir| fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o001 != 0));
    if user.is_other() && !reachable {
        return fallback;
    }
    target.join("book-db")
}

fn process_exists(pid: libc::pid_t) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    unsafe { libc::kill(pid, 0) == 0 || *libc::__errno_location() != libc::ESRCH }
}

/// An exclusive `flock` on a file, so that parallel runs build each template once.
struct Lock {
    // Released when the file closes.
    _file: fs::File,
}

impl Lock {
    fn take(path: &Path) -> io::Result<Self> {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        // SAFETY: flock on a descriptor we own; released when the file is closed.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == -1 {
            return Err(io::Error::last_os_error());
        }
        Ok(Lock { _file: file })
    }
}
