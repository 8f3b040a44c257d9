//! Shared setup for the appointment tests: a clinic with a receptionist, a doctor, a nurse,
//! a pharmacist and two patients.
#![allow(dead_code)]
use crate::common::*;
use clinic_domain::appointment::{AppointmentInput, AppointmentSummary};
use clinic_domain::user::NewUserInput;
use clinic_domain::{Actor, ChangeSource, ErrorCode, Role};
use clinic_store::{Error, Store};
use uuid::Uuid;

pub struct Clinic {
    pub t: TestStore,
    pub reception: Actor,
    pub doctor: Actor,
    pub nurse: Actor,
    pub pharmacist: Actor,
    pub p1: String,
    pub p2: String,
}

pub fn staff(store: &mut Store, admin: &Actor, username: &str, role: Role) -> Actor {
    let u = store
        .create_user(
            admin,
            &NewUserInput {
                username: username.into(),
                display_name: format!("{username} (staff)"),
                role: role.as_str().into(),
                password: "front desk 77".into(),
            },
            [3; 16],
        )
        .unwrap();
    Actor {
        user_id: u.id,
        username: u.username,
        role,
        device_id: store.device().unwrap().id,
    }
}

pub fn clinic_on(device: &str, prefix: u64) -> Clinic {
    let mut t = store_on(device, prefix);
    let admin = t.admin.clone();
    let reception = staff(&mut t.store, &admin, "rita", Role::Receptionist);
    let doctor = staff(&mut t.store, &admin, "okello", Role::Doctor);
    let nurse = staff(&mut t.store, &admin, "nandi", Role::Nurse);
    let pharmacist = staff(&mut t.store, &admin, "phil", Role::Pharmacist);
    let mut reg = |g: &str, f: &str| {
        t.store
            .register_patient(&reception, &patient(g, f, "1990-01-01"), ChangeSource::Ui)
            .unwrap()
            .id
    };
    let p1 = reg("Amina", "Nakato");
    let p2 = reg("Brian", "Ssali");
    Clinic {
        t,
        reception,
        doctor,
        nurse,
        pharmacist,
        p1,
        p2,
    }
}

pub fn booking(patient: &str, clinician: &Actor, start: &str, minutes: u32) -> AppointmentInput {
    AppointmentInput {
        patient_id: patient.into(),
        clinician_id: clinician.user_id.to_string(),
        start: start.into(),
        duration_minutes: minutes,
        reason: "Review".into(),
    }
}

pub fn id(a: &AppointmentSummary) -> Uuid {
    Uuid::parse_str(&a.id).unwrap()
}

pub fn field_codes(err: Error) -> Vec<(String, ErrorCode)> {
    match err {
        Error::Invalid(fields) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// Tables a refused or invalid operation must not touch.
pub fn written(store: &Store) -> [i64; 3] {
    ["records", "change_log", "device_counters"].map(|t| store.count_rows(t).unwrap())
}
