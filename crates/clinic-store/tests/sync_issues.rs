//! The "Sync issues" inbox: concurrent edits of one field and likely duplicates registered on two
//! PCs are found when changes are exchanged, become the same issue record on both PCs, and are
//! resolved (pick a value, merge and unmerge, dismiss) by normal edits that sync.
mod common;

use clinic_domain::patient::PatientInput;
use clinic_domain::sync_issue::{SyncIssueKind, SyncIssueStatus};
use clinic_domain::{Actor, ChangeSource, Role};
use clinic_store::sync_issues::SyncIssueView;
use clinic_store::{Error, Store};
use common::*;
use uuid::Uuid;

/// Ships every change `from` has made itself (not ones it got by sync) to `to`.
fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}

fn both_ways(a: &mut TestStore, b: &mut TestStore) {
    exchange(&a.store, &mut b.store);
    exchange(&b.store, &mut a.store);
}

fn open_issues(t: &TestStore) -> Vec<SyncIssueView> {
    t.store
        .sync_issues(&t.admin, Some(SyncIssueStatus::Open))
        .unwrap()
}

fn as_role(t: &TestStore, role: Role) -> Actor {
    Actor {
        role,
        ..t.admin.clone()
    }
}

fn with_phone(p: &PatientInput, phone: &str) -> PatientInput {
    PatientInput {
        phone: phone.into(),
        ..p.clone()
    }
}

/// A patient registered on A and known to B, then its phone edited on both PCs offline.
fn concurrent_phone_edit() -> (TestStore, TestStore, Uuid) {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let base = patient("Amina", "Nakato", "1990-04-12");
    let v = a
        .store
        .register_patient(&a.admin, &base, ChangeSource::Ui)
        .unwrap();
    let id = Uuid::parse_str(&v.id).unwrap();
    exchange(&a.store, &mut b.store);
    let (aa, ba) = (a.admin.clone(), b.admin.clone());
    a.store
        .update_patient(&aa, id, &with_phone(&base, "+256 700 111111"))
        .unwrap();
    b.store
        .update_patient(&ba, id, &with_phone(&base, "+256 700 222222"))
        .unwrap();
    both_ways(&mut a, &mut b);
    (a, b, id)
}

#[test]
fn concurrent_edit_is_one_open_issue_on_both_pcs_with_the_same_id() {
    let (mut a, mut b, id) = concurrent_phone_edit();
    let (ia, ib) = (open_issues(&a), open_issues(&b));
    assert_eq!(ia.len(), 1, "{ia:?}");
    assert_eq!(ib.len(), 1, "{ib:?}");
    assert_eq!(ia[0].id, ib[0].id, "found on both PCs, one record");
    let issue = &ia[0];
    assert_eq!(issue.kind, SyncIssueKind::FieldConflict);
    assert_eq!(issue.field, "phone");
    assert_eq!(issue.patients[0].id, id.to_string());
    let mut values: Vec<&str> = issue.options.iter().map(|o| o.value.as_str()).collect();
    values.sort();
    assert_eq!(values, ["+256 700 111111", "+256 700 222222"]);
    assert!(issue.options.iter().all(|o| o.username == "admin"));
    // Exchanging again (the issue record itself travels too) changes nothing.
    both_ways(&mut a, &mut b);
    assert_eq!(a.store.count_rows("sync_issues").unwrap(), 1);
    assert_eq!(b.store.count_rows("sync_issues").unwrap(), 1);
    assert_eq!(
        a.store.record_digests().unwrap(),
        b.store.record_digests().unwrap()
    );
}

