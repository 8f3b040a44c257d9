//! Appointments and the day's queue on a real store file: booking with conflict checks, the
//! status flow, queue tokens, reschedule and cancel (role refusals: appointments_roles.rs).
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;

use clinic_domain::appointment::{
    AppointmentKind, AppointmentStatus, RescheduleInput, WalkInInput,
};
use clinic_domain::{Actor, ErrorCode};
use clinic_store::Error;
use fixture::*;

#[test]
fn booking_refuses_overlaps_of_clinician_or_patient_and_allows_adjacent_slots() {
    let mut c = clinic_on("A1", 1);
    let (r, s) = (c.reception.clone(), &mut c.t.store);
    let first = s
        .book_appointment(&r, &booking(&c.p1, &c.doctor, "2026-11-24T09:00", 30))
        .unwrap();
    assert_eq!(first.status, AppointmentStatus::Booked);
    assert_eq!(first.end, "2026-11-24T09:30");
    assert_eq!(first.patient_name, "Amina Nakato");
    assert_eq!(first.clinician_name, "okello (staff)");

    // Same clinician, overlapping, other patient: refused on `start`, naming the doctor.
    let before = written(s);
    let err = s
        .book_appointment(&r, &booking(&c.p2, &c.doctor, "2026-11-24T09:15", 30))
        .unwrap_err();
    let Error::Invalid(fields) = err else {
        panic!("expected a field error")
    };
    assert_eq!(fields.len(), 1);
    assert_eq!(
        (fields[0].field.as_str(), fields[0].code),
        ("start", ErrorCode::Conflict)
    );
    assert!(
        fields[0].message.contains("okello (staff)"),
        "{}",
        fields[0].message
    );
    assert!(
        fields[0].message.contains("2026-11-24 09:00"),
        "{}",
        fields[0].message
    );
    assert_eq!(written(s), before, "nothing written");

    // Same patient with another clinician, overlapping: refused, naming the patient.
    let err = s
        .book_appointment(&r, &booking(&c.p1, &c.nurse, "2026-11-24T08:45", 30))
        .unwrap_err();
    let Error::Invalid(fields) = err else {
        panic!("expected a field error")
    };
    assert!(
        fields[0].message.contains("Amina Nakato"),
        "{}",
        fields[0].message
    );
    assert_eq!(written(s), before);

    // Both busy: one error per person.
    let both = field_codes(
        s.book_appointment(&r, &booking(&c.p1, &c.doctor, "2026-11-24T09:29", 5))
            .unwrap_err(),
    );
    assert_eq!(both, vec![("start".to_string(), ErrorCode::Conflict); 2]);

    // Adjacent slots on both sides are free.
    s.book_appointment(&r, &booking(&c.p2, &c.doctor, "2026-11-24T09:30", 15))
        .unwrap();
    s.book_appointment(&r, &booking(&c.p2, &c.doctor, "2026-11-24T08:30", 30))
        .unwrap();
    // A cancelled appointment does not block its slot.
    s.cancel_appointment(&r, id(&first), "Patient travelled")
        .unwrap();
    s.book_appointment(&r, &booking(&c.p1, &c.doctor, "2026-11-24T09:00", 30))
        .unwrap();
}

#[test]
fn bad_bookings_report_every_field_and_unknown_people() {
    let mut c = clinic_on("A1", 1);
    let (r, s) = (c.reception.clone(), &mut c.t.store);
    let before = written(s);
    let mut bad = booking("", &c.doctor, "2026-11-21T09:00", 0);
    bad.clinician_id = "x".into();
    let codes = field_codes(s.book_appointment(&r, &bad).unwrap_err());
    assert_eq!(
        codes,
        [
            ("patient_id".to_string(), ErrorCode::Required),
            ("clinician_id".to_string(), ErrorCode::InvalidFormat),
            ("start".to_string(), ErrorCode::OutOfRange),
            ("duration_minutes".to_string(), ErrorCode::OutOfRange),
        ]
    );
    // A pharmacist is not a clinician; a made-up patient id is not a patient.
    let mut not_people = booking(
        &uuid::Uuid::from_u128(9).to_string(),
        &c.pharmacist,
        "2026-11-24T09:00",
        15,
    );
    not_people.reason = String::new();
    let codes = field_codes(s.book_appointment(&r, &not_people).unwrap_err());
    assert_eq!(
        codes,
        [
            ("patient_id".to_string(), ErrorCode::NotFound),
            ("clinician_id".to_string(), ErrorCode::InvalidValue),
        ]
    );
    assert_eq!(written(s), before);
    assert!(s
        .active_clinicians(&r)
        .unwrap()
        .iter()
        .all(|c| c.display_name != "phil (staff)"));
    assert_eq!(s.active_clinicians(&r).unwrap().len(), 2);
}

