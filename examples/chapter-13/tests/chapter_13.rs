//! Chapter 13, "Managing subprocesses": every listing, with real child processes.
//!
//! The children are other processes, so everything runs on the real clock. The `ls` listings
//! run in a folder the test makes, so that their output is known; the `gpg` listings count
//! their `gpg` children while they run, which is what 13.7 and 13.8 are about.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use example_harness::{Example, Output, Running, check_on_the_real_clock, header};

/// A folder with two known files, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn with_two_files(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("chapter-13-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(path.join("first.txt"), "one").unwrap();
        std::fs::write(path.join("second.txt"), "two").unwrap();
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the header's command in `folder`, on the real clock, and checks it against the header.
fn check_in(name: &str, folder: &Folder) -> Output {
    let out = Example::from_header(name)
        .real_clock()
        .current_dir(&folder.0)
        .run();
    out.assert_matches_header();
    out
}

/// The pid the parent printed: a process of its own, not the parent.
fn printed_pid(out: &Output) -> u32 {
    let pid = out
        .stdout
        .lines()
        .find_map(|line| line.strip_prefix("Process pid is: "))
        .expect("the pid line")
        .parse()
        .expect("a number");
    assert_ne!(pid, 0);
    pid
}

/// `ls -l` writes to the same stdout as the parent, and the parent's status line comes after
/// all of it. The pid line races with `ls` (the header says so), so it is looked for anywhere
/// before the status rather than compared with the header's order.
#[test]
fn listing_13_1_lets_ls_write_to_the_terminal_and_waits() {
    let folder = Folder::with_two_files("13-1");
    let out = Example::from_header("listing_13_1")
        .real_clock()
        .current_dir(&folder.0)
        .run();
    out.assert_success();
    printed_pid(&out);
    let ls: Vec<&str> = out
        .lines()
        .into_iter()
        .filter(|line| !line.starts_with("Process pid is: "))
        .collect();
    assert_eq!(ls.len(), 4, "{}", out.stdout);
    assert!(ls[0].starts_with("total "), "{}", out.stdout);
    assert!(ls[1].ends_with("first.txt"), "{}", out.stdout);
    assert!(ls[2].ends_with("second.txt"), "{}", out.stdout);
    assert_eq!(ls[3], "Status code: 0", "{}", out.stdout);
}

/// `sleep 3` is terminated after the one second the parent waits: status -15, well before 3 s.
#[test]
fn listing_13_2_terminates_the_child_after_a_second() {
    let out = check_on_the_real_clock("listing_13_2");
    printed_pid(&out);
    assert!(out.wall >= Duration::from_secs(1), "{:?}", out.wall);
    assert!(out.wall < Duration::from_millis(2900), "{:?}", out.wall);
}

#[test]
fn listing_13_3_prefixes_each_line_of_the_child() {
    let folder = Folder::with_two_files("13-3");
    let out = check_in("listing_13_3", &folder);
    printed_pid(&out);
    let files: Vec<&str> = out
        .lines()
        .into_iter()
        .filter(|line| line.ends_with(".txt"))
        .collect();
    assert_eq!(files.len(), 2, "{}", out.stdout);
    assert!(files.iter().all(|line| line.starts_with("[ls -la]: ")));
}

#[test]
fn listing_13_4_writes_fourteen_megabytes_by_default() {
    check_on_the_real_clock("listing_13_4");
    let out = Example::new("listing_13_4").real_clock().run();
    out.assert_success();
    assert_eq!(out.stdout.len(), 14_000_000);
    assert!(out.stdout.lines().all(|line| line == "Hello there!!"));
}

/// The deadlock: the child is blocked writing to the full pipe and the parent is blocked
/// waiting for the child; neither uses the CPU, and nothing more is printed. Ctrl-C at a
/// terminal (SIGINT to the process group) ends both.
#[test]
fn listing_13_5_hangs_until_ctrl_c_ends_both_processes() {
    let mut parent = Example::from_header("listing_13_5").real_clock().spawn();
    parent.wait_for_line("Process pid is: ");
    let child = wait_for_child(&parent, "listing_13_5");

    parent.assert_running_after(Duration::from_secs(2));
    let blocked_in = std::fs::read_to_string(format!("/proc/{child}/wchan")).unwrap();
    assert!(
        blocked_in.ends_with("pipe_write"),
        "the child waits for room in the pipe, not in {blocked_in}"
    );
    assert!(parent.cpu_time_over(Duration::from_millis(500)) < Duration::from_millis(100));

    parent.interrupt_group();
    let out = parent.wait(Duration::from_secs(10));
    assert_eq!(out.signal, Some(2), "Ctrl-C ends the parent");
    assert!(!out.stdout.contains("Process returned"), "{}", out.stdout);
    wait_until_gone(child);
}

