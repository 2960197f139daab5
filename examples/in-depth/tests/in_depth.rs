//! Runs every example of "Understanding Python async programming in depth, part 2" (the
//! `deep_*` examples) and checks what its header promises. Sections 5 and 6 are tested in their
//! own file.
//!
//! `check(name)` runs under the paused clock and compares the transcript and the timing claim
//! exactly. Examples whose time is spent in real threads (7.2, 9's `to_thread`) run on the real
//! clock; their claims are checked with a tolerance, which is what proves the work overlapped.

use std::time::Duration;

use example_harness::{Example, Output, check, header};

/// Real clock: exit 0, the transcript, and an elapsed time of `claimed` to `claimed + slack`.
fn check_real(name: &str, slack: Duration) -> Output {
    let expected = header(name);
    let output = Example::new(name).real_clock().run();
    output.assert_success();
    output.assert_stdout_matches(&expected.transcript);
    if let Some(claimed) = expected.takes {
        let elapsed = output.elapsed();
        assert!(
            elapsed >= claimed && elapsed <= claimed + slack,
            "`{name}` took {elapsed:?}, claimed {claimed:?} (+ up to {slack:?})"
        );
    }
    output
}

// 1.1, 1.2: coroutine functions and awaiting chains.

#[test]
fn deep_1_1_calling_an_async_fn_runs_nothing_until_awaited() {
    check("deep_1_1_async_fn");
}

#[test]
fn deep_1_2_await_chain_prints_in_call_order_and_returns_helloworld() {
    check("deep_1_2_await_chain");
}

// 2.1: runtimes.

#[test]
fn deep_2_1_1_each_flavour_reports_itself() {
    // Builds its own multi-thread runtime, so the real clock; it sleeps nowhere.
    check_real("deep_2_1_1_flavours", Duration::ZERO);
}

#[test]
fn deep_2_1_2_plain_thread_has_no_runtime_until_given_a_handle() {
    check("deep_2_1_2_current_runtime");
}

#[test]
fn deep_2_1_4_stop_keeps_tasks_and_close_drops_them() {
    // A runtime built by hand has no test hooks: the real clock, and the slow job's 2 s.
    let name = "deep_2_1_4_run_and_stop";
    let output = Example::new(name).real_clock().run();
    output
        .assert_success()
        .assert_stdout_matches(&header(name).transcript);
    let wall = output.wall;
    assert!(wall >= Duration::from_secs(2), "took {wall:?}");
    assert!(wall < Duration::from_millis(3500), "took {wall:?}");
}

// 3: futures and tasks.

#[test]
fn deep_3_1_1_hand_polling_works_without_a_runtime_and_tokio_sleep_refuses() {
    let output = check("deep_3_1_1_poll_by_hand");
    // The two panics are caught and reported on stdout; nothing leaks to stderr.
    assert!(output.stderr.is_empty(), "stderr: {}", output.stderr);
}

#[test]
fn deep_3_2_2_future_api_states() {
    check("deep_3_2_2_future_api");
}

#[test]
fn deep_3_2_3_take_exam_callback_runs_before_main_goes_on() {
    check("deep_3_2_3_take_exam");
}

#[test]
fn deep_3_3_each_worker_runs_as_the_task_main_spawned() {
    let output = check("deep_3_3_tasks");
    let lines = output.lines();
    // "spawned 3 tasks (ids A, B, C); ..." against "worker N runs in task X".
    let ids: Vec<&str> = lines[1]
        .split_once("(ids ")
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(ids, _)| ids.split(", ").collect())
        .expect("the ids line");
    for (n, id) in ids.iter().enumerate() {
        assert_eq!(lines[2 + n], format!("worker {} runs in task {id}", n + 1));
    }
}

// 4.1: one coroutine.

#[test]
fn deep_4_1_3_fetch_data_takes_two_seconds() {
    check("deep_4_1_3_fetch_data");
}

#[test]
fn deep_4_1_4_might_fail_error_is_caught() {
    check("deep_4_1_4_might_fail");
}

#[test]
fn deep_4_1_4_compute_square_takes_one_second() {
    check("deep_4_1_4_compute_square");
}

// 4.2.1: wait.

