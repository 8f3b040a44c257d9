//! Keeps the sync benchmark from rotting: runs it at a tiny size against the real server and a real
//! PostgreSQL (only when DATABASE_URL is set) and checks the counts. No timing is asserted.
use clinic_bench::{run_sync, SyncConfig};

#[test]
fn tiny_sync_run_moves_every_record() {
    let Some(url) = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) else {
        eprintln!("DATABASE_URL is not set: skipping the sync bench smoke test");
        return;
    };
    let cfg = SyncConfig::tiny(50, &url);
    let r = run_sync(&cfg, &mut |_| {}).expect("the sync bench runs");

    assert_eq!(r.records, 50);
    // 4. PC A pushed every patient (plus its administrator's user record).
    assert!(r.merge.pushed >= 50, "pushed {}", r.merge.pushed);
    assert!(r.merge.bytes_up > 0 && r.merge.bytes_down > 0);
    assert!(
        r.merge.server_merge > std::time::Duration::ZERO,
        "read /metrics"
    );
    // 3. PC B received all 50 patients.
    assert_eq!(r.bootstrap.patients, 50);
    assert!(r.bootstrap.records >= 50);
    assert!(r.bootstrap.bytes_down > 0);
    // 1. every edit went up and came down, and the baseline applied the same changes.
    let rt = &r.round_trip;
    assert_eq!(rt.edits, 50);
    assert_eq!(rt.pushed, 50);
    assert_eq!(rt.pulled, 50);
    assert_eq!(rt.baseline_applied, 50);
    assert!(rt.bytes > 0);
    assert!(rt.server_merge > std::time::Duration::ZERO);
    // 2. syncs with nothing to do moved nothing.
    assert_eq!(r.noop.a.n, 3);
    assert_eq!(r.noop.b.n, 3);
    assert_eq!(r.noop.not_empty, 0);
    assert!(r.noop.bytes_max > 0);
    // 5. the day: each visit is one change (new patients also their registration), pushed once
    //    and pulled by the other PC.
    let d = &r.day;
    assert_eq!(d.new_patients, 4);
    assert_eq!(d.visits, 10);
    assert_eq!(d.syncs, 2 * 4 + 1);
    // 10 edits + 4 registrations, plus any sync issue a PC raised (a likely duplicate).
    assert!(d.pushed >= 14, "pushed {}", d.pushed);
    assert!(d.pulled >= 14, "pulled {}", d.pulled);
    assert!(d.bytes() > 0);
    assert!(r.converged, "PC A and PC B hold the same records");

    let md = r.markdown();
    assert!(md.contains("| benchmark | result | goal | met? |"));
    assert_eq!(
        md.matches("| met |").count() + md.matches("**missed**").count(),
        6
    );
}
