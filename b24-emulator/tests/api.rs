//! The emulator's REST surface, driven over HTTP as a client would.

mod common;

use std::time::Duration;

use b24_emulator::{AuthKind, Emulator, UiEvent};
use common::{Capture, get, post_form, post_json};
use serde_json::{Value, json};

async fn emu() -> Emulator {
    Emulator::builder()
        .seed_deals(1000)
        .seed_contacts(100)
        .seed_users(5)
        .bucket(10_000, 100.0)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn envelope_time_and_get() {
    let e = emu().await;
    let (s, v) = get(&format!("{}crm.deal.get.json?id=7", e.webhook_url())).await;
    assert_eq!(s, 200);
    assert_eq!(v["result"]["ID"], "7");
    assert_eq!(v["result"]["TITLE"], "Deal #7");
    for k in common::TIME_FIELDS {
        assert!(v["time"].get(k).is_some(), "time.{k} missing in {v}");
    }
    let (s, v) = get(&format!("{}crm.deal.get?id=5000", e.webhook_url())).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("")));
    assert_eq!(v["error_description"], "Not found");
    let (s, v) = get(&format!("{}crm.deal.get", e.webhook_url())).await;
    assert_eq!(s, 400);
    assert_eq!(v["error_description"], "ID is not defined or invalid.");
}

#[tokio::test]
async fn lists_filter_order_select_and_paging() {
    let e = emu().await;
    let hook = e.webhook_url();
    let (_, v) = post_json(&format!("{hook}crm.deal.list"), &json!({"select": ["ID"]})).await;
    assert_eq!(v["total"], 1000);
    assert_eq!(v["next"], 50);
    assert_eq!(v["result"].as_array().unwrap().len(), 50);
    assert_eq!(v["result"][0], json!({"ID": "1"}));

    let (_, v) = post_json(
        &format!("{hook}crm.deal.list"),
        &json!({"select": ["ID", "TITLE"], "start": 950}),
    )
    .await;
    assert!(v.get("next").is_none());
    assert_eq!(v["result"][49]["ID"], "1000");

    // The fast path: start=-1, order by ID, >ID cursor; no count.
    let (_, v) = post_json(
        &format!("{hook}crm.deal.list"),
        &json!({"filter": {">ID": 980}, "order": {"ID": "ASC"}, "start": -1, "select": ["ID"]}),
    )
    .await;
    assert_eq!(v["total"], 0);
    assert!(v.get("next").is_none());
    assert_eq!(v["result"].as_array().unwrap().len(), 20);

    // Form body with PHP-style keys, `<ID`, `=`, DESC.
    let (_, v) = post_form(
        &format!("{hook}crm.deal.list.json"),
        "filter[%3CID]=10&filter[%3DTYPE_ID]=SALE&order[ID]=DESC&select[]=ID&select[]=TYPE_ID",
    )
    .await;
    let rows = v["result"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["TYPE_ID"] == "SALE"));
    let ids: Vec<u64> = rows
        .iter()
        .map(|r| r["ID"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]) && ids[0] < 10);

    // GET query string.
    let (_, v) = get(&format!(
        "{hook}crm.contact.list?filter%5B%3EID%5D=95&select%5B%5D=ID&select%5B%5D=NAME"
    ))
    .await;
    assert_eq!(v["total"], 5);
    assert!(v["result"][0]["NAME"].is_string());

    // Bad filter type is the documented 400 with an empty code.
    let (s, v) = post_json(&format!("{hook}crm.deal.list"), &json!({"filter": "x"})).await;
    assert_eq!(s, 400);
    assert_eq!(v["error_description"], "Parameter 'filter' must be array.");

    // crm.item.list over deals, camelCase and typed.
    let (_, v) = post_json(
        &format!("{hook}crm.item.list"),
        &json!({"entityTypeId": 2, "select": ["id", "stageId"], "filter": {"<=id": 3}, "order": {"id": "DESC"}}),
    )
    .await;
    assert_eq!(v["total"], 3);
    assert_eq!(v["result"]["items"][0]["id"], 3);
    assert!(v["result"]["items"][0]["stageId"].is_string());
    let (s, v) = post_json(
        &format!("{hook}crm.item.list"),
        &json!({"entityTypeId": 1234}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("NOT_FOUND")));

    // user.get
    let (_, v) = post_json(
        &format!("{hook}user.get"),
        &json!({"FILTER": {">ID": 2}, "sort": "ID", "order": "DESC"}),
    )
    .await;
    assert_eq!(v["total"], 3);
    assert_eq!(v["result"][0]["ID"], "5");
}

#[tokio::test]
async fn crud_and_items() {
    let e = emu().await;
    let hook = e.webhook_url();
    let (_, v) = post_json(
        &format!("{hook}crm.deal.add"),
        &json!({"fields": {"TITLE": "New", "OPPORTUNITY": 12.5, "UF_CRM_X": "u"}}),
    )
    .await;
    assert_eq!(v["result"], 1001);
    let (_, v) = post_json(
        &format!("{hook}crm.deal.update"),
        &json!({"id": 5, "fields": {"TITLE": "Edited"}}),
    )
    .await;
    assert_eq!(v["result"], true);
    let (_, v) = get(&format!("{hook}crm.deal.get?id=5")).await;
    assert_eq!(v["result"]["TITLE"], "Edited");
    let (_, v) = get(&format!("{hook}crm.deal.delete?id=6")).await;
    assert_eq!(v["result"], true);
    let (_, v) = post_json(
        &format!("{hook}crm.deal.list"),
        &json!({"filter": {"@ID": [5, 6, 1001]}, "select": ["ID", "TITLE", "UF_*"]}),
    )
    .await;
    assert_eq!(v["total"], 2);
    assert_eq!(v["result"][0]["TITLE"], "Edited");
    assert_eq!(v["result"][1]["UF_CRM_X"], "u");
    let (s, _) = post_json(&format!("{hook}crm.deal.add"), &json!({"fields": "x"})).await;
    assert_eq!(s, 400);

    let e = Emulator::builder()
        .seed_items(1036, 70)
        .start()
        .await
        .unwrap();
    let hook = e.webhook_url();
    let (_, v) = post_json(
        &format!("{hook}crm.item.add"),
        &json!({"entityTypeId": 1036, "fields": {"title": "SPA item", "assignedById": 1}}),
    )
    .await;
    assert_eq!(v["result"]["item"]["id"], 71);
    assert_eq!(v["result"]["item"]["title"], "SPA item");
    assert_eq!(v["result"]["item"]["entityTypeId"], 1036);
    let (_, v) = post_json(
        &format!("{hook}crm.item.list"),
        &json!({"entityTypeId": 1036, "start": 50}),
    )
    .await;
    assert_eq!(v["total"], 71);
    assert_eq!(v["result"]["items"].as_array().unwrap().len(), 21);
}

