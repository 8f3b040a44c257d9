//! The patient registry through the real store: numbers, projections, search, duplicates,
//! tombstones, the change log and the audit trail.
mod common;

use clinic_domain::patient::{DuplicateReason, PatientInput};
use clinic_domain::patient_number::PatientNumber;
use clinic_domain::{ChangeSource, ErrorCode};
use clinic_store::Error;
use common::*;

fn names(found: &[clinic_domain::patient::PatientSummary]) -> Vec<String> {
    found
        .iter()
        .map(|p| format!("{} {}", p.given_name, p.family_name))
        .collect()
}

#[test]
fn registering_writes_document_projection_change_log_and_audit() {
    let mut t = store();
    let a = t.admin.clone();
    let before = counts(&t.store);
    let view = t
        .store
        .register_patient(
            &a,
            &patient("Amina", "Nakato", "1990-04-12"),
            ChangeSource::Ui,
        )
        .unwrap();
    let number = PatientNumber::parse(&view.patient.number).expect("valid number");
    assert_eq!(
        (
            number.clinic.as_str(),
            number.device.as_str(),
            number.sequence
        ),
        ("KLA", "A1", 1)
    );
    let after = counts(&t.store);
    let delta: Vec<i64> = after.iter().zip(&before).map(|(a, b)| a.1 - b.1).collect();
    assert_eq!(
        delta,
        [1, 1, 1, 1, 0],
        "records, change_log, patients, audit_log, users"
    );
    let log = t.store.changes_since(0, 100, true).unwrap();
    assert_eq!(log.last().unwrap().source, ChangeSource::Ui);
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let mut t = store();
    let a = t.admin.clone();
    let before = counts(&t.store);
    let bad = PatientInput {
        family_name: " ".into(),
        phone: "abc".into(),
        ..patient("Amina", "", "2030-01-01")
    };
    let Err(Error::Invalid(errors)) = t.store.register_patient(&a, &bad, ChangeSource::Ui) else {
        panic!("accepted")
    };
    let fields: Vec<(&str, ErrorCode)> =
        errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        fields,
        [
            ("family_name", ErrorCode::Required),
            ("birth_date", ErrorCode::InFuture),
            ("phone", ErrorCode::InvalidFormat)
        ]
    );
    assert_eq!(counts(&t.store), before);
}

#[test]
fn editing_changes_only_the_edited_fields_and_keeps_the_number() {
    let mut t = store();
    let a = t.admin.clone();
    let v = t
        .store
        .register_patient(
            &a,
            &patient("Amina", "Nakato", "1990-04-12"),
            ChangeSource::Ui,
        )
        .unwrap();
    let id = uuid::Uuid::parse_str(&v.id).unwrap();
    let edited = PatientInput {
        phone: "0772 123456".into(),
        ..patient("Amina", "Nakato", "1990-04-12")
    };
    let v2 = t.store.update_patient(&a, id, &edited).unwrap();
    assert_eq!(
        (v2.patient.number, v2.patient.phone.as_str()),
        (v.patient.number, "0772 123456")
    );
    let history = t.store.patient_history(&a, id).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|h| h.action.as_str())
            .collect::<Vec<_>>(),
        ["create", "update"]
    );
    assert_eq!(history[1].fields, ["phone"]);
    assert_eq!(history[1].username, "admin");
    // Saving the same values again is no change at all.
    let changes = t.store.count_rows("change_log").unwrap();
    t.store.update_patient(&a, id, &edited).unwrap();
    assert_eq!(t.store.count_rows("change_log").unwrap(), changes);
}

