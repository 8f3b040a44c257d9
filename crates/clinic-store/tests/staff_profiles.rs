//! Staff profiles: kept in the user's document (old documents read with an empty profile), edited
//! by administrators only with field errors, licences expiring within 30 days flagged, merged
//! field by field across PCs, checked by `verify`, and printed on prescriptions.
mod common;
#[path = "appointments_fixture/mod.rs"]
mod fixture;
mod rooms_support;

use clinic_domain::staff::{LicenceStatus, StaffProfile};
use clinic_domain::{Action, ErrorCode};
use clinic_store::Error;
use fixture::*;
use rooms_support::*;

fn profile(licence: &str, expiry: &str) -> StaffProfile {
    StaffProfile {
        specialization: "Paediatrics".into(),
        qualifications: vec!["MBChB".into(), "".into(), "MMed Paediatrics".into()],
        licence_number: licence.into(),
        licensing_body: "Medical Council".into(),
        licence_expiry: expiry.into(),
        phone: "+256 700 111222".into(),
    }
}

#[test]
fn administrators_edit_profiles_with_field_errors_and_expiry_flags() {
    let mut c = clinic_on("A1", 1);
    let admin = c.t.admin.clone();
    let (r, doctor) = (c.reception.clone(), c.doctor.clone());
    let s = &mut c.t.store;
    // Everyone starts with an empty profile.
    let all = s.staff_profiles(&admin).unwrap();
    assert!(all.iter().all(|p| p.profile == StaffProfile::default()));
    assert!(all
        .iter()
        .all(|p| p.licence_status == LicenceStatus::NotTracked));
    let before = written(s);
    assert!(matches!(
        s.update_staff_profile(&r, doctor.user_id, &profile("MC-1", ""))
            .unwrap_err(),
        Error::Forbidden(Action::UserManage)
    ));
    assert!(matches!(
        s.staff_profiles(&r).unwrap_err(),
        Error::Forbidden(Action::UserView)
    ));
    let bad = StaffProfile {
        licence_number: String::new(),
        phone: "not a phone".into(),
        ..profile("", "2026-12-01")
    };
    assert_eq!(
        codes(
            s.update_staff_profile(&admin, doctor.user_id, &bad)
                .unwrap_err()
        ),
        [
            ("licence_number".into(), ErrorCode::Required),
            ("phone".into(), ErrorCode::InvalidFormat)
        ]
    );
    assert_eq!(written(s), before, "nothing written");
    // The clock is 2026-11-22: a licence ending 2026-12-10 expires within 30 days.
    let row = s
        .update_staff_profile(&admin, doctor.user_id, &profile(" MC-4471 ", "2026-12-10"))
        .unwrap();
    assert_eq!(row.profile.licence_number, "MC-4471");
    assert_eq!(row.profile.qualifications, ["MBChB", "MMed Paediatrics"]);
    assert_eq!(row.licence_status, LicenceStatus::ExpiringSoon);
    assert_eq!(row.licence_days_left, Some(18));
    let later = s
        .update_staff_profile(&admin, doctor.user_id, &profile("MC-4471", "2028-01-31"))
        .unwrap();
    assert_eq!(later.licence_status, LicenceStatus::Valid);
    // The login and the role are untouched.
    let users = s.list_users(&admin).unwrap();
    let okello = users.iter().find(|u| u.id == doctor.user_id).unwrap();
    assert!(okello.active);
    let listed = s.staff_profiles(&admin).unwrap();
    let mine = listed.iter().find(|p| p.username == "okello").unwrap();
    assert_eq!(mine.profile.specialization, "Paediatrics");
    assert!(s.verify().unwrap().is_ok());
}

#[test]
fn profile_edits_on_two_pcs_merge_field_by_field_and_verify_checks_the_row() {
    let mut a = clinic_on("A1", 1);
    let admin_a = a.t.admin.clone();
    let doctor = a.doctor.user_id;
    let (mut b, _) = second_pc(&a);
    let admin_b = clinic_domain::Actor {
        device_id: b.store.device().unwrap().id,
        ..admin_a.clone()
    };
    a.t.store
        .update_staff_profile(&admin_a, doctor, &profile("MC-1", ""))
        .unwrap();
    exchange(&a.t.store, &mut b.store);
    // Offline: A changes the phone, B the licence number.
    let mut on_a = profile("MC-1", "");
    on_a.phone = "0772 000111".into();
    a.t.store
        .update_staff_profile(&admin_a, doctor, &on_a)
        .unwrap();
    let on_b = profile("MC-2", "2030-01-01");
    b.store
        .update_staff_profile(&admin_b, doctor, &on_b)
        .unwrap();
    exchange(&a.t.store, &mut b.store);
    exchange(&b.store, &mut a.t.store);
    let read = |s: &clinic_store::Store, who: &clinic_domain::Actor| {
        s.staff_profiles(who)
            .unwrap()
            .into_iter()
            .find(|p| p.user_id == doctor.to_string())
            .unwrap()
            .profile
    };
    let (pa, pb) = (read(&a.t.store, &admin_a), read(&b.store, &admin_b));
    assert_eq!(pa, pb, "converged");
    assert_eq!(
        (
            pa.phone.as_str(),
            pa.licence_number.as_str(),
            pa.licence_expiry.as_str()
        ),
        ("0772 000111", "MC-2", "2030-01-01"),
        "both edits kept"
    );
    assert!(a.t.store.verify().unwrap().is_ok());
    let raw = rusqlite::Connection::open(&a.t.path).unwrap();
    raw.execute_batch(&format!("PRAGMA key = \"x'{}'\";", a.t.key.to_hex()))
        .unwrap();
    raw.execute(
        "UPDATE staff_profiles SET licence_number = 'FAKE' WHERE user_id = ?1",
        [doctor.to_string()],
    )
    .unwrap();
    let problems = a.t.store.verify().unwrap().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains(&doctor.to_string()));
}

#[test]
fn the_prescribers_licence_is_printed_on_the_prescription() {
    use base64::Engine;
    use clinic_domain::prescription::{ItemInput, PrescriptionInput};
    let mut c = clinic_on("A1", 1);
    let admin = c.t.admin.clone();
    let doctor = c.doctor.clone();
    let p1 = c.p1.clone();
    let s = &mut c.t.store;
    let rx_input = PrescriptionInput {
        patient_id: p1,
        items: vec![ItemInput {
            drug_id: Some("paracetamol".into()),
            strength: "500 mg".into(),
            form: "tablet".into(),
            dose: "1 tablet".into(),
            route: "oral".into(),
            frequency: "three times a day".into(),
            duration_days: Some(3),
            quantity: Some(9),
            ..Default::default()
        }],
        ..Default::default()
    };
    let print = |s: &mut clinic_store::Store| {
        let rx = s.create_prescription(&doctor, &rx_input).unwrap();
        let id = uuid(&rx.id);
        s.issue_prescription(&doctor, id, "").unwrap();
        let printed = s.print_prescription(&doctor, id).unwrap();
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(printed.pdf_base64)
            .unwrap();
        common::pdf::pdf_text(&pdf)
    };
    let without = print(s);
    assert!(!without.contains("Licence no."), "no licence, no line");
    s.update_staff_profile(&admin, doctor.user_id, &profile("MC-4471", "2028-01-31"))
        .unwrap();
    let with = print(s);
    assert!(
        with.contains("Licence no.") && with.contains("MC-4471 (Medical Council)"),
        "{with}"
    );
}