#[tokio::test]
async fn auth_errors_and_scopes() {
    let e = Emulator::builder()
        .webhook(1, "devcode", &[])
        .webhook(2, "usersonly", &["user"])
        .seed_users(3)
        .seed_deals(10)
        .token_lifetime(Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let base = e.base_url();
    let (s, v) = get(&format!("{base}/rest/1/wrong/crm.deal.get?id=1")).await;
    assert_eq!((s, v["error"].as_str()), (401, Some("NO_AUTH_FOUND")));
    let (s, v) = get(&format!("{base}/rest/crm.deal.get?id=1")).await;
    assert_eq!((s, v["error"].as_str()), (401, Some("NO_AUTH_FOUND")));
    let (s, v) = get(&format!("{base}/rest/crm.deal.get?id=1&auth=nope")).await;
    assert_eq!((s, v["error"].as_str()), (401, Some("invalid_token")));
    let (s, v) = get(&format!("{base}/rest/2/usersonly/crm.deal.get?id=1")).await;
    assert_eq!((s, v["error"].as_str()), (403, Some("insufficient_scope")));
    let (s, _) = get(&format!("{base}/rest/2/usersonly/user.get")).await;
    assert_eq!(s, 200);
    let (s, v) = get(&format!("{base}/rest/1/devcode/crm.nothing.here")).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (404, Some("ERROR_METHOD_NOT_FOUND"))
    );

    let t = e.authorize(1, &["crm"]);
    assert_eq!(t.expires_in, 60);
    let (s, _) = post_json(
        &format!("{base}/rest/crm.deal.get"),
        &json!({"id": 1, "auth": t.access_token}),
    )
    .await;
    assert_eq!(s, 200);
    let (s, v) = get(&format!("{base}/rest/user.get?auth={}", t.access_token)).await;
    assert_eq!((s, v["error"].as_str()), (403, Some("insufficient_scope")));
    e.clock().advance(Duration::from_secs(61));
    let (s, v) = get(&format!(
        "{base}/rest/crm.deal.get?id=1&auth={}",
        t.access_token
    ))
    .await;
    assert_eq!((s, v["error"].as_str()), (401, Some("expired_token")));

    // A non-admin user may not read offline events.
    let t2 = e.authorize(2, &[]);
    let (s, v) = get(&format!(
        "{base}/rest/event.offline.get?auth={}",
        t2.access_token
    ))
    .await;
    assert_eq!((s, v["error"].as_str()), (403, Some("ACCESS_DENIED")));

    let calls = e.calls();
    let last = calls.last().unwrap();
    assert_eq!(last.method, "event.offline.get");
    assert_eq!(last.auth, AuthKind::OAuth { user_id: 2 });
    assert_eq!(last.status, 403);
    assert!(
        calls
            .iter()
            .any(|c| c.error.as_deref() == Some("expired_token"))
    );
}