#[test]
fn delete_is_a_tombstone_that_restore_lifts() {
    let mut t = store();
    let a = t.admin.clone();
    let v = t
        .store
        .register_patient(
            &a,
            &patient("Moses", "Okello", "1985-02-03"),
            ChangeSource::Ui,
        )
        .unwrap();
    let id = uuid::Uuid::parse_str(&v.id).unwrap();
    assert!(t.store.delete_patient(&a, id).unwrap().patient.deleted);
    assert_eq!(
        t.store.count_rows("records").unwrap(),
        2,
        "the document stays (admin user + patient)"
    );
    assert!(t
        .store
        .search_patients(&a, "moses", false, 10)
        .unwrap()
        .is_empty());
    assert_eq!(
        t.store
            .search_patients(&a, "moses", true, 10)
            .unwrap()
            .len(),
        1
    );
    assert!(!t.store.restore_patient(&a, id).unwrap().patient.deleted);
    assert_eq!(
        names(&t.store.search_patients(&a, "moses", false, 10).unwrap()),
        ["Moses Okello"]
    );
}

#[test]
fn search_by_prefix_accents_case_number_phone_and_national_id() {
    let mut t = store();
    let a = t.admin.clone();
    let zoe = PatientInput {
        phone: "+256 772 555 010".into(),
        national_id: "CM 9001 22A".into(),
        ..patient("Zoë", "Lefèvre", "2001-05-06")
    };
    let v = t
        .store
        .register_patient(&a, &zoe, ChangeSource::Ui)
        .unwrap();
    t.store
        .register_patient(
            &a,
            &patient("Zoltan", "Kamau", "1970-01-01"),
            ChangeSource::Ui,
        )
        .unwrap();
    t.store
        .register_patient(
            &a,
            &patient("Grace", "Achieng", "1999-09-09"),
            ChangeSource::Ui,
        )
        .unwrap();
    let find =
        |t: &TestStore, q: &str| names(&t.store.search_patients(&t.admin, q, false, 20).unwrap());
    assert_eq!(find(&t, "zoe"), ["Zoë Lefèvre"]);
    assert_eq!(find(&t, "ZOË LEF"), ["Zoë Lefèvre"]);
    assert_eq!(find(&t, "lefev"), ["Zoë Lefèvre"]);
    let mut zo = find(&t, "zo");
    zo.sort();
    assert_eq!(zo, ["Zoltan Kamau", "Zoë Lefèvre"]);
    assert_eq!(find(&t, &v.patient.number), ["Zoë Lefèvre"]);
    assert_eq!(
        find(&t, &v.patient.number[..12].to_lowercase()),
        ["Zoë Lefèvre"],
        "number without its check character"
    );
    assert_eq!(
        find(&t, "kla-a1-0000").len(),
        3,
        "a number prefix matches every number it starts"
    );
    assert_eq!(
        find(&t, "0772555"),
        Vec::<String>::new(),
        "digits must match from the start of the stored number"
    );
    assert_eq!(find(&t, "256772555"), ["Zoë Lefèvre"]);
    assert_eq!(find(&t, "772 555"), ["Zoë Lefèvre"]);
    assert_eq!(find(&t, "cm900122"), ["Zoë Lefèvre"]);
    assert_eq!(find(&t, "nobody"), Vec::<String>::new());
    assert_eq!(
        find(&t, "\" OR * ("),
        Vec::<String>::new(),
        "FTS syntax in the query is harmless"
    );
}

#[test]
fn a_typo_still_finds_the_patient() {
    let mut t = store();
    let a = t.admin.clone();
    t.store
        .register_patient(
            &a,
            &patient("Wanjiru", "Njoroge", "1980-01-01"),
            ChangeSource::Ui,
        )
        .unwrap();
    t.store
        .register_patient(
            &a,
            &patient("Achieng", "Otieno", "1980-01-01"),
            ChangeSource::Ui,
        )
        .unwrap();
    let find = |q: &str| names(&t.store.search_patients(&a, q, false, 20).unwrap());
    assert_eq!(find("wanjriu"), ["Wanjiru Njoroge"], "swapped letters");
    assert_eq!(find("njorogee"), ["Wanjiru Njoroge"], "extra letter");
    assert_eq!(find("achiemg otieno"), ["Achieng Otieno"], "wrong letter");
    assert_eq!(
        find("wanjx"),
        ["Wanjiru Njoroge"],
        "typo while still typing"
    );
    assert!(find("qqqqqq").is_empty());
}

