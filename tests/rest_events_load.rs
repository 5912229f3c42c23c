//! 10,000 REST event deliveries, 200 at a time, 2,000 of them resends of an
//! earlier delivery: every one is answered 200, every deal is handled, and
//! none is handled twice. (Speed is measured by `benches/event_delivery.rs`.)

mod event_load;

use event_load::{deliver, schedule, start_app, wait_handled};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_deliveries_none_lost_none_twice() {
    const UNIQUE: i64 = 8_000;
    const DUPS: i64 = 2_000;
    let (url, handled) = start_app(16_384).await;
    let order = schedule(UNIQUE, DUPS);
    assert_eq!(order.len(), 10_000);

    let answers = deliver(&url, &order, 200).await;
    assert_eq!(answers.len(), 10_000);
    let refused: Vec<u16> = answers
        .iter()
        .map(|(s, _)| *s)
        .filter(|s| *s != 200)
        .collect();
    assert!(refused.is_empty(), "statuses other than 200: {refused:?}");

    // Dispatch runs on spawned tasks after the answer: wait for all.
    wait_handled(&handled, UNIQUE as usize).await;
    let handled = handled.lock().unwrap();
    let lost: Vec<i64> = (1..=UNIQUE)
        .filter(|id| !handled.contains_key(id))
        .collect();
    assert!(lost.is_empty(), "lost: {lost:?}");
    let twice: Vec<(&i64, &u32)> = handled.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "handled more than once: {twice:?}");
    assert_eq!(handled.len(), UNIQUE as usize);
}