#[tokio::test]
async fn bad_input_never_500() {
    let e = Emulator::builder()
        .bucket(100_000, 1000.0)
        .max_body(64 * 1024)
        .start()
        .await
        .unwrap();
    let hook = e.webhook_url();
    let client = reqwest::Client::new();
    let send = |ctype: &'static str, body: Vec<u8>, url: String| {
        let client = client.clone();
        async move {
            client
                .post(url)
                .header("content-type", ctype)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let r = send(
        "application/json",
        b"{bad".to_vec(),
        format!("{hook}crm.deal.list"),
    )
    .await;
    assert_eq!(r.status().as_u16(), 400);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"], "INVALID_REQUEST");
    let r = send(
        "application/json",
        vec![b'x'; 70 * 1024],
        format!("{hook}crm.deal.list"),
    )
    .await;
    assert_eq!(r.status().as_u16(), 413);
    let deep = format!("a{}=1", "[x]".repeat(100));
    let r = send(
        "application/x-www-form-urlencoded",
        deep.into_bytes(),
        format!("{hook}crm.deal.list"),
    )
    .await;
    assert_eq!(r.status().as_u16(), 400);
    let deep_json = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let r = send(
        "application/json",
        deep_json.into_bytes(),
        format!("{hook}batch"),
    )
    .await;
    assert_eq!(r.status().as_u16(), 400);

    // A deterministic stream of junk: no request may get a 5xx.
    let mut seed = 0x1234_5678_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let methods = [
        "batch",
        "crm.deal.list",
        "crm.item.get",
        "user.get",
        "placement.bind",
        "event.bind",
        "telephony.externalCall.register",
        "crm.deal.update",
        "x",
    ];
    let pieces: [&[u8]; 10] = [
        b"cmd",
        b"[",
        b"]",
        b"=",
        b"&",
        b"%",
        b"{",
        b"\"",
        b"$result[a][0]",
        b"filter",
    ];
    for i in 0..300 {
        let m = methods[(next() % methods.len() as u64) as usize];
        let mut body = Vec::new();
        for _ in 0..(next() % 40) {
            body.extend_from_slice(pieces[(next() % 10) as usize]);
        }
        let ctype = if i % 2 == 0 {
            "application/json"
        } else {
            "application/x-www-form-urlencoded"
        };
        let r = send(ctype, body.clone(), format!("{hook}{m}")).await;
        assert!(
            r.status().as_u16() < 500,
            "{m} {ctype} {:?} -> {}",
            String::from_utf8_lossy(&body),
            r.status()
        );
    }
    // Extreme and mistyped values in the parameters methods read.
    let t = e.authorize(1, &[]);
    let weird = [
        json!(1e300),
        json!(-1e300),
        json!(i64::MIN),
        json!(u64::MAX),
        json!("9".repeat(40)),
        json!(null),
        json!([]),
        json!({}),
        json!(true),
        json!("-1"),
        json!([[[]]]),
    ];
    let methods = [
        "crm.deal.list",
        "crm.deal.get",
        "crm.item.list",
        "crm.item.get",
        "user.get",
        "crm.deal.update",
        "event.offline.get",
        "event.offline.list",
        "placement.bind",
        "placement.unbind",
        "telephony.externalCall.register",
        "telephony.externalCall.finish",
        "event.bind",
        "crm.contact.list",
    ];
    for (i, w) in weird.iter().enumerate() {
        let m = methods[i % methods.len()];
        for body in [
            json!({"id": w, "start": w, "filter": {">ID": w, "<ID": w, "@ID": w, "=STAGE_ID": w}, "order": {"OPPORTUNITY": w}}),
            json!({"entityTypeId": w, "id": w, "limit": w, "fields": w, "select": w}),
            json!({"PLACEMENT": w, "HANDLER": w, "USER_ID": w, "TYPE": w, "PHONE_NUMBER": w, "CALL_ID": w,
                   "CALL_START_DATE": w, "OPTIONS": w, "event": w, "handler": w, "auth_type": w}),
        ] {
            for method in [m, "crm.deal.list", "user.get"] {
                let mut b = body.clone();
                b["auth"] = json!(t.access_token);
                let (s, _) = post_json(&format!("{}{method}", e.rest_url()), &b).await;
                assert!(s < 500, "{method} {b} -> {s}");
            }
        }
    }
    for path in [
        "/rest/",
        "/rest/1/",
        "/rest/a/b/c/d",
        "/rest/api/x",
        "/rest/1/devcode/.json",
        "/oauth/token/",
    ] {
        let (s, _) = get(&format!("{}{path}", e.base_url())).await;
        assert!(s < 500, "{path} -> {s}");
    }
}

#[tokio::test]
async fn leaky_bucket_with_virtual_clock() {
    // Slow drain, so real time passing during the test cannot free a slot.
    let e = Emulator::builder()
        .bucket(5, 0.1)
        .seed_deals(3)
        .start()
        .await
        .unwrap();
    let url = format!("{}crm.deal.get?id=1", e.webhook_url());
    for _ in 0..5 {
        assert_eq!(get(&url).await.0, 200);
    }
    let (s, v) = get(&url).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (503, Some("QUERY_LIMIT_EXCEEDED"))
    );
    // Slow drain, so real time passing during the test cannot free a slot.
    e.clock().advance(Duration::from_secs(20));
    assert_eq!(get(&url).await.0, 200);
    assert_eq!(get(&url).await.0, 200);
    assert_eq!(get(&url).await.0, 503);
    // A batch of many commands is one request.
    e.clock().advance(Duration::from_secs(50));
    let cmd: Vec<String> = (0..30).map(|_| "crm.deal.get?id=2".to_owned()).collect();
    let (s, v) = post_json(&format!("{}batch", e.webhook_url()), &json!({"cmd": cmd})).await;
    assert_eq!(s, 200);
    assert_eq!(v["result"]["result"].as_array().unwrap().len(), 30);
}

#[tokio::test]
async fn operating_limit_per_method_and_batch() {
    let e = Emulator::builder()
        .seed_deals(100)
        .bucket(10_000, 100.0)
        .operating(Duration::from_secs(100), Duration::ZERO)
        .start()
        .await
        .unwrap();
    let hook = e.webhook_url();
    for i in 0..5 {
        let (s, v) = get(&format!("{hook}crm.deal.get?id=1")).await;
        assert_eq!(s, 200, "call {i}");
        assert!(v["time"]["operating"].as_f64().unwrap() >= 100.0 * (i + 1) as f64);
    }
    let (s, v) = get(&format!("{hook}crm.deal.get?id=1")).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (429, Some("OPERATION_TIME_LIMIT"))
    );
    // Another method is not blocked; batch itself is not counted.
    assert_eq!(get(&format!("{hook}crm.deal.list")).await.0, 200);
    let (s, v) = post_json(
        &format!("{hook}batch"),
        &json!({"cmd": {"a": "crm.deal.get?id=2", "b": "crm.contact.list"}}),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        v["result"]["result_error"]["a"]["error"],
        "OPERATION_TIME_LIMIT"
    );
    assert!(v["result"]["result"]["b"].is_array());
    assert!(v["time"].get("operating").is_none());
    e.clock().advance(Duration::from_secs(601));
    assert_eq!(get(&format!("{hook}crm.deal.get?id=1")).await.0, 200);
}

