//! Two PCs book the same clinician's slot while offline: after exchanging changes, both hold the
//! same one open `double_booking` issue, which shows both appointments and is resolved by
//! cancelling one of them. Queue tokens from two PCs never collide.
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;

use clinic_domain::sync_issue::{SyncIssueKind, SyncIssueStatus};
use clinic_domain::{Actor, RecordKind};
use clinic_store::Store;
use fixture::*;
use std::collections::HashSet;
use uuid::Uuid;

/// Ships every change `from` has made itself (not ones it got by sync) to `to`.
fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}

/// PC B as a copy of PC A's clinic (same users and patients), on device `B2`.
fn second_pc(a: &Clinic) -> (common::TestStore, Actor) {
    let mut b = common::store_on("B2", 2);
    exchange(&a.t.store, &mut b.store);
    let device = b.store.device().unwrap().id;
    let reception = Actor {
        device_id: device,
        ..a.reception.clone()
    };
    (b, reception)
}

fn open_issues(s: &Store, who: &Actor) -> Vec<(String, SyncIssueKind)> {
    s.sync_issues(who, Some(SyncIssueStatus::Open))
        .unwrap()
        .into_iter()
        .map(|i| (i.id, i.kind))
        .collect()
}

#[test]
fn double_booking_offline_becomes_one_issue_on_both_pcs_and_is_resolved_by_cancelling() {
    let mut a = clinic_on("A1", 1);
    let (mut b, rb) = second_pc(&a);
    let ra = a.reception.clone();
    // Offline: both book the doctor at overlapping times, for different patients.
    let on_a =
        a.t.store
            .book_appointment(&ra, &booking(&a.p1, &a.doctor, "2026-11-24T09:00", 30))
            .unwrap();
    let on_b = b
        .store
        .book_appointment(&rb, &booking(&a.p2, &a.doctor, "2026-11-24T09:15", 30))
        .unwrap();
    // And an adjacent one on B that must not be reported.
    b.store
        .book_appointment(&rb, &booking(&a.p2, &a.doctor, "2026-11-24T09:45", 15))
        .unwrap();
    exchange(&a.t.store, &mut b.store);
    exchange(&b.store, &mut a.t.store);
    // Each ships what it found (the issue) to the other again.
    exchange(&a.t.store, &mut b.store);
    exchange(&b.store, &mut a.t.store);

    let ia = open_issues(&a.t.store, &ra);
    let ib = open_issues(&b.store, &rb);
    assert_eq!(ia.len(), 1, "{ia:?}");
    assert_eq!(ia, ib, "the same issue on both PCs");
    assert_eq!(ia[0].1, SyncIssueKind::DoubleBooking);
    assert_eq!(
        a.t.store.record_digests().unwrap(),
        b.store.record_digests().unwrap(),
        "both PCs converged"
    );
    assert_eq!(
        a.t.store.projection_rows(RecordKind::Appointment).unwrap(),
        b.store.projection_rows(RecordKind::Appointment).unwrap()
    );

    // The issue shows the two appointments: who and when.
    let issue_id = Uuid::parse_str(&ia[0].0).unwrap();
    let shown =
        a.t.store
            .double_booking_appointments(&ra, issue_id)
            .unwrap();
    let ids: HashSet<String> = shown.iter().map(|x| x.id.clone()).collect();
    assert_eq!(ids, HashSet::from([on_a.id.clone(), on_b.id.clone()]));
    assert!(shown.iter().all(|x| x.clinician_name == "okello (staff)"));

    // Resolved on A by cancelling B's booking; B learns both by sync.
    a.t.store
        .resolve_double_booking(&ra, issue_id, id(&on_b), "Doctor double booked")
        .unwrap();
    assert!(open_issues(&a.t.store, &ra).is_empty());
    exchange(&a.t.store, &mut b.store);
    assert!(open_issues(&b.store, &rb).is_empty());
    let cancelled = b.store.get_appointment(&rb, id(&on_b)).unwrap();
    assert_eq!(
        cancelled.summary.status,
        clinic_domain::appointment::AppointmentStatus::Cancelled
    );
    // Cancelling the other of a resolved issue through it is refused.
    assert!(a
        .t
        .store
        .resolve_double_booking(&ra, issue_id, id(&on_a), "again")
        .is_err());
}

#[test]
fn a_double_booking_can_be_dismissed() {
    let mut a = clinic_on("A1", 1);
    let (mut b, rb) = second_pc(&a);
    let ra = a.reception.clone();
    // Same patient with two clinicians at once.
    a.t.store
        .book_appointment(&ra, &booking(&a.p1, &a.doctor, "2026-11-24T11:00", 30))
        .unwrap();
    b.store
        .book_appointment(&rb, &booking(&a.p1, &a.nurse, "2026-11-24T11:10", 30))
        .unwrap();
    exchange(&b.store, &mut a.t.store);
    let ia = open_issues(&a.t.store, &ra);
    assert_eq!(ia.len(), 1);
    let issue = a.t.store.sync_issues(&ra, None).unwrap().remove(0);
    assert_eq!(issue.reasons, ["patient"]);
    a.t.store
        .dismiss_issue(&ra, Uuid::parse_str(&ia[0].0).unwrap())
        .unwrap();
    assert!(open_issues(&a.t.store, &ra).is_empty());
}

#[test]
fn queue_tokens_from_two_pcs_never_collide() {
    let mut a = clinic_on("A1", 1);
    let (mut b, rb) = second_pc(&a);
    let ra = a.reception.clone();
    let mut tokens = HashSet::new();
    for i in 0..12u32 {
        let start = format!("2026-11-22T{:02}:{:02}", 10 + i / 4, (i % 4) * 15);
        let x =
            a.t.store
                .book_appointment(&ra, &booking(&a.p1, &a.doctor, &start, 15))
                .unwrap();
        let y = b
            .store
            .book_appointment(&rb, &booking(&a.p2, &a.nurse, &start, 15))
            .unwrap();
        let tx = a.t.store.check_in_appointment(&ra, id(&x)).unwrap();
        let ty = b.store.check_in_appointment(&rb, id(&y)).unwrap();
        assert!(tokens.insert(tx.queue_token.clone()), "{}", tx.queue_token);
        assert!(tokens.insert(ty.queue_token.clone()), "{}", ty.queue_token);
    }
    assert!(tokens.contains("A1-001") && tokens.contains("B2-012"));
    // After exchanging, one queue of 24 on both PCs, no token twice.
    exchange(&a.t.store, &mut b.store);
    exchange(&b.store, &mut a.t.store);
    let qa = a.t.store.day_queue(&ra, "2026-11-22").unwrap();
    let qb = b.store.day_queue(&rb, "2026-11-22").unwrap();
    assert_eq!(qa.len(), 24);
    assert_eq!(qa, qb);
    assert!(open_issues(&a.t.store, &ra).is_empty(), "no overlaps here");
}
