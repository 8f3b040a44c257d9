//! CSV import and export, and encrypted backup and restore.
mod common;

use clinic_domain::ChangeSource;
use common::*;
use std::sync::Arc;

const CSV: &str = "\
given_name,family_name,sex,birth_date,estimated_age_years,phone,national_id,blood_type,allergies,chronic_conditions
Amina,Nakato,F,1990-04-12,,0772 000111,CM1234567,O+,Penicillin:severe:hives; Latex:mild,Asthma
Moses,Okello,m,,45,,,unknown,,
Bad,Sex,X,1990-01-01,,,,,,
,Nameless,f,1990-01-01,,,,,,
Future,Born,f,2099-01-01,,,,,,
Zoë,Lefèvre,f,2001-05-06,,+256 772 555 010,,AB-,Sulfa:terrible,
Amina,NAKATO,female,1990-04-12,,,,,,
";

#[test]
fn import_reports_bad_rows_by_line_saves_good_ones_and_reruns_add_nothing() {
    let mut t = store();
    let a = t.admin.clone();
    let report = t.store.import_csv(&a, CSV.as_bytes()).unwrap();
    assert_eq!(report.imported, 2);
    let errors: Vec<(u64, &str)> = report
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (4, "sex"),
            (5, "given_name"),
            (6, "birth_date"),
            (7, "allergies.0.severity")
        ]
    );
    assert_eq!(report.already_registered.len(), 1, "line 8 is Amina again");
    assert_eq!(report.already_registered[0].0, 8);
    let amina = &t.store.search_patients(&a, "amina", false, 5).unwrap()[0];
    let doc = t.store.open_patient(&a, amina.id).unwrap().patient;
    assert_eq!(doc.allergies.len(), 2);
    assert_eq!(doc.chronic_conditions, ["Asthma"]);

    let before = counts(&t.store);
    let again = t.store.import_csv(&a, CSV.as_bytes()).unwrap();
    assert_eq!(again.imported, 0);
    assert_eq!(again.already_registered.len(), 3);
    assert_eq!(
        counts(&t.store)[0..3],
        before[0..3],
        "no new records on a re-run"
    );
}

#[test]
fn a_file_with_an_unknown_column_is_refused_whole() {
    let mut t = store();
    let a = t.admin.clone();
    let before = counts(&t.store);
    let err = t
        .store
        .import_csv(&a, "given_name,family_name,shoe_size\nA,B,42\n".as_bytes())
        .unwrap_err();
    assert!(
        err.to_string().contains("unknown column \"shoe_size\""),
        "{err}"
    );
    assert_eq!(counts(&t.store), before);
}

#[test]
fn export_then_import_into_another_store_round_trips() {
    let mut t = store();
    let a = t.admin.clone();
    t.store.import_csv(&a, CSV.as_bytes()).unwrap();
    let mut csv = Vec::new();
    assert_eq!(t.store.export_csv(&a, &mut csv).unwrap(), 2);
    let mut json = Vec::new();
    t.store.export_json(&a, &mut json).unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(parsed.as_array().unwrap().len(), 2);

    let mut other = store_on("B2", 2);
    let oa = other.admin.clone();
    let report = other.store.import_csv(&oa, csv.as_slice()).unwrap();
    assert_eq!(
        (report.imported, report.errors.len()),
        (2, 0),
        "{:?}",
        report.errors
    );
    let amina = &other.store.search_patients(&oa, "amina", false, 5).unwrap()[0];
    assert_eq!(
        (amina.phone.as_str(), amina.birth_date.as_str()),
        ("0772 000111", "1990-04-12")
    );
    let allergies = other
        .store
        .open_patient(&oa, amina.id)
        .unwrap()
        .patient
        .allergies;
    assert_eq!(
        allergies
            .iter()
            .map(|a| (a.substance.as_str(), a.reaction.as_str()))
            .collect::<Vec<_>>(),
        [("Penicillin", "hives"), ("Latex", "")]
    );
}

#[test]
fn backup_is_encrypted_and_restores_into_a_new_folder() {
    let mut t = store();
    let a = t.admin.clone();
    t.store
        .register_patient(
            &a,
            &patient("Wanjiru", "Kamau", "1990-01-02"),
            ChangeSource::Ui,
        )
        .unwrap();
    let out = t.dir.path().join("backup.clinic");
    assert!(t.store.backup(&a, &out).unwrap() > 0);
    let bytes = std::fs::read(&out).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3") && !bytes.windows(7).any(|w| w == b"Wanjiru"));
    assert!(t.store.backup(&a, &out).is_err(), "never overwrites");

    let target = tempfile::tempdir().unwrap();
    let clock = Arc::new(clinic_store::clock::ManualClock::new(start()));
    let ids = Arc::new(clinic_store::clock::SequentialIds::new(3));
    let live = clinic_store::backup::restore(
        target.path(),
        &out,
        &t.key,
        clock.clone(),
        ids.clone(),
        |s| s.authenticate("admin", PASSWORD).map(|_| ()),
    )
    .unwrap();
    let (restored, _) = open(&live, &t.key, 4);
    assert_eq!(
        restored
            .search_patients(&a, "wanjiru", false, 5)
            .unwrap()
            .len(),
        1
    );

    // A wrong key, or a refused check, leaves the target as it was.
    let wrong = clinic_store::key::StoreKey::generate().unwrap();
    let other = tempfile::tempdir().unwrap();
    assert!(clinic_store::backup::restore(
        other.path(),
        &out,
        &wrong,
        clock.clone(),
        ids.clone(),
        |_| Ok(())
    )
    .is_err());
    assert!(
        clinic_store::backup::restore(other.path(), &out, &t.key, clock, ids, |s| s
            .authenticate("admin", "wrong password 1")
            .map(|_| ()))
        .is_err()
    );
    assert_eq!(std::fs::read_dir(other.path()).unwrap().count(), 0);
}
