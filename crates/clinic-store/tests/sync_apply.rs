//! The store side of sync: sync state, pulled pages applied with their cursor in one transaction,
//! snapshots merged, and a new PC joining a clinic from snapshots alone.
mod common;

use automerge::AutoCommit;
use clinic_domain::sync::{PulledChange, SnapshotRecord};
use clinic_domain::{ChangeSource, RecordKind};
use clinic_store::Store;
use common::*;
use std::collections::BTreeMap;
use uuid::Uuid;

/// What a server would send for `from`'s own changes: a pull page with sequence numbers from 1.
fn page_of(from: &Store) -> Vec<PulledChange> {
    from.changes_since(0, u32::MAX, true)
        .unwrap()
        .into_iter()
        .enumerate()
        .map(|(i, c)| PulledChange {
            seq: i as i64 + 1,
            record_id: c.record_id,
            kind: c.kind,
            change: c.bytes.into(),
        })
        .collect()
}

/// What a server would send as snapshots of every record of `from`: saved whole documents.
fn snapshots_of(from: &Store) -> Vec<SnapshotRecord> {
    let mut docs: BTreeMap<Uuid, (RecordKind, Vec<u8>)> = BTreeMap::new();
    for c in from.changes_since(0, u32::MAX, false).unwrap() {
        docs.entry(c.record_id)
            .or_insert((c.kind, Vec::new()))
            .1
            .extend(c.bytes);
    }
    docs.into_iter()
        .map(|(id, (kind, bytes))| SnapshotRecord {
            id,
            kind,
            doc: AutoCommit::load(&bytes).unwrap().save().into(),
        })
        .collect()
}

fn register(t: &mut TestStore, given: &str) -> Uuid {
    let admin = t.admin.clone();
    let v = t
        .store
        .register_patient(
            &admin,
            &patient(given, "Nakato", "1990-04-12"),
            ChangeSource::Ui,
        )
        .unwrap();
    Uuid::parse_str(&v.id).unwrap()
}

#[test]
fn pending_counts_only_local_changes_after_the_push_cursor() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let base = a.store.pending_changes().unwrap();
    assert_eq!(base, 1, "the administrator's creation waits to go up");
    register(&mut a, "Amina");
    register(&mut a, "Grace");
    assert_eq!(a.store.pending_changes().unwrap(), 3);
    let newest = a.store.newest_local_seq().unwrap();
    a.store.set_push_cursor(newest).unwrap();
    assert_eq!(a.store.pending_changes().unwrap(), 0);
    // Changes that came by sync never count.
    register(&mut b, "Esther");
    a.store.apply_pulled(&page_of(&b.store), 7).unwrap();
    assert_eq!(a.store.pending_changes().unwrap(), 0);
    assert_eq!(a.store.sync_state().unwrap().pull_cursor, 7);
}

#[test]
fn a_pulled_page_and_its_cursor_land_together_and_twice_changes_nothing() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let id = register(&mut b, "Amina");
    let page = page_of(&b.store);
    let applied = a.store.apply_pulled(&page, 2).unwrap();
    assert_eq!(applied.new_changes, page.len());
    let after_once = counts(&a.store);
    let digests = a.store.record_digests().unwrap();
    // Delivered again (a crash after the commit, before anything else): nothing doubles.
    let again = a.store.apply_pulled(&page, 2).unwrap();
    assert_eq!(again.new_changes, 0);
    assert_eq!(counts(&a.store), after_once);
    assert_eq!(a.store.record_digests().unwrap(), digests);
    let admin = a.admin.clone();
    assert_eq!(
        a.store.open_patient(&admin, id).unwrap().patient.given_name,
        "Amina"
    );
}

#[test]
fn a_bad_change_in_a_page_writes_nothing_not_even_the_cursor() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    register(&mut b, "Amina");
    let mut page = page_of(&b.store);
    page.push(PulledChange {
        seq: 99,
        record_id: Uuid::nil(),
        kind: RecordKind::Patient,
        change: vec![1, 2, 3].into(),
    });
    let before = counts(&a.store);
    assert!(a.store.apply_pulled(&page, 99).is_err());
    assert_eq!(counts(&a.store), before);
    assert_eq!(a.store.sync_state().unwrap().pull_cursor, 0);
}

