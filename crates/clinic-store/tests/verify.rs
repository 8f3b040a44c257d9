//! `verify` finds tampering done behind the app's back: an edited or removed audit row, and a
//! projection that disagrees with its document.
mod common;

use clinic_domain::ChangeSource;
use common::*;

/// A second, raw connection to the store file, as someone with the key and a SQLite shell would have.
fn raw(t: &TestStore) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(&t.path).unwrap();
    c.execute_batch(&format!("PRAGMA key = \"x'{}'\";", t.key.to_hex()))
        .unwrap();
    c
}

fn seeded() -> TestStore {
    let mut t = store();
    let a = t.admin.clone();
    for (g, f) in [
        ("Amina", "Nakato"),
        ("Moses", "Okello"),
        ("Grace", "Achieng"),
    ] {
        t.store
            .register_patient(&a, &patient(g, f, "1990-01-01"), ChangeSource::Ui)
            .unwrap();
    }
    t
}

#[test]
fn a_clean_store_verifies() {
    let t = seeded();
    let report = t.store.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.records_checked, 4);
}

#[test]
fn an_edited_audit_entry_is_detected() {
    let t = seeded();
    raw(&t)
        .execute(
            "UPDATE audit_log SET username = 'someone' WHERE seq = 2",
            [],
        )
        .unwrap();
    let problems = t.store.verify().unwrap().problems;
    assert!(
        problems.iter().any(|p| p == "audit entry 2 was altered"),
        "{problems:?}"
    );
}

#[test]
fn a_removed_audit_entry_is_detected_in_the_middle_and_at_the_end() {
    let t = seeded();
    raw(&t)
        .execute("DELETE FROM audit_log WHERE seq = 3", [])
        .unwrap();
    let problems = t.store.verify().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("audit entry 3 is missing")),
        "{problems:?}"
    );

    let t = seeded();
    raw(&t)
        .execute(
            "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
            [],
        )
        .unwrap();
    let problems = t.store.verify().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("newest audit entries were removed")),
        "{problems:?}"
    );
}

#[test]
fn a_projection_that_disagrees_with_its_document_is_detected() {
    let t = seeded();
    raw(&t)
        .execute(
            "UPDATE patients SET family_name = 'Forged' WHERE given_name = 'Moses'",
            [],
        )
        .unwrap();
    let problems = t.store.verify().unwrap().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("the patient list disagrees with the document (family_name)"));
    assert!(
        !problems[0].contains("Forged") && !problems[0].contains("Okello"),
        "no clinical values in the report"
    );
}

#[test]
fn a_search_index_that_disagrees_is_detected() {
    let t = seeded();
    raw(&t)
        .execute(
            "UPDATE patients_fts SET names = 'someone else' WHERE names = 'grace achieng'",
            [],
        )
        .unwrap();
    let problems = t.store.verify().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("search index disagrees")),
        "{problems:?}"
    );
}

#[test]
fn two_processes_writing_at_once_keep_one_unbroken_chain() {
    let t = seeded();
    let (mut second, _) = open(&t.path, &t.key, 77);
    let a = t.admin.clone();
    let mut first = t.store;
    let id = first.search_patients(&a, "moses", false, 1).unwrap()[0].id;
    let a2 = a.clone();
    let other = std::thread::spawn(move || {
        for i in 0..40 {
            second
                .register_patient(
                    &a2,
                    &patient(&format!("Other{i}"), "Writer", "1990-01-01"),
                    ChangeSource::Ui,
                )
                .unwrap();
            second.open_patient(&a2, id).unwrap();
        }
        second
    });
    for _ in 0..80 {
        first.open_patient(&a, id).unwrap();
    }
    let second = other.join().unwrap();
    // Each process sees one intact store, the other's writes included.
    for store in [&first, &second] {
        let report = store.verify().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
    }
    assert_eq!(
        first
            .search_patients(&a, "writer", false, 100)
            .unwrap()
            .len(),
        40
    );
    let n = second.count_rows("patients").unwrap();
    let report = first.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(n, 43);
}
