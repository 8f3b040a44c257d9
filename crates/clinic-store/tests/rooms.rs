//! Departments and rooms on a real store file: who may manage and see them (refusals audited,
//! nothing written), validation with field names, deactivation instead of deletion, and `verify`
//! catching a tampered projection row.
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;
mod rooms_support;

use clinic_domain::rooms::{DepartmentInput, RoomInput, RoomKind};
use clinic_domain::{Action, ErrorCode, RecordKind};
use clinic_store::Error;
use fixture::*;
use rooms_support::*;

#[test]
fn only_schedule_managers_change_rooms_and_refusals_are_audited() {
    let mut c = clinic_on("A1", 1);
    let doctor = c.doctor.clone();
    let before = written(&c.t.store);
    let audits = c.t.store.count_rows("audit_log").unwrap();
    let e1 =
        c.t.store
            .create_department(&doctor, &DepartmentInput { name: "OPD".into() })
            .unwrap_err();
    let e2 =
        c.t.store
            .create_room(
                &doctor,
                &RoomInput {
                    name: "Room 1".into(),
                    kind: RoomKind::Consultation,
                    department_id: String::new(),
                },
            )
            .unwrap_err();
    for e in [e1, e2] {
        assert!(
            matches!(e, Error::Forbidden(Action::ScheduleManage)),
            "{e:?}"
        );
    }
    assert_eq!(written(&c.t.store), before, "nothing written");
    assert_eq!(c.t.store.count_rows("audit_log").unwrap(), audits + 2);
    let pharmacist = c.pharmacist.clone();
    assert!(matches!(
        c.t.store.list_rooms(&pharmacist).unwrap_err(),
        Error::Forbidden(Action::AppointmentView)
    ));
    // The doctor sees the rooms the receptionist made.
    let r = c.reception.clone();
    let opd = department(&mut c.t.store, &r, "Outpatients");
    room(&mut c.t.store, &r, "Room 1", RoomKind::Consultation, &opd);
    let rooms = c.t.store.list_rooms(&doctor).unwrap();
    assert_eq!(rooms.len(), 1);
    assert_eq!(
        (rooms[0].name.as_str(), rooms[0].department_name.as_str()),
        ("Room 1", "Outpatients")
    );
}

#[test]
fn bad_input_names_fields_and_writes_nothing() {
    let mut c = clinic_on("A1", 1);
    let r = c.reception.clone();
    let opd = department(&mut c.t.store, &r, "Outpatients");
    room(&mut c.t.store, &r, "Room 1", RoomKind::Consultation, &opd);
    let before = written(&c.t.store);
    let s = &mut c.t.store;
    let bad = RoomInput {
        name: " ".into(),
        kind: RoomKind::Bed,
        department_id: "ward".into(),
    };
    assert_eq!(
        codes(s.create_room(&r, &bad).unwrap_err()),
        [
            ("name".into(), ErrorCode::Required),
            ("department_id".into(), ErrorCode::InvalidFormat)
        ]
    );
    let dup = RoomInput {
        name: "ROOM 1".into(),
        kind: RoomKind::Consultation,
        department_id: opd.clone(),
    };
    assert_eq!(
        codes(s.create_room(&r, &dup).unwrap_err()),
        [("name".into(), ErrorCode::Duplicate)]
    );
    let unknown = RoomInput {
        name: "Room 2".into(),
        kind: RoomKind::Consultation,
        department_id: uuid::Uuid::from_u128(9).to_string(),
    };
    assert_eq!(
        codes(s.create_room(&r, &unknown).unwrap_err()),
        [("department_id".into(), ErrorCode::NotFound)]
    );
    assert_eq!(
        codes(
            s.create_department(
                &r,
                &DepartmentInput {
                    name: "outpatients".into()
                }
            )
            .unwrap_err()
        ),
        [("name".into(), ErrorCode::Duplicate)]
    );
    assert_eq!(written(s), before, "nothing written");
}

#[test]
fn departments_and_rooms_are_deactivated_never_deleted() {
    let mut c = clinic_on("A1", 1);
    let r = c.reception.clone();
    let s = &mut c.t.store;
    let opd = department(s, &r, "Outpatients");
    let room1 = room(s, &r, "Room 1", RoomKind::Consultation, &opd);
    let off = s.set_room_active(&r, uuid(&room1.id), false).unwrap();
    assert!(!off.active);
    assert_eq!(
        s.list_departments(&r).unwrap()[0].rooms,
        0,
        "active rooms only"
    );
    let dept = s.set_department_active(&r, uuid(&opd), false).unwrap();
    assert!(!dept.active);
    let into_inactive = RoomInput {
        name: "Room 2".into(),
        kind: RoomKind::Procedure,
        department_id: opd.clone(),
    };
    assert_eq!(
        codes(s.create_room(&r, &into_inactive).unwrap_err()),
        [("department_id".into(), ErrorCode::InvalidValue)]
    );
    s.set_department_active(&r, uuid(&opd), true).unwrap();
    let renamed = s
        .rename_department(&r, uuid(&opd), &DepartmentInput { name: "OPD".into() })
        .unwrap();
    assert_eq!(renamed.name, "OPD");
    let back = s.set_room_active(&r, uuid(&room1.id), true).unwrap();
    assert_eq!((back.active, back.department_name.as_str()), (true, "OPD"));
    assert_eq!(s.list_rooms(&r).unwrap().len(), 1);
    assert_eq!(s.projection_rows(RecordKind::Department).unwrap().len(), 1);
}

#[test]
fn verify_catches_tampered_room_and_assignment_rows() {
    let mut c = clinic_on("A1", 1);
    let r = c.reception.clone();
    let doctor = c.doctor.clone();
    let opd = department(&mut c.t.store, &r, "Outpatients");
    let room1 = room(&mut c.t.store, &r, "Room 1", RoomKind::Consultation, &opd);
    let bed = room(&mut c.t.store, &r, "Bed 1", RoomKind::Bed, &opd);
    let day = today(&c.t.store);
    c.t.store
        .assign_room(&r, &custom(&room1.id, &doctor, &day, "08:00", "12:00"))
        .unwrap();
    c.t.store
        .admit_to_bed(
            &r,
            &clinic_domain::rooms::AdmitInput {
                room_id: bed.id.clone(),
                patient_id: c.p1.clone(),
                ..Default::default()
            },
        )
        .unwrap();
    let report = c.t.store.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    let raw = rusqlite::Connection::open(&c.t.path).unwrap();
    raw.execute_batch(&format!("PRAGMA key = \"x'{}'\";", c.t.key.to_hex()))
        .unwrap();
    raw.execute(
        "UPDATE rooms SET name = 'Room 9' WHERE id = ?1",
        [&room1.id],
    )
    .unwrap();
    raw.execute("UPDATE room_assignments SET end_at = '18:00'", [])
        .unwrap();
    raw.execute(
        "UPDATE bed_stays SET discharged_at = '2026-11-22T10:00'",
        [],
    )
    .unwrap();
    let problems = c.t.store.verify().unwrap().problems;
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems[0].contains(&format!("room {}", room1.id))
            || problems.iter().any(|p| p.contains(&room1.id))
    );
    assert!(
        problems.iter().any(|p| p.contains(&bed.id)),
        "the bed's stay: {problems:?}"
    );
    assert!(problems.iter().any(|p| p.starts_with("room_assignment ")));
}