#[test]
fn deep_4_2_1_wait_timeout_returns_at_exactly_1_5_s_with_say_world_pending() {
    let output = check("deep_4_2_1_wait_timeout");
    assert_eq!(output.elapsed(), Duration::from_millis(1500));
    assert!(output.stdout.contains("pending: [\"say_world\"]"));
}

#[test]
fn deep_4_2_1_wait_first_completed_returns_after_the_first_task() {
    check("deep_4_2_1_wait_first_completed");
}

#[test]
fn deep_4_2_1_wait_first_exception_returns_at_the_failure() {
    check("deep_4_2_1_wait_first_exception");
}

#[test]
fn deep_4_2_1_wait_all_completed_leaves_nothing_pending() {
    check("deep_4_2_1_wait_all_completed");
}

// 4.2.2: as_completed.

#[test]
fn deep_4_2_2_as_completed_yields_in_finishing_order() {
    check("deep_4_2_2_as_completed");
}

#[test]
fn deep_4_2_2_as_completed_times_out_at_the_total_deadline() {
    check("deep_4_2_2_as_completed_timeout");
}

// 4.2.3: gather.

#[test]
fn deep_4_2_3_gather_keeps_argument_order_and_returns_exceptions() {
    check("deep_4_2_3_gather");
}

#[test]
fn deep_4_2_3_gather_leaves_siblings_running_but_try_join_cancels_them() {
    let output = check("deep_4_2_3_gather_raises");
    let lines = output.lines();
    let (gather, try_join) = lines.split_at(4);
    assert!(gather.contains(&"slow_job finished"));
    assert!(!try_join.contains(&"slow_job finished"));
    assert!(try_join.contains(&"slow_job cancelled"));
}

// 7.2, 7.3: threads and processes.

#[test]
fn deep_7_2_blocking_io_runs_on_a_blocking_thread() {
    check_real("deep_7_2_blocking_io", Duration::from_millis(700));
}

#[test]
fn deep_7_2_custom_pool_runs_two_jobs_at_a_time() {
    // Four 1 s jobs: 1 s would mean no limit, 3 s or more fewer than two at a time.
    check_real("deep_7_2_custom_pool", Duration::from_millis(800));
}

#[test]
fn deep_7_3_cpu_work_on_rayon_gives_the_square_roots() {
    check("deep_7_3_cpu_rayon");
}

#[test]
fn deep_7_3_subprocess_round_trips_through_a_child() {
    check("deep_7_3_subprocess");
}

#[test]
fn deep_7_3_subprocess_child_rejects_malformed_input() {
    let output = Example::new("deep_7_3_subprocess")
        .arg("--child")
        .stdin("not json")
        .run();
    output.assert_clean_failure();
}

// 8.1: patterns.

#[test]
fn deep_8_1_producer_waits_on_a_full_queue_and_join_waits_for_task_done() {
    check("deep_8_1_producer_consumer");
}

#[test]
fn deep_8_1_pub_sub_delivers_by_topic() {
    check("deep_8_1_pub_sub");
}

#[test]
fn deep_8_1_async_callback_bridge_awaits_both_callbacks() {
    check("deep_8_1_async_callback");
}

// 9: Python 3.6 -> 3.12.

#[test]
fn deep_9_task_group_cancels_the_rest_on_failure() {
    check("deep_9_task_group");
}

#[test]
fn deep_9_timeout_cancels_the_slow_job_at_the_limit() {
    check("deep_9_timeout");
}

#[test]
fn deep_9_barrier_releases_everyone_when_the_last_arrives() {
    check("deep_9_barrier");
}

#[test]
fn deep_9_to_thread_overlaps_with_a_sleep() {
    // Run one after the other the two would take 2 s.
    check_real("deep_9_to_thread", Duration::from_millis(700));
}

#[test]
fn deep_9_eager_first_step_runs_before_spawn_returns() {
    check("deep_9_eager_tasks");
}

#[test]
fn deep_9_runner_keeps_tasks_between_runs_and_drops_them_on_close() {
    let name = "deep_9_runner";
    let output = Example::new(name).real_clock().run();
    output
        .assert_success()
        .assert_stdout_matches(&header(name).transcript);
    let wall = output.wall;
    assert!(wall >= Duration::from_millis(2500), "took {wall:?}");
    assert!(wall < Duration::from_secs(4), "took {wall:?}");
}
