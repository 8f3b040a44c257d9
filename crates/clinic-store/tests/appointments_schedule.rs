//! Clinicians' weekly schedules: set by the front desk, respected by booking, free slots, and the
//! same schedule on another PC after sync.
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;

use clinic_domain::appointment::{RescheduleInput, ScheduleInput, WorkingHours};
use clinic_domain::{Action, Actor, ErrorCode};
use clinic_store::Error;
use fixture::*;

fn mornings() -> ScheduleInput {
    ScheduleInput {
        slot_minutes: 30,
        // 2026-11-23 and 2026-11-30 are Mondays.
        hours: vec![WorkingHours {
            weekday: 1,
            start: "08:00".into(),
            end: "10:00".into(),
        }],
        leave: vec!["2026-11-30".into()],
    }
}

#[test]
fn bookings_outside_working_hours_or_on_leave_are_refused() {
    let mut c = clinic_on("A1", 1);
    let (r, d) = (c.reception.clone(), c.doctor.clone());
    let s = &mut c.t.store;
    // Only the front desk manages schedules; refusals are audited and write nothing.
    let (before, audit) = (written(s), s.count_rows("audit_log").unwrap());
    let err = s.set_schedule(&d, d.user_id, &mornings()).unwrap_err();
    assert!(matches!(err, Error::Forbidden(Action::ScheduleManage)));
    assert_eq!(written(s), before);
    assert_eq!(s.count_rows("audit_log").unwrap(), audit + 1);
    // Not a clinician: refused on the field.
    assert_eq!(
        field_codes(
            s.set_schedule(&r, c.pharmacist.user_id, &mornings())
                .unwrap_err()
        ),
        [("clinician_id".to_string(), ErrorCode::InvalidValue)]
    );
    s.set_schedule(&r, d.user_id, &mornings()).unwrap();
    assert_eq!(
        s.clinician_schedule(&r, d.user_id).unwrap().unwrap().leave,
        ["2026-11-30"]
    );

    for (start, ok) in [
        ("2026-11-23T08:00", true),
        ("2026-11-23T09:45", false),
        ("2026-11-24T08:00", false),
        ("2026-11-30T08:00", false),
    ] {
        let got = s.book_appointment(&r, &booking(&c.p1, &d, start, 30));
        match (got, ok) {
            (Ok(_), true) => {}
            (Err(e), false) => {
                assert_eq!(
                    field_codes(e),
                    [("start".to_string(), ErrorCode::OutOfRange)],
                    "{start}"
                )
            }
            (got, _) => panic!("{start}: {got:?}"),
        }
    }
    assert_eq!(
        s.free_slots(&r, d.user_id, "2026-11-23").unwrap(),
        ["2026-11-23T08:30", "2026-11-23T09:00", "2026-11-23T09:30"]
    );
    assert!(s
        .free_slots(&r, d.user_id, "2026-11-30")
        .unwrap()
        .is_empty());
    // A clinician without a schedule can be booked at any time.
    s.book_appointment(&r, &booking(&c.p2, &c.nurse, "2026-11-24T20:00", 30))
        .unwrap();
    // Rescheduling into the doctor's hours works, out of them is refused.
    let n = s
        .book_appointment(&r, &booking(&c.p2, &c.nurse, "2026-11-23T09:00", 30))
        .unwrap();
    let to = |start: &str| RescheduleInput {
        clinician_id: d.user_id.to_string(),
        start: start.into(),
        duration_minutes: 30,
    };
    assert_eq!(
        field_codes(
            s.reschedule_appointment(&r, id(&n), &to("2026-11-23T11:00"))
                .unwrap_err()
        ),
        [("start".to_string(), ErrorCode::OutOfRange)]
    );
    s.reschedule_appointment(&r, id(&n), &to("2026-11-23T09:00"))
        .unwrap();
}

#[test]
fn a_schedule_reaches_the_other_pc() {
    let mut a = clinic_on("A1", 1);
    let mut b = common::store_on("B2", 2);
    let ra = a.reception.clone();
    a.t.store
        .set_schedule(&ra, a.doctor.user_id, &mornings())
        .unwrap();
    for ch in a.t.store.changes_since(0, u32::MAX, true).unwrap() {
        b.store
            .apply_remote_changes(ch.kind, ch.record_id, &[ch.bytes])
            .unwrap();
    }
    let rb = Actor {
        device_id: b.store.device().unwrap().id,
        ..ra
    };
    let err = b
        .store
        .book_appointment(&rb, &booking(&a.p1, &a.doctor, "2026-11-23T12:00", 30))
        .unwrap_err();
    assert_eq!(
        field_codes(err),
        [("start".to_string(), ErrorCode::OutOfRange)]
    );
    assert!(b.store.verify().unwrap().is_ok());
}
