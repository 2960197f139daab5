//! "Understanding Python async programming in depth, part 2", sections 5 and 6: every
//! example runs as a real program and is checked against its header (output and time, under
//! the paused clock), plus the claim each one makes: the lock and the semaphore admit no more
//! than they should, notify wakes exactly as many as asked, the queues hand items out in their
//! order, the timers fire on time.

use example_harness::check;

/// Where the line `needle` is in `lines`; fails the test if it is missing.
fn position(lines: &[&str], needle: &str) -> usize {
    lines
        .iter()
        .position(|line| *line == needle)
        .unwrap_or_else(|| panic!("no line {needle:?} in {lines:#?}"))
}

/// The most holders at once, given the lines that mark entering and leaving.
fn most_inside(lines: &[&str], enters: &str, leaves: &str) -> usize {
    let (mut inside, mut most) = (0usize, 0usize);
    for line in lines {
        if line.contains(enters) {
            inside += 1;
            most = most.max(inside);
        } else if line.contains(leaves) {
            inside = inside.checked_sub(1).expect("left without entering");
        }
    }
    most
}

#[test]
fn deep_5_1_1_lock_lets_one_eater_at_a_time_in_arrival_order() {
    let out = check("deep_5_1_1_lock");
    let lines = out.lines();
    assert_eq!(most_inside(&lines, "has the spoon", " ate, "), 1);
    let holders: Vec<_> = lines
        .iter()
        .filter_map(|line| line.strip_suffix(" has the spoon"))
        .collect();
    assert_eq!(holders, ["Alice", "Bob", "Carol"]);
}

#[test]
fn deep_5_1_2_event_releases_every_runner_only_after_the_flare() {
    let out = check("deep_5_1_2_event");
    let lines = out.lines();
    let first_flare = position(&lines, "the flare goes up");
    for runner in 1..=3 {
        assert!(position(&lines, &format!("runner {runner} starts")) > first_flare);
    }
    let second_flare = lines
        .iter()
        .rposition(|l| *l == "the flare goes up")
        .unwrap();
    assert!(
        second_flare > first_flare,
        "the late runner needs a second flare"
    );
    assert!(position(&lines, "runner 4 starts") > second_flare);
}

#[test]
fn deep_5_1_3_condition_wakes_exactly_as_many_as_notified() {
    let out = check("deep_5_1_3_condition");
    let lines = out.lines();
    let woken_between = |from: &str, to: &str| {
        let (from, to) = (position(&lines, from), position(&lines, to));
        lines[from..to]
            .iter()
            .filter(|line| line.ends_with("was notified"))
            .count()
    };
    assert_eq!(woken_between("notify(1)", "notify(2)"), 1);
    assert_eq!(woken_between("notify(2)", "notify_all()"), 2);
    assert_eq!(
        woken_between("notify_all()", "waiting until 3 items are ready"),
        2
    );
    assert!(
        position(&lines, "3 items ready, going on") > position(&lines, "item 3 is ready"),
        "wait_for must sleep through items 1 and 2"
    );
}

#[test]
fn deep_5_1_4_semaphore_never_lets_more_than_three_in() {
    let out = check("deep_5_1_4_semaphore");
    let lines = out.lines();
    assert_eq!(most_inside(&lines, "is working", "is done"), 3);
    // Workers 4 and 5 start only once a permit came back.
    assert!(position(&lines, "worker 4 is working") > position(&lines, "worker 1 is done"));
    assert!(position(&lines, "worker 5 is working") > position(&lines, "worker 2 is done"));
    assert_eq!(lines.last(), Some(&"at most 3 workers at once"));
}

#[test]
fn deep_5_1_5_bounded_semaphore_reports_the_extra_release_as_an_error() {
    let out = check("deep_5_1_5_bounded_semaphore");
    let lines = out.lines();
    assert!(lines.contains(&"released a third time: BoundedSemaphore released too many times"));
    assert_eq!(lines.last(), Some(&"still 2 permit(s) free"));
}

#[test]
fn deep_5_2_1_queue_holds_the_producer_at_maxsize_and_joins_after_the_last_task_done() {
    let out = check("deep_5_2_1_queue");
    let lines = out.lines();
    for line in &lines {
        if let Some(size) = line.split(", qsize ").nth(1) {
            assert!(size.parse::<usize>().unwrap() <= 2, "over maxsize: {line}");
        }
    }
    let got: Vec<_> = lines
        .iter()
        .filter_map(|line| line.strip_prefix("consumer got "))
        .collect();
    assert_eq!(got, ["0", "1", "2", "3", "4"], "first in, first out");
    assert_eq!(
        position(&lines, "join() returned: every item is processed"),
        position(&lines, "consumer done with 4") + 1
    );
}

#[test]
fn deep_5_2_2_priority_queue_yields_smallest_first() {
    let out = check("deep_5_2_2_priority_queue");
    let got: Vec<_> = out
        .lines()
        .into_iter()
        .filter_map(|line| line.strip_prefix("got "))
        .collect();
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(got.len(), 4);
    assert_eq!(got, sorted);
}

#[test]
fn deep_5_2_3_lifo_queue_yields_last_in_first() {
    let out = check("deep_5_2_3_lifo_queue");
    let lines = out.lines();
    let put: Vec<_> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("put "))
        .collect();
    let mut got: Vec<_> = lines
        .iter()
        .filter_map(|l| l.strip_prefix("got "))
        .collect();
    got.reverse();
    assert_eq!(put.len(), 5);
    assert_eq!(put, got);
}

#[test]
fn deep_6_1_callbacks_run_on_the_loop_clock_at_their_times() {
    let out = check("deep_6_1_callbacks");
    let lines = out.lines();
    for (number, at) in [(1, "0.0"), (2, "2.0"), (3, "3.0"), (4, "1.0")] {
        let line = lines
            .iter()
            .find(|line| line.starts_with(&format!("callback {number} ")))
            .unwrap_or_else(|| panic!("callback {number} did not run"));
        assert!(line.ends_with(&format!(" at {at} s")), "{line}");
    }
}

#[test]
fn deep_6_2_periodic_callback_skips_the_missed_tick_and_stays_on_the_grid() {
    let out = check("deep_6_2_periodic_callback");
    let lines = out.lines();
    let ticks: Vec<_> = lines
        .iter()
        .filter_map(|line| line.strip_prefix("tick at "))
        .map(|rest| rest.split(' ').next().unwrap())
        .collect();
    assert_eq!(ticks, ["1.0", "2.0", "4.0", "5.0"]);
}

#[test]
fn deep_6_3_1_coroutine_callback_starts_a_task_from_each_callback() {
    let out = check("deep_6_3_1_coroutine_callback");
    let lines = out.lines();
    for how in ["create_task", "call_soon", "call_later"] {
        assert!(lines.contains(&format!("my_coroutine({how}) finishes").as_str()));
    }
}

#[test]
fn deep_6_3_2_handles_cancelled_callbacks_never_run() {
    let out = check("deep_6_3_2_handles");
    assert!(!out.stdout.contains("Hello"), "a cancelled callback ran");
}

#[test]
fn deep_6_4_read_file_reads_its_file_both_ways() {
    let out = check("deep_6_4_read_file");
    assert_eq!(
        out.stdout.matches("The second line of the file.").count(),
        2
    );
}