#[tokio::test]
async fn batch_semantics() {
    let e = emu().await;
    let url = format!("{}batch", e.webhook_url());
    let (s, v) = post_json(
        &url,
        &json!({"halt": 0, "cmd": {
            // Keys also sort in run order, so this holds with or without
            // serde_json's preserve_order.
            "a_list": "crm.deal.list?select[]=ID&filter[>ID]=10",
            "b_one": "crm.deal.get?id=$result[a_list][0][ID]",
            "c_bad": "crm.deal.get?id=99999",
            "d_user": "user.current",
            "e_nested": "batch?cmd[x]=user.current",
            "f_ids": "crm.deal.list?filter[@ID]=$result[a_list][1][ID]&select[]=ID",
        }}),
    )
    .await;
    assert_eq!(s, 200);
    let r = &v["result"];
    assert_eq!(r["result"]["b_one"]["ID"], "11");
    assert_eq!(r["result"]["f_ids"][0]["ID"], "12");
    assert_eq!(r["result_total"]["a_list"], 990);
    assert_eq!(r["result_next"]["a_list"], 50);
    assert_eq!(r["result_error"]["c_bad"]["error_description"], "Not found");
    assert_eq!(
        r["result_error"]["e_nested"]["error"],
        "ERROR_BATCH_METHOD_NOT_ALLOWED"
    );
    assert!(r["result_time"]["b_one"]["start"].is_number());
    assert_eq!(r["result"]["d_user"]["ID"], "1");

    // List form, halt, PHP-style empty arrays.
    let (_, v) = post_json(
        &url,
        &json!({"halt": 1, "cmd": ["crm.deal.get?id=1", "crm.deal.get?id=0", "crm.deal.get?id=2"]}),
    )
    .await;
    let r = &v["result"];
    assert_eq!(r["result"], json!([r["result"][0].clone()]));
    assert_eq!(
        r["result_error"]["1"]["error_description"],
        "ID is not defined or invalid."
    );
    assert!(r["result"].get(2).is_none());
    assert_eq!(r["result_total"], json!([]));
    assert_eq!(r["result_next"], json!([]));

    // Form-encoded batch, as PHP clients send it.
    let (_, v) = post_form(
        &url,
        "halt=0&cmd[a]=crm.deal.get%3Fid%3D3&cmd[b]=crm.deal.get%3Fid%3D%24result%5Ba%5D%5BID%5D",
    )
    .await;
    assert_eq!(v["result"]["result"]["b"]["ID"], "3");

    // More than 50 commands: the extra ones fail.
    let cmd: Vec<String> = (1..=55).map(|i| format!("crm.deal.get?id={i}")).collect();
    let (_, v) = post_json(&url, &json!({"cmd": cmd})).await;
    assert_eq!(v["result"]["result"].as_array().unwrap().len(), 50);
    assert_eq!(
        v["result"]["result_error"]["50"]["error"],
        "ERROR_BATCH_LENGTH_EXCEEDED"
    );

    // Inner commands are recorded one by one.
    let calls = e.calls();
    let inner = calls
        .iter()
        .filter(|c| c.in_batch && c.method == "crm.deal.get")
        .count();
    assert!(inner >= 50 + 2 + 3);
    assert!(calls.iter().any(|c| c.method == "batch" && !c.in_batch));
}

