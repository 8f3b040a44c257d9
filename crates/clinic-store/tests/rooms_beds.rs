//! Beds: admit and discharge with the rules of one PC, and two PCs that fill the same bed (or
//! assign the same room) offline: after the merge both are kept and shown as a conflict, the same
//! on both PCs, until someone discharges one patient (or cancels one assignment).
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;
mod rooms_support;

use clinic_domain::rooms::{AdmitInput, DischargeInput, RoomKind};
use clinic_domain::{Action, ErrorCode, RecordKind};
use clinic_store::Error;
use fixture::*;
use rooms_support::*;

fn admit(room: &str, patient: &str) -> AdmitInput {
    AdmitInput {
        room_id: room.into(),
        patient_id: patient.into(),
        admitted_at: String::new(),
        note: "Observation".into(),
    }
}

#[test]
fn admit_and_discharge_on_one_pc() {
    let mut c = clinic_on("A1", 1);
    let (r, nurse, pharmacist) = (c.reception.clone(), c.nurse.clone(), c.pharmacist.clone());
    let (p1, p2) = (c.p1.clone(), c.p2.clone());
    let s = &mut c.t.store;
    let ward = department(s, &r, "Ward A");
    let bed1 = room(s, &r, "Bed 1", RoomKind::Bed, &ward);
    let bed2 = room(s, &r, "Bed 2", RoomKind::Bed, &ward);
    let consult = room(s, &r, "Room 1", RoomKind::Consultation, "");
    assert!(matches!(
        s.admit_to_bed(&pharmacist, &admit(&bed1.id, &p1))
            .unwrap_err(),
        Error::Forbidden(Action::BedManage)
    ));
    let row = s.admit_to_bed(&nurse, &admit(&bed1.id, &p1)).unwrap();
    assert_eq!(row.occupants, 1);
    let before = written(s);
    for (input, field, code) in [
        (admit(&bed1.id, &p2), "room_id", ErrorCode::Conflict),
        (admit(&bed2.id, &p1), "patient_id", ErrorCode::Conflict),
        (admit(&consult.id, &p2), "room_id", ErrorCode::InvalidValue),
        (
            admit(&bed2.id, &uuid::Uuid::from_u128(77).to_string()),
            "patient_id",
            ErrorCode::NotFound,
        ),
        (
            AdmitInput {
                admitted_at: "2099-01-01T08:00".into(),
                ..admit(&bed2.id, &p2)
            },
            "admitted_at",
            ErrorCode::InFuture,
        ),
    ] {
        assert_eq!(
            codes(s.admit_to_bed(&nurse, &input).unwrap_err()),
            [(field.to_string(), code)],
            "{field}"
        );
    }
    assert_eq!(
        codes(s.set_room_active(&r, uuid(&bed1.id), false).unwrap_err()),
        [("active".into(), ErrorCode::Conflict)]
    );
    assert_eq!(written(s), before, "nothing written");
    let beds = s.list_beds(&nurse).unwrap();
    assert_eq!(beds.len(), 2);
    assert_eq!(beds[0].room.name, "Bed 1");
    assert_eq!(beds[0].occupants[0].patient_name, "Amina Nakato");
    assert_eq!(beds[0].room.department_name, "Ward A");
    assert!(!beds[0].double_occupied);
    assert!(beds[1].occupants.is_empty(), "bed 2 is free");
    let stay = beds[0].occupants[0].stay_id.clone();
    let early = DischargeInput {
        room_id: bed1.id.clone(),
        stay_id: stay.clone(),
        discharged_at: "2000-01-01T00:00".into(),
    };
    assert_eq!(
        codes(s.discharge_from_bed(&nurse, &early).unwrap_err()),
        [("discharged_at".into(), ErrorCode::OutOfRange)]
    );
    let out = DischargeInput {
        room_id: bed1.id.clone(),
        stay_id: stay.clone(),
        discharged_at: String::new(),
    };
    assert_eq!(s.discharge_from_bed(&nurse, &out).unwrap().occupants, 0);
    assert_eq!(
        codes(s.discharge_from_bed(&nurse, &out).unwrap_err()),
        [("stay_id".into(), ErrorCode::NotFound)]
    );
    // Free again: the other patient may have it.
    s.admit_to_bed(&nurse, &admit(&bed1.id, &p2)).unwrap();
    assert!(s.verify().unwrap().is_ok());
}