#[test]
fn picking_a_value_writes_it_and_resolves_the_issue_on_both_pcs() {
    let (mut a, mut b, id) = concurrent_phone_edit();
    let issue = open_issues(&a).remove(0);
    let pick = issue
        .options
        .iter()
        .position(|o| o.value == "+256 700 222222")
        .unwrap();
    let issue_id = Uuid::parse_str(&issue.id).unwrap();
    let aa = a.admin.clone();
    a.store.resolve_conflict(&aa, issue_id, pick).unwrap();
    let on_a = a.store.open_patient(&aa, id).unwrap();
    assert_eq!(on_a.patient.phone, "+256 700 222222");
    assert!(on_a.conflicts.is_empty(), "the pick replaces every value");
    both_ways(&mut a, &mut b);
    let ba = b.admin.clone();
    let on_b = b.store.open_patient(&ba, id).unwrap();
    assert_eq!(on_b.patient.phone, "+256 700 222222");
    assert!(on_b.conflicts.is_empty());
    for t in [&a, &b] {
        assert!(open_issues(t).is_empty());
        let all = t.store.sync_issues(&t.admin, None).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].status, SyncIssueStatus::Resolved);
        assert_eq!(all[0].status_by, "admin");
        assert_eq!(all[0].resolution, format!("picked:{pick}"));
    }
    // Resolving again is a field error.
    let again = a.store.resolve_conflict(&aa, issue_id, pick).unwrap_err();
    assert!(matches!(again, Error::Invalid(_)), "{again:?}");
}

/// The same person registered on A and on B before the PCs synced.
fn duplicates_on_two_pcs() -> (TestStore, TestStore, Uuid, Uuid) {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let p = patient("Grace", "Achieng", "1985-02-03");
    let (aa, ba) = (a.admin.clone(), b.admin.clone());
    let on_a = a.store.register_patient(&aa, &p, ChangeSource::Ui).unwrap();
    let on_b = b.store.register_patient(&ba, &p, ChangeSource::Ui).unwrap();
    both_ways(&mut a, &mut b);
    let ida = Uuid::parse_str(&on_a.id).unwrap();
    let idb = Uuid::parse_str(&on_b.id).unwrap();
    (a, b, ida, idb)
}

#[test]
fn duplicates_registered_on_two_pcs_are_one_likely_duplicate_issue() {
    let (a, b, ida, idb) = duplicates_on_two_pcs();
    let (ia, ib) = (open_issues(&a), open_issues(&b));
    assert_eq!(ia.len(), 1, "{ia:?}");
    assert_eq!(ib.len(), 1, "{ib:?}");
    assert_eq!(ia[0].id, ib[0].id);
    assert_eq!(ia[0].kind, SyncIssueKind::LikelyDuplicate);
    assert_eq!(ia[0].reasons, ["name_and_birth_date"]);
    let mut ids: Vec<String> = ia[0].patients.iter().map(|p| p.id.clone()).collect();
    ids.sort();
    let mut want = vec![ida.to_string(), idb.to_string()];
    want.sort();
    assert_eq!(ids, want);
    assert_eq!(a.store.open_sync_issue_count(&a.admin).unwrap(), 1);
}

#[test]
fn merge_hides_the_merged_patient_and_unmerge_brings_it_back_on_both_pcs() {
    let (mut a, mut b, ida, idb) = duplicates_on_two_pcs();
    let issue_id = Uuid::parse_str(&open_issues(&a)[0].id).unwrap();
    let clerk = as_role(&a, Role::Receptionist);
    a.store.merge_patients(&clerk, issue_id, ida, idb).unwrap();
    let found = a.store.search_patients(&clerk, "grace", false, 10).unwrap();
    assert_eq!(found.iter().map(|p| p.id).collect::<Vec<_>>(), [ida]);
    let merged = a.store.open_patient(&clerk, idb).unwrap();
    assert_eq!(merged.patient.merged_into, ida.to_string());
    let kept = a.store.open_patient(&clerk, ida).unwrap();
    assert!(kept.patient.merged_into.is_empty());
    both_ways(&mut a, &mut b);
    let ba = b.admin.clone();
    let on_b = b.store.search_patients(&ba, "grace", false, 10).unwrap();
    assert_eq!(on_b.iter().map(|p| p.id).collect::<Vec<_>>(), [ida]);
    assert!(open_issues(&b).is_empty(), "resolved on B too");

    b.store.unmerge_patient(&ba, idb).unwrap();
    both_ways(&mut a, &mut b);
    for t in [&a, &b] {
        let found = t
            .store
            .search_patients(&t.admin, "grace", false, 10)
            .unwrap();
        assert_eq!(found.len(), 2, "back in search on every PC");
    }
    assert_eq!(
        a.store
            .projection_rows(clinic_domain::RecordKind::Patient)
            .unwrap(),
        b.store
            .projection_rows(clinic_domain::RecordKind::Patient)
            .unwrap()
    );
}

