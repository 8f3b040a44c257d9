//! Shared setup of the rooms tests: departments, rooms, beds and assignments on a clinic.
#![allow(dead_code)]
use crate::fixture::Clinic;
use clinic_domain::rooms::{AssignmentInput, DepartmentInput, RoomInput, RoomKind, Session};
use clinic_domain::{Actor, ErrorCode};
use clinic_store::rooms::RoomRow;
use clinic_store::{Error, Store};
use uuid::Uuid;

pub fn uuid(s: &str) -> Uuid {
    Uuid::parse_str(s).unwrap()
}

pub fn department(s: &mut Store, who: &Actor, name: &str) -> String {
    s.create_department(who, &DepartmentInput { name: name.into() })
        .unwrap()
        .id
}

pub fn room(s: &mut Store, who: &Actor, name: &str, kind: RoomKind, dept: &str) -> RoomRow {
    s.create_room(
        who,
        &RoomInput {
            name: name.into(),
            kind,
            department_id: dept.into(),
        },
    )
    .unwrap()
}

/// The clinic's wall clock now, as the store reads it (this PC's local time).
pub fn local_now(s: &Store) -> chrono::NaiveDateTime {
    s.clock().now().with_timezone(&chrono::Local).naive_local()
}

pub fn today(s: &Store) -> String {
    local_now(s).format("%Y-%m-%d").to_string()
}

pub fn custom(room: &str, clinician: &Actor, day: &str, start: &str, end: &str) -> AssignmentInput {
    AssignmentInput {
        room_id: room.into(),
        clinician_id: clinician.user_id.to_string(),
        day: day.into(),
        session: Session::Custom,
        start: start.into(),
        end: end.into(),
    }
}

pub fn session(room: &str, clinician: &Actor, day: &str, session: Session) -> AssignmentInput {
    AssignmentInput {
        session,
        ..custom(room, clinician, day, "", "")
    }
}

pub fn codes(err: Error) -> Vec<(String, ErrorCode)> {
    match err {
        Error::Invalid(f) => f.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// Ships every change `from` has made itself (not ones it got by sync) to `to`.
pub fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}

/// PC B holding a copy of PC A's clinic, and A's receptionist acting on B.
pub fn second_pc(a: &Clinic) -> (crate::common::TestStore, Actor) {
    let mut b = crate::common::store_on("B2", 2);
    exchange(&a.t.store, &mut b.store);
    let device = b.store.device().unwrap().id;
    let reception = Actor {
        device_id: device,
        ..a.reception.clone()
    };
    (b, reception)
}