#[test]
fn status_flow_with_tokens_rooms_and_who_did_what() {
    let mut c = clinic_on("A1", 1);
    let (r, d, s) = (c.reception.clone(), c.doctor.clone(), &mut c.t.store);
    let a = s
        .book_appointment(&r, &booking(&c.p1, &c.doctor, "2026-11-22T10:00", 20))
        .unwrap();
    let b = s
        .book_appointment(&r, &booking(&c.p2, &c.doctor, "2026-11-22T10:20", 20))
        .unwrap();
    // Not yet arrived: cannot be called in or completed.
    for err in [
        s.call_in_appointment(&d, id(&a), None).unwrap_err(),
        s.complete_appointment(&d, id(&a)).unwrap_err(),
    ] {
        assert_eq!(
            field_codes(err),
            [("status".to_string(), ErrorCode::InvalidValue)]
        );
    }
    let b_in = s.check_in_appointment(&r, id(&b)).unwrap();
    let a_in = s.check_in_appointment(&r, id(&a)).unwrap();
    assert_eq!(
        (b_in.queue_token.as_str(), a_in.queue_token.as_str()),
        ("A1-001", "A1-002")
    );
    assert_eq!(a_in.status, AppointmentStatus::CheckedIn);
    // The queue: checked in first, in check-in order.
    let q = s.day_queue(&r, "2026-11-22").unwrap();
    let order: Vec<&str> = q.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(order, [b.id.as_str(), a.id.as_str()]);
    // Twice is refused.
    assert!(s.check_in_appointment(&r, id(&a)).is_err());
    let called = s.call_in_appointment(&d, id(&b), Some("Room 2")).unwrap();
    assert_eq!(
        (called.status, called.room.as_str()),
        (AppointmentStatus::WithClinician, "Room 2")
    );
    let done = s.complete_appointment(&d, id(&b)).unwrap();
    assert_eq!(done.status, AppointmentStatus::Done);
    assert!(
        s.cancel_appointment(&r, id(&b), "late").is_err(),
        "done is final"
    );
    let detail = s.get_appointment(&r, id(&b)).unwrap();
    let steps: Vec<(AppointmentStatus, &str)> = detail
        .appointment
        .changes
        .iter()
        .map(|ch| (ch.status, ch.username.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (AppointmentStatus::Booked, "rita"),
            (AppointmentStatus::CheckedIn, "rita"),
            (AppointmentStatus::WithClinician, "okello"),
            (AppointmentStatus::Done, "okello"),
        ]
    );
    // No-show only from booked; cancel needs a reason.
    let later = s
        .book_appointment(&r, &booking(&c.p1, &c.doctor, "2026-11-22T15:00", 20))
        .unwrap();
    assert_eq!(
        field_codes(s.cancel_appointment(&r, id(&later), "  ").unwrap_err()),
        [("cancel_reason".to_string(), ErrorCode::Required)]
    );
    assert_eq!(
        s.mark_no_show(&r, id(&later)).unwrap().status,
        AppointmentStatus::NoShow
    );
    assert!(
        s.mark_no_show(&r, id(&a)).is_err(),
        "checked in is not a no-show"
    );
}

#[test]
fn walk_ins_are_checked_in_at_once_and_not_blocked_by_bookings() {
    let mut c = clinic_on("A1", 1);
    let (r, s) = (c.reception.clone(), &mut c.t.store);
    s.book_appointment(&r, &booking(&c.p1, &c.doctor, "2026-11-22T09:00", 60))
        .unwrap();
    let w = s
        .register_walk_in(
            &r,
            &WalkInInput {
                patient_id: c.p2.clone(),
                clinician_id: c.doctor.user_id.to_string(),
                duration_minutes: None,
                reason: "Cough".into(),
            },
        )
        .unwrap();
    assert_eq!(w.kind, AppointmentKind::WalkIn);
    assert_eq!(w.status, AppointmentStatus::CheckedIn);
    assert_eq!(w.queue_token, "A1-001");
    assert_eq!(w.duration_minutes, 15);
    assert!(w.start.starts_with("2026-11-22T"));
}

#[test]
fn reschedule_moves_a_booking_and_checks_the_new_slot() {
    let mut c = clinic_on("A1", 1);
    let (r, s) = (c.reception.clone(), &mut c.t.store);
    let a = s
        .book_appointment(&r, &booking(&c.p1, &c.doctor, "2026-11-24T09:00", 30))
        .unwrap();
    let b = s
        .book_appointment(&r, &booking(&c.p2, &c.doctor, "2026-11-24T10:00", 30))
        .unwrap();
    let to = |start: &str, who: &Actor| RescheduleInput {
        clinician_id: who.user_id.to_string(),
        start: start.into(),
        duration_minutes: 30,
    };
    // Overlapping b: refused, nothing written.
    let before = written(s);
    assert_eq!(
        field_codes(
            s.reschedule_appointment(&r, id(&a), &to("2026-11-24T09:45", &c.doctor))
                .unwrap_err()
        ),
        [("start".to_string(), ErrorCode::Conflict)]
    );
    assert_eq!(written(s), before);
    // Moving within its own slot does not conflict with itself.
    s.reschedule_appointment(&r, id(&a), &to("2026-11-24T09:10", &c.doctor))
        .unwrap();
    let moved = s
        .reschedule_appointment(&r, id(&a), &to("2026-11-25T09:45", &c.nurse))
        .unwrap();
    assert_eq!(
        (moved.start.as_str(), moved.clinician_name.as_str()),
        ("2026-11-25T09:45", "nandi (staff)")
    );
    let week = s
        .clinician_calendar(&r, c.doctor.user_id, "2026-11-23", 7)
        .unwrap();
    let ids: Vec<&str> = week.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, [b.id.as_str()]);
    let day = s
        .clinician_calendar(&r, c.nurse.user_id, "2026-11-25", 1)
        .unwrap();
    assert_eq!(day.len(), 1);
    // A checked-in visit is not rescheduled.
    s.check_in_appointment(&r, id(&b)).unwrap();
    assert_eq!(
        field_codes(
            s.reschedule_appointment(&r, id(&b), &to("2026-11-26T09:00", &c.doctor))
                .unwrap_err()
        ),
        [("status".to_string(), ErrorCode::InvalidValue)]
    );
}
