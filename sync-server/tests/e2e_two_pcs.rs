//! Two PCs of one clinic and the real server, over real HTTP: offline edits on both, concurrent
//! edits of the same field, syncs in both orders; a new PC bootstrapping; the CLI's connect/sync.
mod client_support;
mod support;

use client_support::*;
use clinic_sync::{Progress, SyncErrorKind};
use support::TestServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_pcs_edit_offline_and_converge_in_either_order() {
    let server = TestServer::start().await;
    let a = Pc::offline("ALPHA", "A1");
    let ra = a.connect(&server, "ALPHA").await.expect("A connects");
    assert!(!ra.joined);
    assert_eq!(ra.device_code, "A1", "an offline PC keeps its device code");
    let b = Pc::empty();
    let rb = b.connect(&server, "ALPHA").await.expect("B joins");
    assert!(rb.joined);
    assert_ne!(rb.device_code, "A1");
    assert_eq!(rb.sync.bootstrapped_records, 1, "A's administrator");
    // B has no local administrator: it logs in with the clinic's.
    b.actor();

    // Registered on A, seen on B.
    let id = a.register("Amina");
    let up = a.sync().await.unwrap();
    assert_eq!((up.pushed, up.rejected), (1, 0));
    let down = b.sync().await.unwrap();
    assert_eq!(down.pulled, 1);
    assert_eq!(b.patient(id).given_name, "Amina");

    // Offline: B edits the phone, A the address; then both the same field.
    b.edit(id, |p| p.phone = "0772 111222".into());
    a.edit(id, |p| p.address = "Ntinda".into());
    a.edit(id, |p| p.national_id = "CM1111".into());
    b.edit(id, |p| p.national_id = "CM2222".into());
    let b_only = b.register("Grace");
    assert_eq!(b.pending(), 3);

    // A first, then B, then A again.
    a.sync().await.unwrap();
    let rb = b.sync().await.unwrap();
    // B's 3 changes, then the sync issue B found for the concurrent national ID while pulling.
    assert_eq!((rb.pushed, rb.pulled), (4, 2));
    assert_eq!(b.pending(), 0);
    a.sync().await.unwrap();
    assert_converged(&server, "ALPHA", &[&a, &b]).await;
    let pa = a.patient(id);
    assert_eq!(
        (pa.phone.as_str(), pa.address.as_str()),
        ("0772 111222", "Ntinda")
    );
    assert!(["CM1111", "CM2222"].contains(&pa.national_id.as_str()));
    assert_eq!(a.patient(b_only).given_name, "Grace");

    // The other order: B first.
    a.edit(id, |p| p.phone = "0700 000001".into());
    b.edit(id, |p| p.phone = "0700 000002".into());
    b.delete(b_only);
    b.sync().await.unwrap();
    a.sync().await.unwrap();
    b.sync().await.unwrap();
    assert_converged(&server, "ALPHA", &[&a, &b]).await;
    assert!(a.patient(b_only).deleted);

    // Nothing to do: nothing moves, one request's worth of work.
    let idle = a.sync().await.unwrap();
    assert_eq!((idle.pushed, idle.pulled, idle.rejected), (0, 0, 0));
    let status = a.with(|s| clinic_sync::SyncStatus::read(s, false)).unwrap();
    assert!(status.connected && status.online && status.last_error.is_none());
    assert_eq!(status.pending_changes, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_pc_bootstraps_from_snapshots_with_progress() {
    let server = TestServer::start().await;
    let a = Pc::offline("ALPHA", "A1");
    let actor = a.actor();
    let inputs: Vec<_> = (0..120)
        .map(|i| input(&format!("Given{i}"), "Batch"))
        .collect();
    a.with(|s| {
        s.register_patients(&actor, &inputs, clinic_domain::ChangeSource::Import)
            .map(|_| ())
    })
    .unwrap();
    a.connect(&server, "ALPHA").await.unwrap();
    assert_eq!(a.pending(), 0);

    let mut c = Pc::empty();
    c.options.snapshot_limit = 50;
    let code = server
        .main
        .server
        .admin()
        .issue_enrollment_code("ALPHA")
        .await
        .unwrap();
    let mut seen: Vec<Progress> = Vec::new();
    let report = clinic_sync::connect(
        &c.store,
        &server.main.base,
        &code,
        "new PC",
        &c.options,
        &mut |p| seen.push(p),
    )
    .await
    .unwrap();
    assert_eq!(report.sync.bootstrapped_records, 121);
    assert_eq!(seen.len(), 3, "one call per page: {seen:?}");
    assert_eq!(
        seen.last().unwrap(),
        &Progress {
            done: 121,
            total: 121
        }
    );
    assert_eq!(c.pending(), 0, "nothing from the bootstrap goes back up");
    c.actor();
    assert_converged(&server, "ALPHA", &[&a, &c]).await;
    // And it keeps up afterwards.
    let id = a.register("Late");
    a.sync().await.unwrap();
    assert_eq!(c.sync().await.unwrap().pulled, 1);
    assert_eq!(c.patient(id).given_name, "Late");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoked_pcs_and_wrong_codes_get_plain_errors() {
    let server = TestServer::start().await;
    let a = Pc::offline("ALPHA", "A1");
    a.connect(&server, "ALPHA").await.unwrap();
    let device_id = a.with(|s| s.device()).unwrap().id;
    server
        .main
        .server
        .admin()
        .revoke_device(device_id)
        .await
        .unwrap();
    let e = a.sync().await.unwrap_err();
    assert_eq!(e.kind, SyncErrorKind::Revoked, "{e}");
    assert!(e.to_string().contains("new enrollment code"));
    let status = a.with(|s| clinic_sync::SyncStatus::read(s, false)).unwrap();
    assert_eq!(status.last_error.unwrap().code, "revoked");

    let b = Pc::empty();
    let bad = clinic_sync::connect(
        &b.store,
        &server.main.base,
        "NOPE-NOPE",
        "x",
        &b.options,
        &mut |_| {},
    )
    .await
    .unwrap_err();
    assert_eq!(bad.kind, SyncErrorKind::EnrollmentCode, "{bad}");
    assert!(!b.with(|s| s.is_initialized()).unwrap(), "nothing set up");

    // A PC of another clinic is refused.
    server
        .main
        .server
        .admin()
        .create_clinic("BETA", "Beta")
        .await
        .unwrap();
    let other = Pc::offline("GAMMA", "G1");
    let e = other.connect(&server, "BETA").await.unwrap_err();
    assert_eq!(e.kind, SyncErrorKind::WrongClinic, "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_background_loop_syncs_on_its_timer_and_on_sync_now_and_stops() {
    use clinic_sync::scheduler::{run_background, Schedule, SyncEvent};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    let server = TestServer::start().await;
    let a = Arc::new(Pc::offline("ALPHA", "A1"));
    a.connect(&server, "ALPHA").await.unwrap();
    let (now_tx, now_rx) = tokio::sync::mpsc::channel(1);
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let events: Arc<Mutex<Vec<String>>> = Arc::default();
    let schedule = Schedule {
        interval: Duration::from_secs(3600),
        ..Schedule::default()
    };
    let looping = {
        let (a, events) = (a.clone(), events.clone());
        tokio::spawn(async move {
            run_background(&a.store, schedule, now_rx, stop_rx, |e| {
                let label = match e {
                    SyncEvent::Started => "started".to_string(),
                    SyncEvent::Progress(_) => "progress".to_string(),
                    SyncEvent::Finished(r) => format!("finished ok={}", r.is_ok()),
                };
                events.lock().unwrap().push(label);
            })
            .await
        })
    };
    // The first sync runs at once.
    let finished = |n: usize| {
        let events = events.clone();
        async move {
            for _ in 0..400 {
                if events
                    .lock()
                    .unwrap()
                    .iter()
                    .filter(|e| e.starts_with("finished"))
                    .count()
                    >= n
                {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            panic!("no sync finished: {:?}", events.lock().unwrap());
        }
    };
    finished(1).await;
    a.register("Queued");
    assert_eq!(a.pending(), 1);
    // "Sync now" does not wait for the hour-long timer.
    now_tx.send(()).await.unwrap();
    finished(2).await;
    assert_eq!(a.pending(), 0);
    stop_tx.send(true).unwrap();
    let runs = tokio::time::timeout(Duration::from_secs(5), looping)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(runs, 2);
    assert!(events
        .lock()
        .unwrap()
        .iter()
        .all(|e| e != "finished ok=false"));
}
