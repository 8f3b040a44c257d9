//! The background loop waits between syncs, also once nobody can ask for "Sync now" any more.
use clinic_store::clock::{SequentialIds, SystemClock};
use clinic_store::key::StoreKey;
use clinic_store::Store;
use clinic_sync::scheduler::{run_background, Schedule, SyncEvent};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, watch};

#[tokio::test(start_paused = true)]
async fn a_closed_sync_now_channel_does_not_make_the_loop_spin() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(
        &dir.path().join("clinic.db"),
        &StoreKey::generate().unwrap(),
        Arc::new(SystemClock),
        Arc::new(SequentialIds::new(1)),
    )
    .unwrap();
    let store = Mutex::new(store);
    let (now_tx, now_rx) = mpsc::channel(1);
    drop(now_tx);
    let (stop_tx, stop_rx) = watch::channel(false);
    let stopper = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(60)).await;
        let _ = stop_tx.send(true);
    });
    let mut failures = 0;
    let runs = run_background(&store, Schedule::default(), now_rx, stop_rx, |e| {
        if let SyncEvent::Finished(Err(_)) = e {
            failures += 1;
        }
    })
    .await;
    stopper.await.unwrap();
    // Not connected: every run fails, and the backoff (5 s doubling, jittered, at least 1 s)
    // allows only a handful of runs in a minute.
    assert!((1..=20).contains(&runs), "{runs} runs in one minute");
    assert_eq!(failures, runs);
}
