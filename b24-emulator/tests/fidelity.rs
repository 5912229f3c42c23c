//! The official SDKs, unmodified, against the emulator: b24pysdk and
//! fast_bitrix24 (PyPI) and @bitrix24/b24jssdk (npm). `scripts/setup/20-fidelity.sh`
//! installs them under `target/fidelity/`; without them these tests are
//! skipped loudly, except under `CI=true`, where they must run.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use b24_emulator::Emulator;

const DEALS: u64 = 10_000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fidelity_dir() -> PathBuf {
    std::env::var_os("B24_FIDELITY_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/fidelity"))
}

/// The tool, or `None` (after a loud message) when it is not installed.
fn tool(path: PathBuf, what: &str) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    let msg = format!(
        "{what} is not installed at {}; run scripts/setup/20-fidelity.sh (or ./scripts/test)",
        path.display()
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{msg}");
    }
    eprintln!("\n!!!!!!!! SKIPPED fidelity test: {msg} !!!!!!!!\n");
    None
}

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fidelity")
        .join(name)
}

/// Lets virtual time run `factor` times faster than real time, so SDKs that
/// sleep after `QUERY_LIMIT_EXCEEDED` see the bucket drain sooner.
fn accelerate(e: &Emulator, factor: u32) -> tokio::task::JoinHandle<()> {
    let clock = e.clock().clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            clock.advance(Duration::from_millis(100) * (factor - 1));
        }
    })
}

async fn run(mut cmd: tokio::process::Command, label: &str) -> String {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("{label}: cannot start: {e}"));
    let out = tokio::time::timeout(Duration::from_secs(300), child.wait_with_output())
        .await
        .unwrap_or_else(|_| panic!("{label}: timed out"))
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    println!("--- {label} stdout ---\n{stdout}");
    assert!(
        out.status.success() && stdout.contains("ALL OK"),
        "{label} failed ({}):\n{stdout}\n--- stderr ---\n{}",
        out.status,
        stderr
            .chars()
            .rev()
            .take(6000)
            .collect::<String>()
            .chars()
            .rev()
            .collect::<String>()
    );
    stdout
}

async fn https_emulator(size: u32, drain: f64) -> Emulator {
    Emulator::builder()
        .https(true)
        .seed_deals(DEALS)
        .bucket(size, drain)
        .start()
        .await
        .unwrap()
}

fn count_errors(e: &Emulator, code: &str) -> usize {
    e.calls()
        .iter()
        .filter(|c| c.error.as_deref() == Some(code))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn b24pysdk_paging_batch_limits_and_refresh() {
    let Some(python) = tool(fidelity_dir().join("venv/bin/python"), "b24pysdk venv") else {
        return;
    };
    let e = https_emulator(20, 2.0).await;
    let speed = accelerate(&e, 5);
    let ca = e.cert_pem_path().unwrap();
    let app = e.oauth_app();
    let tokens = e.authorize(1, &[]);
    let mut cmd = tokio::process::Command::new(python);
    cmd.arg(script("pysdk.py"))
        .env("EMU_BASE", e.base_url())
        .env("EMU_DOMAIN", e.addr().to_string())
        .env("EMU_WEBHOOK", "1/devcode")
        .env("EMU_CLIENT_ID", &app.client_id)
        .env("EMU_CLIENT_SECRET", &app.client_secret)
        .env("EMU_ACCESS", &tokens.access_token)
        .env("EMU_REFRESH", &tokens.refresh_token)
        .env("EMU_DEALS", DEALS.to_string())
        .env("REQUESTS_CA_BUNDLE", &ca)
        .env("SSL_CERT_FILE", &ca)
        // b24pysdk refreshes at its fixed OAuth host; the emulator answers
        // CONNECT and holds a certificate for that host.
        .env("HTTPS_PROXY", format!("http://{}", e.addr()))
        .env("NO_PROXY", "127.0.0.1,localhost");
    run(cmd, "b24pysdk").await;
    speed.abort();
    assert!(
        count_errors(&e, "QUERY_LIMIT_EXCEEDED") > 0,
        "the SDK never met QUERY_LIMIT_EXCEEDED"
    );
    assert!(
        count_errors(&e, "expired_token") > 0,
        "the token never expired"
    );
    let batches = e.calls().iter().filter(|c| c.method == "batch").count();
    assert!(batches >= 4, "paging went through batch ({batches})");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fast_bitrix24_get_all_batch_and_limits() {
    let Some(python) = tool(fidelity_dir().join("venv/bin/python"), "fast_bitrix24 venv") else {
        return;
    };
    // The real default bucket (50/2): the SDK paces itself for it, and the
    // script's unpaced phase goes past it.
    let e = https_emulator(50, 2.0).await;
    let speed = accelerate(&e, 5);
    let ca = e.cert_pem_path().unwrap();
    let mut cmd = tokio::process::Command::new(python);
    cmd.arg(script("fastb24.py"))
        .env("EMU_WEBHOOK_URL", e.webhook_url())
        .env("EMU_DEALS", DEALS.to_string())
        .env("SSL_CERT_FILE", &ca)
        .env("REQUESTS_CA_BUNDLE", &ca);
    run(cmd, "fast_bitrix24").await;
    speed.abort();
    let sdk_503 = e
        .calls()
        .iter()
        .filter(|c| {
            c.method == "crm.deal.get" && c.error.as_deref() == Some("QUERY_LIMIT_EXCEEDED")
        })
        .count();
    assert!(sdk_503 > 0, "the SDK itself never met QUERY_LIMIT_EXCEEDED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn b24jssdk_hook_call_batch_list() {
    let Some(node_dir) = tool(
        fidelity_dir().join("node/node_modules/@bitrix24/b24jssdk"),
        "@bitrix24/b24jssdk",
    ) else {
        return;
    };
    let node_dir = node_dir.join("../../..");
    let e = https_emulator(250, 5.0).await;
    let mut cmd = tokio::process::Command::new("node");
    cmd.arg(script("jssdk.cjs"))
        .env("EMU_WEBHOOK_URL", e.webhook_url())
        .env("EMU_DEALS", DEALS.to_string())
        .env("EMU_NODE_DIR", node_dir)
        .env("NODE_EXTRA_CA_CERTS", e.cert_pem_path().unwrap());
    run(cmd, "b24jssdk").await;
    let calls = e.calls();
    assert!(calls.iter().any(|c| c.method == "batch"));
    assert!(calls.iter().filter(|c| c.method == "crm.deal.list").count() >= 200);
}
