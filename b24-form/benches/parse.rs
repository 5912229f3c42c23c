//! `b24_form::parse` on a typical REST event delivery (ONCRMDEALADD with a
//! full OAuth `auth` block), beside `serde_json::from_str` of the same
//! content as JSON. Prints figures; asserts nothing about speed.
//!
//! `cargo bench -p b24-form --bench parse`; without `--bench` (as under
//! `cargo test --all-targets`) it runs a quick smoke pass only.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// An ONCRMDEALADD body as the portal sends it (as in b24-core's events bench).
fn deal_add(i: u64) -> String {
    format!(
        "event=ONCRMDEALADD&event_handler_id=185&data%5BFIELDS%5D%5BID%5D={i}&ts={}\
         &auth%5Baccess_token%5D=s6p6eclrvim6da22ft9ch94ekreb52lv&auth%5Bexpires%5D=1766050724\
         &auth%5Bexpires_in%5D=3600&auth%5Bscope%5D=crm&auth%5Bdomain%5D=some-domain.bitrix24.com\
         &auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bstatus%5D=L\
         &auth%5Bclient_endpoint%5D=https%3A%2F%2Fsome-domain.bitrix24.com%2Frest%2F\
         &auth%5Bmember_id%5D=a223c6b3710f85df22e9377d6c4f7553&auth%5Buser_id%5D=1\
         &auth%5Bapplication_token%5D=51856fefc120afa4b628cc82d3935cce",
        1766047124 + i / 100
    )
}

/// The best of `rounds` rounds of `per_round` calls, per call.
fn per_call(rounds: u32, per_round: u32, mut f: impl FnMut(usize)) -> Duration {
    let mut best = Duration::MAX;
    for r in 0..rounds {
        let t = Instant::now();
        for i in 0..per_round {
            f((r * per_round + i) as usize);
        }
        best = best.min(t.elapsed() / per_round);
    }
    best
}

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let (rounds, per_round) = if quick { (2, 50) } else { (30, 20_000) };
    let bodies: Vec<String> = (0..u64::from(rounds * per_round)).map(deal_add).collect();
    let json: Vec<String> = bodies
        .iter()
        .map(|b| b24_form::parse(b).map(|v| v.to_string()))
        .collect::<Result<_, _>>()
        .expect("the delivery parses");
    if quick {
        println!("smoke run (cargo test): figures are not meaningful; use cargo bench");
    }
    if let Ok(l) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average {}", l.trim());
    }
    let form = per_call(rounds, per_round, |i| {
        black_box(b24_form::parse(black_box(&bodies[i])).ok());
    });
    let serde = per_call(rounds, per_round, |i| {
        black_box(serde_json::from_str::<serde_json::Value>(black_box(&json[i])).ok());
    });
    println!(
        "b24_form::parse, ONCRMDEALADD ({} bytes): {} ns per parse (best of {rounds} rounds)",
        bodies[0].len(),
        form.as_nanos()
    );
    println!(
        "serde_json::from_str, same content as JSON ({} bytes): {} ns per parse; ratio {:.2}",
        json[0].len(),
        serde.as_nanos(),
        form.as_secs_f64() / serde.as_secs_f64()
    );
}