#[test]
fn same_bed_filled_on_two_pcs_offline_shows_double_occupied_on_both() {
    let mut a = clinic_on("A1", 1);
    let ra = a.reception.clone();
    let bed = room(&mut a.t.store, &ra, "Bed 7", RoomKind::Bed, "");
    let (mut b, rb) = second_pc(&a);
    assert_eq!(b.store.list_beds(&rb).unwrap().len(), 1, "B has the bed");
    // Offline: each PC admits a different patient to the free bed.
    a.t.store.admit_to_bed(&ra, &admit(&bed.id, &a.p1)).unwrap();
    b.store.admit_to_bed(&rb, &admit(&bed.id, &a.p2)).unwrap();
    exchange(&a.t.store, &mut b.store);
    exchange(&b.store, &mut a.t.store);
    let on_a = a.t.store.list_beds(&ra).unwrap();
    let on_b = b.store.list_beds(&rb).unwrap();
    assert_eq!(on_a, on_b, "the same bed list on both PCs");
    assert!(on_a[0].double_occupied);
    let mut names: Vec<&str> = on_a[0]
        .occupants
        .iter()
        .map(|o| o.patient_name.as_str())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["Amina Nakato", "Brian Ssali"],
        "neither admission hidden"
    );
    assert_eq!(
        a.t.store.projection_rows(RecordKind::Room).unwrap(),
        b.store.projection_rows(RecordKind::Room).unwrap()
    );
    // Moving one patient out settles it, on both PCs after the next exchange.
    let brian = on_a[0]
        .occupants
        .iter()
        .find(|o| o.patient_name == "Brian Ssali")
        .unwrap()
        .stay_id
        .clone();
    let out = DischargeInput {
        room_id: bed.id.clone(),
        stay_id: brian,
        discharged_at: String::new(),
    };
    b.store.discharge_from_bed(&rb, &out).unwrap();
    exchange(&b.store, &mut a.t.store);
    for beds in [
        a.t.store.list_beds(&ra).unwrap(),
        b.store.list_beds(&rb).unwrap(),
    ] {
        assert!(!beds[0].double_occupied);
        assert_eq!(beds[0].occupants[0].patient_name, "Amina Nakato");
    }
    assert!(a.t.store.verify().unwrap().is_ok());
    assert!(b.store.verify().unwrap().is_ok());
}

#[test]
fn same_room_assigned_on_two_pcs_offline_is_flagged_on_both_boards() {
    let mut a = clinic_on("A1", 1);
    let ra = a.reception.clone();
    let room1 = room(&mut a.t.store, &ra, "Room 1", RoomKind::Consultation, "");
    let (mut b, rb) = second_pc(&a);
    let day = "2026-11-25";
    let on_a =
        a.t.store
            .assign_room(&ra, &custom(&room1.id, &a.doctor, day, "08:00", "12:00"))
            .unwrap();
    b.store
        .assign_room(&rb, &custom(&room1.id, &a.nurse, day, "10:00", "14:00"))
        .unwrap();
    exchange(&a.t.store, &mut b.store);
    exchange(&b.store, &mut a.t.store);
    let board_a = a.t.store.room_assignments(&ra, day).unwrap();
    assert_eq!(board_a, b.store.room_assignments(&rb, day).unwrap());
    assert_eq!(board_a.len(), 2, "both assignments kept");
    assert!(board_a.iter().all(|x| x.room_conflict), "{board_a:?}");
    a.t.store
        .cancel_room_assignment(&ra, uuid(&on_a.id))
        .unwrap();
    exchange(&a.t.store, &mut b.store);
    let board_b = b.store.room_assignments(&rb, day).unwrap();
    assert_eq!(board_b.len(), 1);
    assert!(!board_b[0].room_conflict);
    assert_eq!(
        a.t.store
            .projection_rows(RecordKind::RoomAssignment)
            .unwrap(),
        b.store.projection_rows(RecordKind::RoomAssignment).unwrap()
    );
}
