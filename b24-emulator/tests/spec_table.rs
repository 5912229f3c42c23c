//! The table test over every method of `specs/methods`: each is called with
//! parameters that satisfy its spec, and its answer must fit the declared
//! result shape. Methods without a stateful handler are answered from the
//! spec and marked as synthesized in the call log.

use std::time::Duration;

use serde_json::{Value, json};

async fn call(client: &reqwest::Client, url: &str, params: &Value) -> (u16, Value) {
    let resp = client.post(url).json(params).send().await.unwrap();
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap_or(Value::Null);
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_spec_method_answers_within_its_shape() {
    let info = b24_emulator::registry_info();
    eprintln!(
        "registry: {} v2 + {} v3 methods, {} scopes, {} files, parsed in {:?}",
        info.v2_methods, info.v3_methods, info.scopes, info.files, info.load_time
    );
    assert!(info.v2_methods + info.v3_methods >= 1600, "{info:?}");
    let emu = b24_emulator::Emulator::builder()
        .seed_deals(100)
        .seed_contacts(100)
        .bucket(1_000_000, 100_000.0)
        .operating(Duration::ZERO, Duration::ZERO)
        .start()
        .await
        .unwrap();
    let client = reqwest::Client::new();
    let methods = b24_emulator::spec_methods();
    let (mut ok, mut synthesized, mut refused) = (0, 0, Vec::new());
    let mut misfits = Vec::new();
    for m in &methods {
        let base = if m.v3 {
            emu.v3_webhook_url()
        } else {
            emu.webhook_url()
        };
        let params = if m.name == "batch" {
            json!({"cmd": {"a": "server.time"}})
        } else {
            m.sample_params.clone()
        };
        let (status, body) = call(&client, &format!("{base}{}", m.name), &params).await;
        let was_synth = emu
            .calls()
            .last()
            .is_some_and(|c| c.synthesized && c.method.eq_ignore_ascii_case(&m.name));
        if status == 200 {
            ok += 1;
            if was_synth {
                synthesized += 1;
            }
            if let Err(e) = b24_emulator::check_result(&m.name, m.v3, &body["result"]) {
                misfits.push(format!("{} (v3: {}): {e}", m.name, m.v3));
            }
        } else {
            // Only a stateful handler may refuse the sample parameters (an
            // app-only method called with a webhook, a record that is not
            // there); a method answered from its spec never does.
            assert!(
                !was_synth,
                "{}: synthesized answer with status {status}",
                m.name
            );
            refused.push(format!("{} {status} {}", m.name, body["error"]));
        }
    }
    eprintln!(
        "{} methods called: {ok} answered (of them {synthesized} synthesized), {} refused by stateful handlers",
        methods.len(),
        refused.len()
    );
    for r in &refused {
        eprintln!("  refused: {r}");
    }
    assert!(
        misfits.is_empty(),
        "answers outside their shape:\n{}",
        misfits.join("\n")
    );
    assert!(synthesized > 1000, "{synthesized}");
    emu.shutdown().await;
}
