//! Room assignments: a clinician in a room per session, conflicts refused on one PC, and the queue
//! sending a called-in patient to the clinician's room (free text still overrides).
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;
mod rooms_support;

use clinic_domain::appointment::WalkInInput;
use clinic_domain::rooms::{RoomKind, Session};
use clinic_domain::{Action, ErrorCode};
use clinic_store::Error;
use fixture::*;
use rooms_support::*;

#[test]
fn named_sessions_and_conflicts_on_one_pc() {
    let mut c = clinic_on("A1", 1);
    let (r, doctor, nurse) = (c.reception.clone(), c.doctor.clone(), c.nurse.clone());
    let s = &mut c.t.store;
    let room1 = room(s, &r, "Room 1", RoomKind::Consultation, "");
    let room2 = room(s, &r, "Room 2", RoomKind::Consultation, "");
    let bed = room(s, &r, "Bed 1", RoomKind::Bed, "");
    let day = "2026-11-24";
    let a = s
        .assign_room(&r, &session(&room1.id, &doctor, day, Session::Morning))
        .unwrap();
    assert_eq!((a.start.as_str(), a.end.as_str()), ("07:00", "12:00"));
    assert_eq!(a.room_name, "Room 1");
    assert_eq!(a.clinician_name, "okello (staff)");
    let before = written(s);
    // The room is the doctor's in the morning: the nurse cannot have it at 11:00.
    let clash = s
        .assign_room(&r, &custom(&room1.id, &nurse, day, "11:00", "13:00"))
        .unwrap_err();
    assert_eq!(codes(clash), [("room_id".into(), ErrorCode::Conflict)]);
    // The doctor cannot be in room 2 at the same time.
    let twice = s
        .assign_room(&r, &custom(&room2.id, &doctor, day, "09:00", "10:00"))
        .unwrap_err();
    assert_eq!(codes(twice), [("clinician_id".into(), ErrorCode::Conflict)]);
    let to_bed = s
        .assign_room(&r, &session(&bed.id, &nurse, day, Session::Morning))
        .unwrap_err();
    assert_eq!(codes(to_bed), [("room_id".into(), ErrorCode::InvalidValue)]);
    let receptionist = s
        .assign_room(&r, &session(&room2.id, &r, day, Session::Morning))
        .unwrap_err();
    assert_eq!(
        codes(receptionist),
        [("clinician_id".into(), ErrorCode::InvalidValue)]
    );
    assert_eq!(written(s), before, "nothing written");
    // The afternoon is free; the doctor may not assign rooms.
    s.assign_room(&r, &session(&room1.id, &nurse, day, Session::Afternoon))
        .unwrap();
    assert!(matches!(
        s.assign_room(&doctor, &session(&room2.id, &doctor, day, Session::Evening))
            .unwrap_err(),
        Error::Forbidden(Action::ScheduleManage)
    ));
    let board = s.room_assignments(&doctor, day).unwrap();
    assert_eq!(board.len(), 2);
    assert!(board
        .iter()
        .all(|b| !b.room_conflict && !b.clinician_conflict));
    // Cancelled assignments leave the board and free the room.
    s.cancel_room_assignment(&r, uuid(&a.id)).unwrap();
    assert_eq!(s.room_assignments(&r, day).unwrap().len(), 1);
    s.assign_room(&r, &custom(&room1.id, &nurse, day, "08:00", "12:00"))
        .unwrap();
    assert_eq!(
        codes(s.room_assignments(&r, "24/11/2026").unwrap_err()),
        [("day".into(), ErrorCode::InvalidFormat)]
    );
}

#[test]
fn call_in_sends_the_patient_to_the_clinicians_room_now() {
    let mut c = clinic_on("A1", 1);
    let (r, doctor, nurse) = (c.reception.clone(), c.doctor.clone(), c.nurse.clone());
    let p1 = c.p1.clone();
    let p2 = c.p2.clone();
    let s = &mut c.t.store;
    let room3 = room(s, &r, "Consultation 3", RoomKind::Consultation, "");
    let day = today(s);
    // A morning in the past does not count; the assignment covering now does.
    s.assign_room(&r, &custom(&room3.id, &doctor, &day, "00:00", "23:59"))
        .unwrap();
    assert_eq!(
        s.clinician_room_now(&r, doctor.user_id).unwrap().as_deref(),
        Some("Consultation 3")
    );
    assert_eq!(s.clinician_room_now(&r, nurse.user_id).unwrap(), None);
    let walk_in = |s: &mut clinic_store::Store, patient: &str, who: &clinic_domain::Actor| {
        s.register_walk_in(
            &r,
            &WalkInInput {
                patient_id: patient.into(),
                clinician_id: who.user_id.to_string(),
                duration_minutes: None,
                reason: "Fever".into(),
            },
        )
        .unwrap()
    };
    let first = walk_in(s, &p1, &doctor);
    let called = s.call_in_appointment(&r, id(&first), None).unwrap();
    assert_eq!(
        called.room, "Consultation 3",
        "defaulted to the assigned room"
    );
    let second = walk_in(s, &p2, &doctor);
    let called = s
        .call_in_appointment(&r, id(&second), Some("Dressing room"))
        .unwrap();
    assert_eq!(called.room, "Dressing room", "free text overrides");
    // The queue list shows where each patient went.
    let queue = s.day_queue(&r, &day).unwrap();
    let rooms: Vec<&str> = queue.iter().map(|q| q.room.as_str()).collect();
    assert!(rooms.contains(&"Consultation 3") && rooms.contains(&"Dressing room"));
    // A clinician with no room now: the room stays empty.
    let p3 = s
        .register_patient(
            &r,
            &common::patient("Grace", "Auma", "1985-04-02"),
            clinic_domain::ChangeSource::Ui,
        )
        .unwrap()
        .id;
    let nurse_visit = s
        .register_walk_in(
            &r,
            &WalkInInput {
                patient_id: p3,
                clinician_id: nurse.user_id.to_string(),
                duration_minutes: None,
                reason: "Dressing".into(),
            },
        )
        .unwrap();
    assert_eq!(
        s.call_in_appointment(&r, id(&nurse_visit), Some(" "))
            .unwrap()
            .room,
        ""
    );
}
