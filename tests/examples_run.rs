//! Runs the app-path examples as a user would and checks they succeed:
//! `rest_events_app` (install -> tokens -> OAuth client -> bind -> typed
//! delivery), `crm_export` (the fast list traversal) and `call_card` (a
//! verified placement opening, in its smoke mode).
//!
//! The binaries are the programs `cargo build --examples` places at
//! `target/<profile>/examples/<name>`; `./scripts/test` builds them before
//! the tests. `cargo test --all-targets` alone does not: it compiles
//! examples in test mode, as harnesses kept under hashed names. Run alone,
//! `cargo build --examples && cargo test --test examples_run`.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A hang guard, not a speed check: an example that never exits (a stale
/// binary from before its smoke mode, a server waiting forever) fails the
/// test instead of stalling the suite.
const HANG_GUARD: Duration = Duration::from_secs(300);

/// Runs `cmd` to its end, killing it after `limit`.
fn output_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("example starts");
    // Drain the pipes on threads so a chatty example cannot block on them.
    let mut so = child.stdout.take().expect("stdout");
    let mut se = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut so, &mut b).ok();
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut se, &mut b).ok();
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!(
                "{:?} did not exit within {limit:?}; if it is stale, run `cargo build --examples`",
                cmd.get_program()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out_t.join().expect("stdout reader"),
        stderr: err_t.join().expect("stderr reader"),
    }
}

/// `target/<profile>/examples/<name>`, next to this test's `deps/`.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps");
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: run `cargo build --examples` first (./scripts/test does)",
        path.display()
    );
    path
}

/// Runs an example against its embedded emulator; its stdout.
fn run(name: &str, env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(example(name));
    // Never a real portal from the developer's environment.
    cmd.env_remove("B24_WEBHOOK_URL").env_remove("B24_APP_URL");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = output_within(cmd, HANG_GUARD);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{name} failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn rest_events_app_receives_its_typed_event() {
    let out = run("rest_events_app", &[]);
    assert!(out.contains("installed portals: 1"), "{out}");
    assert!(out.contains("bound ONCRMDEALADD"), "{out}");
    assert!(out.contains("deal 1 added on portal "), "{out}");
}

#[test]
fn crm_export_reads_every_deal() {
    let out = run("crm_export", &[]);
    assert!(out.contains("deals exported: 2500"), "{out}");
    assert!(out.contains("last deal ID: 2500"), "{out}");
}

#[test]
fn call_card_opens_a_verified_session() {
    let out = run("call_card", &[("B24_EXAMPLE_SMOKE", "1")]);
    assert!(out.contains("verified by app.info"), "{out}");
    assert!(
        out.contains("placement opened by the portal: HTTP 200"),
        "{out}"
    );
}