#[tokio::test]
async fn oauth_token_endpoint_and_install() {
    let cap = Capture::default();
    let handler = cap.start().await;
    let e = Emulator::builder()
        .oauth_client("local.app.1", "secret")
        .seed_deals(5)
        .start()
        .await
        .unwrap();
    let app = e.oauth_app();
    assert_eq!(app.client_id, "local.app.1");
    let (s, v) = get(&format!(
        "{}?client_id=local.app.1&state=xyz",
        app.authorize_endpoint
    ))
    .await;
    assert_eq!(s, 200);
    assert_eq!(v["state"], "xyz");
    let code = v["code"].as_str().unwrap().to_owned();
    let (s, v) = get(&format!(
        "{}?grant_type=authorization_code&client_id=local.app.1&client_secret=secret&code={code}",
        app.token_endpoint
    ))
    .await;
    assert_eq!(s, 200);
    for k in [
        "access_token",
        "expires_in",
        "refresh_token",
        "member_id",
        "domain",
        "client_endpoint",
        "server_endpoint",
        "scope",
        "status",
    ] {
        assert!(v.get(k).is_some(), "{k} missing");
    }
    let refresh = v["refresh_token"].as_str().unwrap().to_owned();
    // The code is single use.
    let (s, v) = get(&format!(
        "{}?grant_type=authorization_code&client_id=local.app.1&client_secret=secret&code={code}",
        app.token_endpoint
    ))
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
    let (s, v) = post_form(
        &app.token_endpoint,
        &format!("grant_type=refresh_token&client_id=local.app.1&client_secret=secret&refresh_token={refresh}"),
    )
    .await;
    assert_eq!(s, 200);
    assert_ne!(v["refresh_token"], refresh.as_str());
    let access = v["access_token"].as_str().unwrap().to_owned();
    let (s, _) = get(&format!("{}crm.deal.get?id=1&auth={access}", e.rest_url())).await;
    assert_eq!(s, 200);
    // The old refresh token was rotated away.
    let (s, v) = post_form(
        &app.token_endpoint,
        &format!("grant_type=refresh_token&client_id=local.app.1&client_secret=secret&refresh_token={refresh}"),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_grant")));
    let (s, v) = post_form(
        &app.token_endpoint,
        "grant_type=refresh_token&client_id=local.app.1&client_secret=no",
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("invalid_client")));

    let pair = e.install(1, &format!("{handler}/install")).await.unwrap();
    let body = &cap.bodies("/install")[0];
    assert_eq!(body["event"], "ONAPPINSTALL");
    assert_eq!(body["auth"]["access_token"], pair.access_token.as_str());
    assert_eq!(body["auth"]["refresh_token"], pair.refresh_token.as_str());
    assert_eq!(
        body["auth"]["application_token"],
        app.application_token.as_str()
    );
    assert_eq!(body["auth"]["member_id"], pair.member_id.as_str());
    assert!(body["ts"].is_string());

    // The same from another language, over HTTP.
    let (s, v) = get(&format!(
        "{}/_emulator/install?handler={handler}/install2&user_id=1",
        e.base_url()
    ))
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        cap.bodies("/install2")[0]["auth"]["access_token"],
        v["access_token"]
    );
    let (s, _) = get(&format!("{}/_emulator/install", e.base_url())).await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn rest_events_online_and_offline() {
    let cap = Capture::default();
    let handler = cap.start().await;
    let e = Emulator::builder()
        .seed_deals(10)
        .outgoing_webhook(&format!("{handler}/outgoing"), &["ONCRMDEALUPDATE"])
        .start()
        .await
        .unwrap();
    let t = e.authorize(1, &[]);
    let rest = e.rest_url();
    // event.bind needs an app; a webhook gets WRONG_AUTH_TYPE.
    let (s, v) = post_json(
        &format!("{}event.bind", e.webhook_url()),
        &json!({"event": "ONCRMDEALADD", "handler": format!("{handler}/ev")}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (403, Some("WRONG_AUTH_TYPE")));
    let bind = |body: Value| common::post(format!("{rest}event.bind"), body);
    let (s, _) = bind(json!({"auth": t.access_token, "event": "ONCRMDEALADD", "handler": format!("{handler}/ev")})).await;
    assert_eq!(s, 200);
    let (s, v) = bind(json!({"auth": t.access_token, "event": "ONCRMDEALADD", "handler": format!("{handler}/ev")})).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("ERROR_HANDLER_ALREADY_EXIST"))
    );
    let (s, v) = bind(json!({"auth": t.access_token, "event": "ONNOTHING", "handler": "x"})).await;
    assert_eq!(
        (s, v["error"].as_str()),
        (400, Some("ERROR_EVENT_NOT_FOUND"))
    );
    let (s, _) =
        bind(json!({"auth": t.access_token, "event": "ONCRMDEALDELETE", "event_type": "offline"}))
            .await;
    assert_eq!(s, 200);
    let (_, v) = get(&format!("{rest}event.get?auth={}", t.access_token)).await;
    assert_eq!(v["result"].as_array().unwrap().len(), 2);

    // A deal added through the webhook reaches the app's handler.
    let (_, v) = post_json(
        &format!("{}crm.deal.add", e.webhook_url()),
        &json!({"fields": {"TITLE": "x"}}),
    )
    .await;
    let id = v["result"].as_u64().unwrap();
    post_json(
        &format!("{}crm.deal.update", e.webhook_url()),
        &json!({"id": 3, "fields": {"TITLE": "y"}}),
    )
    .await;
    get(&format!("{}crm.deal.delete?id=4", e.webhook_url())).await;
    e.wait_deliveries(2, Duration::from_secs(10)).await;
    let ev = &cap.bodies("/ev")[0];
    assert_eq!(ev["event"], "ONCRMDEALADD");
    assert_eq!(ev["data"]["FIELDS"]["ID"], id.to_string());
    assert!(
        ev["event_handler_id"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .is_ok()
    );
    assert!(ev["ts"].as_str().unwrap().parse::<u64>().is_ok());
    for k in [
        "access_token",
        "expires",
        "expires_in",
        "scope",
        "domain",
        "server_endpoint",
        "status",
        "client_endpoint",
        "member_id",
        "application_token",
    ] {
        assert!(ev["auth"].get(k).is_some(), "auth[{k}] missing");
    }
    assert_eq!(
        ev["auth"]["application_token"],
        e.oauth_app().application_token.as_str()
    );
    // The token in the event works.
    let (s, _) = get(&format!(
        "{rest}crm.deal.get?id=1&auth={}",
        ev["auth"]["access_token"].as_str().unwrap()
    ))
    .await;
    assert_eq!(s, 200);
    // The outgoing webhook gets only the portal keys.
    let out = &cap.bodies("/outgoing")[0];
    assert_eq!(out["event"], "ONCRMDEALUPDATE");
    let mut keys: Vec<&str> = out["auth"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "application_token",
            "client_endpoint",
            "domain",
            "member_id",
            "server_endpoint"
        ]
    );

    // The delete went to the offline queue.
    let (_, v) = post_json(
        &format!("{rest}event.offline.get"),
        &json!({"auth": t.access_token, "clear": 0}),
    )
    .await;
    let events = v["result"]["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["EVENT_NAME"], "ONCRMDEALDELETE");
    assert_eq!(events[0]["EVENT_DATA"]["FIELDS"]["ID"], "4");
    let pid = v["result"]["process_id"].as_str().unwrap().to_owned();
    let (_, v) = post_json(
        &format!("{rest}event.offline.list"),
        &json!({"auth": t.access_token}),
    )
    .await;
    assert_eq!(v["result"][0]["PROCESS_ID"], pid.as_str());
    let (_, v) = post_json(
        &format!("{rest}event.offline.clear"),
        &json!({"auth": t.access_token, "process_id": pid}),
    )
    .await;
    assert_eq!(v["result"], true);
    let (_, v) = post_json(
        &format!("{rest}event.offline.list"),
        &json!({"auth": t.access_token}),
    )
    .await;
    assert_eq!(v["total"], 0);
    let (_, v) = post_json(
        &format!("{rest}event.unbind"),
        &json!({"auth": t.access_token, "event": "ONCRMDEALADD", "handler": format!("{handler}/ev")}),
    )
    .await;
    assert_eq!(v["result"]["count"], 1);
}