#[test]
fn snapshots_merge_into_existing_records_and_log_only_new_changes() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let id = register(&mut b, "Amina");
    a.store.apply_pulled(&page_of(&b.store), 1).unwrap();
    let ba = b.admin.clone();
    let mut input = patient("Amina", "Nakato", "1990-04-12");
    input.phone = "0772 000111".into();
    b.store.update_patient(&ba, id, &input).unwrap();
    let snaps = snapshots_of(&b.store);
    let log_before = a.store.count_rows("change_log").unwrap();
    a.store.apply_snapshot_page(&snaps).unwrap();
    // Everything but the phone edit came with the pulled page.
    assert_eq!(a.store.count_rows("change_log").unwrap(), log_before + 1);
    let aa = a.admin.clone();
    assert_eq!(
        a.store.open_patient(&aa, id).unwrap().patient.phone,
        "0772 000111"
    );
    assert_eq!(
        a.store.sync_state().unwrap().bootstrap_after_id,
        snaps.last().map(|s| s.id)
    );
    // Once more: nothing new.
    let log = a.store.count_rows("change_log").unwrap();
    let patient = snaps.iter().find(|s| s.id == id).unwrap();
    assert_eq!(
        a.store
            .apply_snapshot(patient.kind, id, &patient.doc.0)
            .unwrap(),
        0
    );
    assert_eq!(a.store.count_rows("change_log").unwrap(), log);
    // Not a document: refused, nothing written.
    let before = counts(&a.store);
    assert!(a
        .store
        .apply_snapshot(RecordKind::Patient, Uuid::nil(), b"junk")
        .is_err());
    assert_eq!(counts(&a.store), before);
}

#[test]
fn a_new_pc_joins_from_snapshots_and_its_users_log_in() {
    let mut b = store_on("B2", 2);
    for name in ["Amina", "Grace", "Esther"] {
        register(&mut b, name);
    }
    let dir = tempfile::tempdir().unwrap();
    let key = clinic_store::key::StoreKey::generate().unwrap();
    let (mut fresh, _) = open(&dir.path().join("clinic.db"), &key, 9);
    let device_id = fresh.ensure_device_id().unwrap();
    fresh
        .initialize_joined("KLA", "Kampala Road Clinic", "C3")
        .unwrap();
    assert!(
        fresh.initialize_joined("KLA", "x", "C4").is_err(),
        "only once"
    );
    assert_eq!(fresh.device().unwrap().id, device_id);
    assert_eq!(fresh.clinic().unwrap().device_code, "C3");
    fresh.apply_snapshot_page(&snapshots_of(&b.store)).unwrap();
    fresh.finish_bootstrap(42).unwrap();
    let state = fresh.sync_state().unwrap();
    assert!(state.bootstrapped && state.pull_cursor == 42 && state.bootstrap_after_id.is_none());
    assert_eq!(
        fresh.pending_changes().unwrap(),
        0,
        "nothing from a snapshot goes back up"
    );
    for kind in RecordKind::ALL {
        assert_eq!(
            fresh.projection_rows(kind).unwrap(),
            b.store.projection_rows(kind).unwrap()
        );
    }
    assert_eq!(
        fresh.record_digests().unwrap(),
        b.store.record_digests().unwrap()
    );
    let (actor, _) = fresh.authenticate("admin", PASSWORD).unwrap();
    assert_eq!(actor.device_id, device_id);
    // A store with records keeps its device code on enrollment.
    assert!(!fresh.adopt_device_code("D4").unwrap());
    assert_eq!(fresh.clinic().unwrap().device_code, "C3");
}

#[test]
fn sync_state_round_trips_and_a_headless_token_stays_in_the_store() {
    let mut a = store_on("A1", 1);
    assert!(!a.store.sync_state().unwrap().connected());
    let clinic = Uuid::from_u128(5);
    a.store
        .set_sync_connection("https://sync.example.org/", clinic)
        .unwrap();
    a.store.save_sync_token("tok-123").unwrap();
    a.store.set_push_cursor(3).unwrap();
    a.store.add_rejected(2).unwrap();
    a.store.add_rejected(1).unwrap();
    a.store
        .record_sync_error("offline", "cannot reach the central server")
        .unwrap();
    let s = a.store.sync_state().unwrap();
    assert_eq!(s.server_url.as_deref(), Some("https://sync.example.org/"));
    assert_eq!(
        (s.clinic_id, s.push_cursor, s.rejected),
        (Some(clinic), 3, 3)
    );
    assert_eq!(s.last_error.unwrap().code, "offline");
    assert!(s.last_success_at.is_none());
    a.store.record_sync_success().unwrap();
    let s = a.store.sync_state().unwrap();
    assert!(s.last_error.is_none() && s.last_success_at.is_some());
    drop(a.store);
    let (reopened, _) = open(&a.path, &a.key, 3);
    assert_eq!(reopened.sync_token().unwrap().as_deref(), Some("tok-123"));
    // Never in clear in the file.
    let raw = std::fs::read(&a.path).unwrap();
    assert!(!raw.windows(7).any(|w| w == b"tok-123"));
}