/// What fits in the pipe does not deadlock: the book's last line comes.
#[test]
fn listing_13_5_ends_when_the_output_fits_in_the_pipe() {
    let out = Example::new("listing_13_5")
        .real_clock()
        .args(["--lines", "1000"])
        .run();
    out.assert_success();
    assert_eq!(out.lines()[1], "Process returned: 0");
}

#[test]
fn listing_13_6_reads_all_the_output_while_it_waits() {
    let out = check_on_the_real_clock("listing_13_6");
    printed_pid(&out);
    let all = Example::new("listing_13_6")
        .real_clock()
        .args(["--lines", "3", "--print-all"])
        .run();
    all.assert_success();
    assert_eq!(
        all.lines()[1],
        r"b'Hello there!!\nHello there!!\nHello there!!\n'"
    );
}

/// 13.7 starts every `gpg` at once: more run together than there are CPUs.
#[test]
fn listing_13_7_runs_every_gpg_at_once() {
    let (out, most) = run_counting_gpg("listing_13_7");
    out.assert_matches_header();
    assert!(most > cpu_count(), "at most {most} gpg processes at once");
    let items = bytes_in_list(out.lines()[1]);
    assert_eq!(items.len(), 20, "{items:?}");
    // An OpenPGP message begins with a packet tag: 0x8c, a symmetrically encrypted session key.
    assert!(
        items.iter().all(|item| item.starts_with("\\x8c")),
        "{items:?}"
    );
}

/// The items of a printed Python list of bytes, each without its `b'...'` quotes. A byte string
/// with a `'` in it prints in double quotes and may hold `b'` inside, so the quotes are followed
/// with their escapes rather than searched for.
fn bytes_in_list(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut rest = list;
    while let Some(start) = rest.find(['\'', '"']) {
        let quote = rest.as_bytes()[start];
        let body = &rest[start + 1..];
        let mut escaped = false;
        let end = body
            .bytes()
            .position(|byte| {
                let closes = byte == quote && !escaped;
                escaped = byte == b'\\' && !escaped;
                closes
            })
            .expect("a closed byte string");
        items.push(&body[..end]);
        rest = &body[end + 1..];
    }
    items
}

/// 13.8's semaphore: never more `gpg` processes at once than CPUs.
#[test]
fn listing_13_8_runs_no_more_gpg_at_once_than_cpus() {
    let (out, most) = run_counting_gpg("listing_13_8");
    out.assert_matches_header();
    assert!(most >= 1, "no gpg process was seen");
    assert!(most <= cpu_count(), "{most} gpg processes at once");
}

/// Ctrl-C in the middle of the encryptions: the gpg processes, the agent and the throwaway
/// home all go.
#[test]
fn listing_13_8_leaves_no_gpg_agent_or_home_after_ctrl_c() {
    let running = Example::new("listing_13_8")
        .real_clock()
        .args(["--texts", "1000"])
        .spawn();
    let home = std::env::temp_dir().join(format!("asyncio-in-rust-gnupg-{}", running.id()));
    // The encryptions have begun once the home has its agent and gpg processes run.
    let deadline = Instant::now() + Duration::from_secs(30);
    let agent = loop {
        if let Some(agent) = agent_of(&home).filter(|_| gpg_children(&running) > 0) {
            break agent;
        }
        assert!(Instant::now() < deadline, "the encryptions did not begin");
        std::thread::sleep(Duration::from_millis(10));
    };
    running.interrupt_group();
    let out = running.wait(Duration::from_secs(10));
    assert_eq!(out.code, Some(130), "{}", out.stderr);
    assert!(!home.exists(), "{} was left behind", home.display());
    wait_until_gone(agent);
}

#[test]
fn listing_13_9_greets_the_name_it_reads() {
    check_on_the_real_clock("listing_13_9");
}

#[test]
fn listing_13_9_says_when_there_is_no_input() {
    let out = Example::new("listing_13_9").real_clock().run();
    out.assert_clean_failure();
    assert_eq!(out.stderr, "Error: EOF when reading a line\n");
}