#[tokio::test]
async fn placements_bind_validate_and_open() {
    let cap = Capture::default();
    let handler = cap.start().await;
    let e = Emulator::builder().start().await.unwrap();
    let mut ui = e.ui_events();
    let t = e.authorize(1, &[]);
    let rest = e.rest_url();
    let call = |m: &str, body: Value| common::post(format!("{rest}{m}"), body);
    let (s, v) = post_json(
        &format!("{}placement.bind", e.webhook_url()),
        &json!({"PLACEMENT": "CRM_DEAL_DETAIL_TAB", "HANDLER": "x"}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (403, Some("WRONG_AUTH_TYPE")));
    let (s, v) = call(
        "placement.bind",
        json!({"auth": t.access_token, "HANDLER": "x"}),
    )
    .await;
    assert_eq!(
        (s, v["error"].as_str(), v["argument"].as_str()),
        (200, Some("ERROR_ARGUMENT"), Some("PLACEMENT"))
    );
    let (_, v) = call(
        "placement.bind",
        json!({"auth": t.access_token, "PLACEMENT": "PAGE_BACKGROUND_WORKER", "HANDLER": "x"}),
    )
    .await;
    assert_eq!(v["error"], "EMPTY_ERROR_HANDLER_URL");
    let (_, v) = call("placement.bind", json!({"auth": t.access_token, "PLACEMENT": "CRM_DEAL_DETAIL_TAB", "HANDLER": "x", "USER_ID": 2})).await;
    assert_eq!(v["error"], "ERROR_PLACEMENT_USER_MODE");
    let pbw = json!({"auth": t.access_token, "PLACEMENT": "PAGE_BACKGROUND_WORKER",
                     "HANDLER": format!("{handler}/bg"), "OPTIONS": {"errorHandlerUrl": format!("{handler}/err")}});
    assert_eq!(call("placement.bind", pbw.clone()).await.1["result"], true);
    assert_eq!(
        call("placement.bind", pbw).await.1["error"],
        "ERROR_PLACEMENT_MAX_COUNT"
    );
    let (_, v) = call(
        "placement.bind",
        json!({"auth": t.access_token, "PLACEMENT": "CRM_DEAL_DETAIL_TAB",
        "HANDLER": format!("{handler}/tab"), "TITLE": "Tab"}),
    )
    .await;
    assert_eq!(v["result"], true);
    assert!(matches!(
        ui.recv().await.unwrap(),
        UiEvent::PlacementBound { .. }
    ));
    let (_, v) = call("placement.get", json!({"auth": t.access_token})).await;
    assert_eq!(v["result"].as_array().unwrap().len(), 2);
    assert_eq!(v["result"][1]["title"], "Tab");
    let (_, v) = call("placement.list", json!({"auth": t.access_token})).await;
    assert!(
        v["result"]
            .as_array()
            .unwrap()
            .contains(&json!("CRM_DEAL_DETAIL_TAB"))
    );

    let page = e
        .open_placement("CRM_DEAL_DETAIL_TAB", &json!({"ID": "7"}), 1)
        .await
        .unwrap();
    assert_eq!(page.status, 200);
    assert!(page.body.contains("handler page"));
    let form = &cap.bodies("/tab")[0];
    for k in [
        "DOMAIN",
        "PROTOCOL",
        "LANG",
        "APP_SID",
        "AUTH_ID",
        "AUTH_EXPIRES",
        "REFRESH_ID",
        "member_id",
        "status",
        "PLACEMENT",
        "PLACEMENT_OPTIONS",
    ] {
        assert!(form.get(k).is_some(), "{k} missing from {form}");
    }
    assert_eq!(form["PLACEMENT_OPTIONS"], "{\"ID\":\"7\"}");
    let (s, _) = get(&format!(
        "{rest}crm.deal.list?auth={}",
        form["AUTH_ID"].as_str().unwrap()
    ))
    .await;
    assert_eq!(s, 200);

    let (s, v) = call("placement.unbind", json!({"auth": t.access_token})).await;
    assert_eq!((s, v["error"].as_str()), (400, Some("ERROR_ARGUMENT")));
    let (s, v) = call(
        "placement.unbind",
        json!({"auth": t.access_token, "PLACEMENT": 5}),
    )
    .await;
    assert_eq!(
        (s, v["error_description"].as_str()),
        (
            400,
            Some("The value of an argument 'PLACEMENT' must be of type string")
        )
    );
    let (_, v) = call(
        "placement.unbind",
        json!({"auth": t.access_token, "PLACEMENT": "CRM_DEAL_DETAIL_TAB"}),
    )
    .await;
    assert_eq!(v["result"]["count"], 1);
}

/// A portal with 50 contacts and 3 users whose app has bound `events` to a
/// capturing handler at `/tel`.
async fn telephony_portal(events: &[&str]) -> (Capture, Emulator) {
    let cap = Capture::default();
    let handler = cap.start().await;
    let e = Emulator::builder()
        .seed_contacts(50)
        .seed_users(3)
        .start()
        .await
        .unwrap();
    let t = e.authorize(1, &[]);
    for ev in events {
        let (s, v) = common::post(
            format!("{}event.bind", e.rest_url()),
            json!({"event": ev, "handler": format!("{handler}/tel"), "auth": t.access_token}),
        )
        .await;
        assert_eq!(s, 200, "{v}");
    }
    (cap, e)
}

#[tokio::test]
async fn telephony_external_call() {
    let (cap, e) = telephony_portal(&["ONVOXIMPLANTCALLINIT", "ONVOXIMPLANTCALLEND"]).await;
    let mut ui = e.ui_events();
    let t = e.authorize(1, &[]);
    let rest = e.rest_url();
    let call = |m: &str, mut body: Value| {
        body["auth"] = json!(t.access_token);
        common::post(format!("{rest}{m}"), body)
    };
    let (s, v) = post_json(
        &format!("{}telephony.externalCall.register", e.webhook_url()),
        &json!({}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (403, Some("WRONG_AUTH_TYPE")));
    let (s, v) = call(
        "telephony.externalCall.register",
        json!({"PHONE_NUMBER": "+15550000001", "TYPE": 2}),
    )
    .await;
    assert_eq!((s, v["error"].as_str()), (400, Some("ERROR_CORE")));
    let (_, v) = call(
        "telephony.externalCall.register",
        json!({"USER_ID": 1, "PHONE_NUMBER": "+1", "TYPE": 9}),
    )
    .await;
    assert_eq!(v["error_description"], "Unknown TYPE");
    let (_, v) = call(
        "telephony.externalCall.register",
        json!({"USER_ID": 2, "PHONE_NUMBER": "+1 555 000 0042",
        "TYPE": 2, "CALL_START_DATE": "2026-03-07T10:20:30+03:00"}),
    )
    .await;
    let call_id = v["result"]["CALL_ID"].as_str().unwrap().to_owned();
    assert!(call_id.starts_with("externalCall."));
    assert_eq!(v["result"]["CRM_ENTITY_TYPE"], "CONTACT");
    assert_eq!(v["result"]["CRM_ENTITY_ID"], 42);
    match ui.recv().await.unwrap() {
        UiEvent::CallCardShow {
            call_id: c,
            user_ids,
            crm_entity,
            ..
        } => {
            assert_eq!(c, call_id);
            assert_eq!(user_ids, vec![2]);
            assert_eq!(crm_entity, Some(("CONTACT".into(), 42)));
        }
        other => panic!("unexpected {other:?}"),
    }
    let (_, v) = call(
        "telephony.externalCall.register",
        json!({"USER_ID": 1, "PHONE_NUMBER": "+4930123",
        "TYPE": 1, "CRM_CREATE": 1, "SHOW": 0}),
    )
    .await;
    assert_eq!(
        v["result"]["CRM_CREATED_ENTITIES"][0]["ENTITY_TYPE"],
        "LEAD"
    );
    let (_, v) = call(
        "telephony.externalCall.searchCrmEntities",
        json!({"PHONE_NUMBER": "+4930123"}),
    )
    .await;
    assert_eq!(v["result"][0]["CRM_ENTITY_TYPE"], "LEAD");
    let (_, v) = call(
        "telephony.externalCall.show",
        json!({"CALL_ID": call_id, "USER_ID": [1, 3]}),
    )
    .await;
    assert_eq!(v["result"], true);
    assert!(
        matches!(ui.recv().await.unwrap(), UiEvent::CallCardShow { user_ids, .. } if user_ids == vec![1, 3])
    );
    let (_, v) = call(
        "telephony.externalCall.attachRecord",
        json!({"CALL_ID": call_id, "FILENAME": "a.mp3", "RECORD_URL": "http://x/a.mp3"}),
    )
    .await;
    assert!(v["result"]["FILE_ID"].is_number());
    let (_, v) = call(
        "telephony.externalCall.finish",
        json!({"CALL_ID": call_id, "USER_ID": 2, "DURATION": 95}),
    )
    .await;
    assert_eq!(v["result"]["CALL_DURATION"], 95);
    assert_eq!(v["result"]["CALL_FAILED_CODE"], "200");
    assert!(matches!(
        ui.recv().await.unwrap(),
        UiEvent::CallCardHide { .. }
    ));
    e.wait_deliveries(3, Duration::from_secs(10)).await;
    let got: Vec<String> = cap
        .bodies("/tel")
        .iter()
        .map(|b| b["event"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        got,
        [
            "ONVOXIMPLANTCALLINIT",
            "ONVOXIMPLANTCALLINIT",
            "ONVOXIMPLANTCALLEND"
        ]
    );
    let init = &cap.bodies("/tel")[0];
    assert_eq!(init["data"]["CALL_ID"], call_id.as_str());
    assert_eq!(init["data"]["CALL_TYPE"], "2");
}

/// Click-to-call from the CRM: ONEXTERNALCALLSTART carries the fields the
/// telephony tutorial lists, and the app finishes that CALL_ID without
/// registering it (then ONVOXIMPLANTCALLEND follows).
#[tokio::test]
async fn click_to_call_sends_external_call_start() {
    let (cap, e) = telephony_portal(&["ONEXTERNALCALLSTART", "ONVOXIMPLANTCALLEND"]).await;
    let mut ui = e.ui_events();
    let t = e.authorize(1, &[]);
    let rest = e.rest_url();
    let call = |m: &str, mut body: Value| {
        body["auth"] = json!(t.access_token);
        common::post(format!("{rest}{m}"), body)
    };
    // A seeded contact's number finds the contact.
    let phone = b24_emulator::store::contact_phone(42);
    let call_id = e.click_to_call(2, &phone, None).unwrap();
    assert!(matches!(
        ui.recv().await.unwrap(),
        UiEvent::CallCardShow { call_type: 1, ref user_ids, .. } if *user_ids == vec![2]
    ));
    // Through the control endpoint, with an explicit entity.
    let (s, v) = post_json(
        &format!(
            "{}/_emulator/click_to_call?user_id=3&phone=%2B4930999&entity_type=lead&entity_id=7",
            e.base_url()
        ),
        &json!({}),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let second = v["CALL_ID"].as_str().unwrap().to_owned();
    assert!(e.click_to_call(99, &phone, None).is_err(), "unknown user");
    assert!(e.click_to_call(1, "no digits", None).is_err());

    let (_, v) = call(
        "telephony.externalCall.finish",
        json!({"CALL_ID": call_id, "USER_ID": 2, "DURATION": 12}),
    )
    .await;
    assert_eq!(v["result"]["CALL_DURATION"], 12, "{v}");
    e.wait_deliveries(3, Duration::from_secs(10)).await;
    let bodies = cap.bodies("/tel");
    let events: Vec<&str> = bodies
        .iter()
        .map(|b| b["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "ONEXTERNALCALLSTART",
            "ONEXTERNALCALLSTART",
            "ONVOXIMPLANTCALLEND"
        ]
    );
    let d = &bodies[0]["data"];
    assert_eq!(d["CALL_ID"], call_id.as_str());
    assert_eq!(d["PHONE_NUMBER"], phone.as_str());
    assert_eq!(d["USER_ID"], "2");
    assert_eq!(d["LINE_NUMBER"], "1");
    assert_eq!(d["CRM_ENTITY_TYPE"], "CONTACT");
    assert_eq!(d["CRM_ENTITY_ID"], "42");
    let d = &bodies[1]["data"];
    assert_eq!(d["CALL_ID"], second.as_str());
    assert_eq!(
        (&d["CRM_ENTITY_TYPE"], &d["CRM_ENTITY_ID"]),
        (&json!("LEAD"), &json!("7"))
    );
    assert_eq!(bodies[2]["data"]["CALL_ID"], call_id.as_str());
}

#[tokio::test]
async fn https_with_generated_ca() {
    let dir = std::env::temp_dir().join(format!("b24-emu-test-{}", std::process::id()));
    let e = Emulator::builder()
        .https(true)
        .cert_dir(&dir)
        .seed_deals(3)
        .start()
        .await
        .unwrap();
    assert!(e.base_url().starts_with("https://127.0.0.1:"));
    let pem = std::fs::read(e.cert_pem_path().unwrap()).unwrap();
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .build()
        .unwrap();
    let r = client
        .get(format!("{}crm.deal.get?id=2", e.webhook_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["result"]["ID"], "2");
    // Plain HTTP still answers on the same port.
    let plain = e.webhook_url().replace("https://", "http://");
    assert_eq!(get(&format!("{plain}crm.deal.get?id=1")).await.0, 200);
    let path = e.cert_pem_path().unwrap();
    e.shutdown().await;
    assert!(!path.exists(), "the CA file is removed on shutdown");
}

#[tokio::test]
async fn call_log_stays_small() {
    let e = Emulator::builder().start().await.unwrap();
    let big = "x".repeat(200 * 1024);
    let (s, _) = post_json(
        &format!("{}user.current", e.webhook_url()),
        &json!({"blob": big}),
    )
    .await;
    assert_eq!(s, 200);
    let last = e.calls().pop().unwrap();
    assert_eq!(last.params, json!({"_truncated": true}));
    let (_, _) = post_json(
        &format!("{}user.current", e.webhook_url()),
        &json!({"a": 1}),
    )
    .await;
    assert_eq!(e.calls().pop().unwrap().params, json!({"a": 1}));
}

#[tokio::test]
async fn key_order_is_kept_for_cmd_and_order() {
    let e = emu().await;
    let url = format!("{}batch", e.webhook_url());
    // req_10 refers to req_9: a sorted map would run req_10 before req_9.
    let mut cmd = serde_json::Map::new();
    cmd.insert(
        "req_0".into(),
        json!("crm.deal.list?select[]=ID&order[ID]=ASC&start=-1"),
    );
    for i in 1..=11 {
        cmd.insert(
            format!("req_{i}"),
            json!(format!("crm.deal.list?select[]=ID&order[ID]=ASC&start=-1&filter[>ID]=$result[req_{}][49][ID]", i - 1)),
        );
    }
    // JSON text by hand, so the key order on the wire is certain.
    let body = format!(
        "{{\"halt\":0,\"cmd\":{{{}}}}}",
        (0..=11)
            .map(|i| format!("\"req_{i}\":{}", cmd[&format!("req_{i}")]))
            .collect::<Vec<_>>()
            .join(",")
    );
    let r = reqwest::Client::new()
        .post(&url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v["result"]["result"]["req_11"][0]["ID"], "551",
        "{}",
        v["result"]["result_error"]
    );
    // The same as a form body.
    let form: Vec<String> = (0..=11)
        .map(|i| {
            format!(
                "cmd[req_{i}]={}",
                urlencode(cmd[&format!("req_{i}")].as_str().unwrap())
            )
        })
        .collect();
    let (_, v) = post_form(&url, &form.join("&")).await;
    assert_eq!(v["result"]["result"]["req_11"][0]["ID"], "551");

    // `order` keys keep their precedence: TYPE_ID first, then ID descending.
    let (_, v) = post_form(
        &format!("{}crm.deal.list", e.webhook_url()),
        "order[TYPE_ID]=ASC&order[ID]=DESC&select[]=ID&select[]=TYPE_ID&filter[%3C%3DID]=20",
    )
    .await;
    let rows = v["result"].as_array().unwrap();
    let first_type = rows[0]["TYPE_ID"].as_str().unwrap().to_owned();
    assert_eq!(first_type, "COMPLEX", "alphabetically first type leads");
    let ids: Vec<u64> = rows
        .iter()
        .take_while(|r| r["TYPE_ID"] == first_type.as_str())
        .map(|r| r["ID"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "{ids:?}");
    // As JSON text, so the key order on the wire is certain.
    let r = reqwest::Client::new()
        .post(format!("{}crm.deal.list", e.webhook_url()))
        .header("content-type", "application/json")
        .body(r#"{"order": {"TYPE_ID": "ASC", "ID": "DESC"}, "select": ["ID", "TYPE_ID"], "filter": {"<=ID": 20}}"#)
        .send()
        .await
        .unwrap();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["result"][0]["TYPE_ID"], "COMPLEX");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
