//! `b24-emulator`: run a local Bitrix24 portal.
//!
//! ```text
//! cargo run -p b24-emulator -- --port 8024 --seed-deals 100000 --webhook 1/devcode
//! ```

use std::time::Duration;

const USAGE: &str = "usage: b24-emulator [--port N] [--seed-deals N] [--seed-contacts N] \
[--seed-users N] [--seed-tasks N] [--seed-items TYPE:N] [--webhook USER/CODE[:scope,scope]] [--bucket SIZE/DRAIN] [--realistic] [--hold-processing] \
[--token-lifetime SECS] [--no-https] [--cert-dir DIR] [--public]";

fn main() {
    if let Err(e) = run() {
        eprintln!("b24-emulator: {e}\n{USAGE}");
        std::process::exit(2);
    }
}

fn num<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<T, String> {
    let v = v.ok_or_else(|| format!("{flag} needs a value"))?;
    v.parse().map_err(|_| format!("{flag}: bad value {v:?}"))
}

fn run() -> Result<(), String> {
    let mut b = b24_emulator::Emulator::builder().https(true);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        b = match flag.as_str() {
            "--port" => b.port(num("--port", args.next())?),
            "--seed-deals" => b.seed_deals(num("--seed-deals", args.next())?),
            "--seed-contacts" => b.seed_contacts(num("--seed-contacts", args.next())?),
            "--seed-users" => b.seed_users(num("--seed-users", args.next())?),
            "--seed-tasks" => b.seed_tasks(num("--seed-tasks", args.next())?),
            "--seed-items" => {
                let v: String = num("--seed-items", args.next())?;
                let (t, n) = v.split_once(':').ok_or("--seed-items wants TYPE:N")?;
                b.seed_items(
                    num("--seed-items", Some(t.into()))?,
                    num("--seed-items", Some(n.into()))?,
                )
            }
            "--webhook" => {
                let v: String = num("--webhook", args.next())?;
                let (hook, scopes) = v.split_once(':').unwrap_or((&v, ""));
                let (user, code) = hook.split_once('/').ok_or("--webhook wants USER/CODE")?;
                let scopes: Vec<&str> = scopes.split(',').filter(|s| !s.is_empty()).collect();
                b.webhook(num("--webhook", Some(user.into()))?, code, &scopes)
            }
            "--bucket" => {
                let v: String = num("--bucket", args.next())?;
                let (size, drain) = v.split_once('/').ok_or("--bucket wants SIZE/DRAIN")?;
                b.bucket(
                    num("--bucket", Some(size.into()))?,
                    num("--bucket", Some(drain.into()))?,
                )
            }
            "--token-lifetime" => {
                b.token_lifetime(Duration::from_secs(num("--token-lifetime", args.next())?))
            }
            "--no-https" => b.https(false),
            "--realistic" => b.realistic(true),
            "--hold-processing" => b.hold_processing(true),
            "--cert-dir" => b.cert_dir(num::<String>("--cert-dir", args.next())?),
            "--public" => b.public(true),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown flag {other}")),
        };
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async move {
        let emu = b.start().await.map_err(|e| e.to_string())?;
        let app = emu.oauth_app();
        let base = emu.base_url();
        println!("b24-emulator listening on {}", emu.addr());
        println!("webhook:        {}", emu.webhook_url());
        println!("rest 3.0:       {}", emu.v3_webhook_url());
        if let Some(rest) = base.strip_prefix("https://") {
            println!("plain http:     http://{rest}/ (same port)");
        }
        println!("oauth rest:     {}", emu.rest_url());
        println!("client_id:      {}", app.client_id);
        println!("client_secret:  {}", app.client_secret);
        println!("token endpoint: {}", app.token_endpoint);
        println!(
            "authorize:      {}?client_id={}",
            app.authorize_endpoint, app.client_id
        );
        if let Some(pem) = emu.cert_pem_path() {
            println!(
                "CA certificate: {} (trust it, e.g. REQUESTS_CA_BUNDLE / NODE_EXTRA_CA_CERTS)",
                pem.display()
            );
        }
        let base = emu.base_url();
        println!("test controls:  {base}/_emulator/install?handler=URL (ONAPPINSTALL)");
        println!("                {base}/_emulator/click_to_call?phone=N (ONEXTERNALCALLSTART)");
        println!("                {base}/_emulator/advance?seconds=N (virtual clock)");
        let _ = tokio::signal::ctrl_c().await;
        emu.shutdown().await;
        Ok::<(), String>(())
    })
}