#[test]
fn listing_13_10_answers_the_childs_question() {
    check_on_the_real_clock("listing_13_10");
}

#[test]
fn listing_13_11_echoes_until_quit_and_reads_no_further() {
    let out = Example::from_header("listing_13_11")
        .real_clock()
        .stdin("hello\nquit\nnever read\n")
        .run();
    out.assert_matches_header();
    check_on_the_real_clock("listing_13_11");
}

#[test]
fn listing_13_13_echoes_each_line_as_often_as_the_seed_says() {
    let out = check_on_the_real_clock("listing_13_13");
    assert_took(&out, "listing_13_13");
}

/// What the child of 13.12 and 13.14 writes with seed 279, whatever reads cut it into.
const CONVERSATION: &str = "Enter text to echo: one\none\none\nEnter text to echo: two\n\
     Enter text to echo: Enter text to echo: four\nEnter text to echo: quit\nquit\n";

/// The five reads of the naive parent are the start of the conversation, no more: it stops
/// reading when the child is still echoing, and the program ends with the child.
#[test]
fn listing_13_12_reads_five_times_and_misses_the_rest() {
    let out = check_on_the_real_clock("listing_13_12");
    let read = reads(&out);
    assert_eq!(read.len(), 5, "{}", out.stdout);
    let joined = read.concat();
    assert!(
        CONVERSATION.starts_with(&joined) && joined.len() < CONVERSATION.len(),
        "{joined:?}"
    );
    assert_took(&out, "listing_13_12");
}

/// The parent that waits for each prompt reads the whole conversation.
#[test]
fn listing_13_14_reads_the_whole_conversation() {
    let out = check_on_the_real_clock("listing_13_14");
    assert_eq!(reads(&out).concat(), CONVERSATION);
    assert_took(&out, "listing_13_14");
}

/// The bytes printed, one `b'...'` line per read, back as text.
fn reads(out: &Output) -> Vec<String> {
    out.lines()
        .into_iter()
        .map(|line| {
            line.strip_prefix("b'")
                .and_then(|line| line.strip_suffix('\''))
                .unwrap_or_else(|| panic!("not a bytes line: {line}"))
                .replace("\\n", "\n")
        })
        .collect()
}

/// The child's half-second sleeps add up to the header's time, and the parent ends with it.
fn assert_took(out: &Output, name: &str) {
    let claimed = header(name).takes.expect("the header says how long");
    assert!(out.wall >= claimed, "{:?}", out.wall);
    assert!(
        out.wall < claimed + Duration::from_secs(5),
        "{:?}",
        out.wall
    );
}

/// Runs the header's command and returns its output and the most `gpg` children seen at once.
fn run_counting_gpg(name: &str) -> (Output, usize) {
    let running = Example::from_header(name).real_clock().spawn();
    let mut most = 0;
    while running.threads_wanting_the_cpu().is_some() {
        most = most.max(gpg_children(&running));
        std::thread::sleep(Duration::from_millis(2));
    }
    (running.wait(Duration::from_secs(60)), most)
}

fn gpg_children(running: &Running) -> usize {
    let children = running.children().into_iter();
    children.filter(|(_, name)| name == "gpg").count()
}

/// The agent that serves `home`, found by its command line.
fn agent_of(home: &std::path::Path) -> Option<u32> {
    let home = home.to_str()?;
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let command = std::fs::read(entry.path().join("cmdline")).ok()?;
            let command = String::from_utf8_lossy(&command);
            (command.starts_with("gpg-agent") && command.contains(home)).then_some(pid)
        })
}

fn cpu_count() -> usize {
    std::thread::available_parallelism().unwrap().get()
}

/// The child the parent started again as itself, once it runs.
fn wait_for_child(parent: &Running, name: &str) -> u32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some((pid, _)) = parent.children().into_iter().find(|(_, n)| n == name) {
            return pid;
        }
        assert!(Instant::now() < deadline, "no child process appeared");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits (at most 5 s) until process `pid` is gone, or a zombie nobody reaps.
fn wait_until_gone(pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let gone = std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| {
            stat.rsplit_once(") ")
                .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X'))
        });
        if gone {
            return;
        }
        assert!(Instant::now() < deadline, "process {pid} outlived the run");
        std::thread::sleep(Duration::from_millis(10));
    }
}