#[test]
fn likely_duplicates_are_found_before_saving() {
    let mut t = store();
    let a = t.admin.clone();
    let first = PatientInput {
        phone: "0772 000111".into(),
        national_id: "CM1234567".into(),
        ..patient("Amina", "Nakato", "1990-04-12")
    };
    t.store
        .register_patient(&a, &first, ChangeSource::Ui)
        .unwrap();
    let check = |input: PatientInput| -> Vec<DuplicateReason> {
        t.store
            .find_duplicates(&a, &input, None)
            .unwrap()
            .into_iter()
            .flat_map(|d| d.reasons)
            .collect()
    };
    assert_eq!(
        check(patient("AMINA", "nakató", "1990-04-12")),
        [DuplicateReason::NameAndBirthDate]
    );
    assert_eq!(
        check(PatientInput {
            phone: "+0772-000-111".into(),
            ..patient("Other", "Person", "1950-01-01")
        }),
        [DuplicateReason::Phone]
    );
    assert_eq!(
        check(PatientInput {
            national_id: "cm 1234567".into(),
            ..patient("Other", "Person", "1950-01-01")
        }),
        [DuplicateReason::NationalId]
    );
    assert_eq!(check(first.clone()).len(), 3);
    assert!(check(patient("Amina", "Nakato", "1991-04-12")).is_empty());
}

#[test]
fn viewing_is_audited_and_a_refused_role_is_audited_and_writes_nothing() {
    let mut t = store();
    let a = t.admin.clone();
    let v = t
        .store
        .register_patient(
            &a,
            &patient("Amina", "Nakato", "1990-04-12"),
            ChangeSource::Ui,
        )
        .unwrap();
    let id = uuid::Uuid::parse_str(&v.id).unwrap();
    let audits = t.store.count_rows("audit_log").unwrap();
    t.store.open_patient(&a, id).unwrap();
    assert_eq!(t.store.count_rows("audit_log").unwrap(), audits + 1);

    let pharmacist = clinic_domain::Actor {
        role: clinic_domain::Role::Pharmacist,
        ..a.clone()
    };
    let before = counts(&t.store);
    let err = t
        .store
        .register_patient(
            &pharmacist,
            &patient("X", "Y", "1990-01-01"),
            ChangeSource::Ui,
        )
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Forbidden(clinic_domain::Action::PatientRegister)
    ));
    assert!(t.store.delete_patient(&pharmacist, id).is_err());
    let after = counts(&t.store);
    assert_eq!(
        after[0..3],
        before[0..3],
        "no record, change or projection written"
    );
    assert_eq!(after[3].1, before[3].1 + 2, "both refusals audited");
    assert!(
        t.store.open_patient(&pharmacist, id).is_ok(),
        "pharmacists may read"
    );
}

#[test]
fn unknown_ids_are_not_found() {
    let mut t = store();
    let a = t.admin.clone();
    assert!(matches!(
        t.store.open_patient(&a, uuid::Uuid::from_u64_pair(9, 9)),
        Err(Error::NotFound { .. })
    ));
    assert!(clinic_store::patients::parse_id("not-an-id").is_err());
}

#[test]
fn an_unchanged_estimated_age_keeps_its_birth_date() {
    let mut t = store();
    let a = t.admin.clone();
    let input = PatientInput {
        birth_date: None,
        estimated_age_years: Some(40),
        ..patient("Kato", "Wasswa", "")
    };
    let v = t
        .store
        .register_patient(&a, &input, ChangeSource::Ui)
        .unwrap();
    let id = uuid::Uuid::parse_str(&v.id).unwrap();
    t.clock.advance(chrono::Duration::days(200));
    let edited = PatientInput {
        address: "Jinja".into(),
        ..input.clone()
    };
    let v2 = t.store.update_patient(&a, id, &edited).unwrap();
    assert_eq!(v2.patient.birth_date, v.patient.birth_date);
    let older = PatientInput {
        estimated_age_years: Some(45),
        ..edited
    };
    assert_ne!(
        t.store
            .update_patient(&a, id, &older)
            .unwrap()
            .patient
            .birth_date,
        v.patient.birth_date
    );
}