#[test]
fn dismiss_closes_the_issue_without_touching_patients() {
    let (mut a, mut b, _, _) = duplicates_on_two_pcs();
    let issue_id = Uuid::parse_str(&open_issues(&a)[0].id).unwrap();
    let doctor = as_role(&a, Role::Doctor);
    let before = a.store.count_rows("patients").unwrap();
    a.store.dismiss_issue(&doctor, issue_id).unwrap();
    assert!(open_issues(&a).is_empty());
    assert_eq!(a.store.count_rows("patients").unwrap(), before);
    both_ways(&mut a, &mut b);
    let all = b.store.sync_issues(&b.admin, None).unwrap();
    assert_eq!(all[0].status, SyncIssueStatus::Dismissed);
    assert!(open_issues(&b).is_empty());
}

#[test]
fn roles_without_the_permission_are_refused_audited_and_nothing_is_written() {
    let (mut a, _b, ida, idb) = duplicates_on_two_pcs();
    let issue_id = Uuid::parse_str(&open_issues(&a)[0].id).unwrap();
    // Merging hides a patient like a delete: receptionists may, doctors may not.
    let doctor = as_role(&a, Role::Doctor);
    let before = counts(&a.store);
    let audit_before = a.store.count_rows("audit_log").unwrap();
    let err = a
        .store
        .merge_patients(&doctor, issue_id, ida, idb)
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
    let err = a.store.unmerge_patient(&doctor, idb).unwrap_err();
    assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
    // Pharmacists may not edit patients, so they may not resolve or dismiss either.
    let pharmacist = as_role(&a, Role::Pharmacist);
    let err = a.store.dismiss_issue(&pharmacist, issue_id).unwrap_err();
    assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
    let err = a
        .store
        .resolve_conflict(&pharmacist, issue_id, 0)
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
    assert_eq!(
        a.store.count_rows("audit_log").unwrap(),
        audit_before + 4,
        "each refusal audited"
    );
    let after: Vec<_> = counts(&a.store)
        .into_iter()
        .filter(|(t, _)| t != "audit_log")
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(t, _)| t != "audit_log")
        .collect();
    assert_eq!(after, before, "nothing written");
    assert_eq!(open_issues(&a).len(), 1);
    // Every role may see the inbox.
    assert_eq!(a.store.sync_issues(&pharmacist, None).unwrap().len(), 1);
}

#[test]
fn a_patient_registered_here_raises_no_duplicate_issue_on_its_own_pc_alone() {
    let mut a = store_on("A1", 1);
    let aa = a.admin.clone();
    let p = patient("Grace", "Achieng", "1985-02-03");
    a.store.register_patient(&aa, &p, ChangeSource::Ui).unwrap();
    a.store.register_patient(&aa, &p, ChangeSource::Ui).unwrap();
    assert!(open_issues(&a).is_empty(), "only syncs find issues");
}

#[test]
fn verify_checks_the_issue_list_against_the_issue_documents() {
    let (a, _b, _, _) = duplicates_on_two_pcs();
    let report = a.store.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    let raw = rusqlite::Connection::open(&a.path).unwrap();
    raw.execute_batch(&format!("PRAGMA key = \"x'{}'\";", a.key.to_hex()))
        .unwrap();
    raw.execute("UPDATE sync_issues SET status = 'dismissed'", [])
        .unwrap();
    let report = a.store.verify().unwrap();
    assert!(
        report.problems.iter().any(|p| p.starts_with("sync issue")),
        "{:?}",
        report.problems
    );
}
