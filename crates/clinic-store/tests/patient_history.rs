//! Past surgical history and family history on the patient record, on a real store file: saved
//! and read back, entry ids kept across an edit, and bad entries refused by row with nothing
//! written.
mod common;

use clinic_domain::patient::{FamilyHistoryInput, PatientInput, Relation, SurgeryInput};
use clinic_domain::{ChangeSource, ErrorCode};
use clinic_store::Error;
use common::*;
use uuid::Uuid;

fn with_history() -> PatientInput {
    PatientInput {
        past_surgeries: vec![SurgeryInput {
            procedure: "Appendectomy".into(),
            date: "2004".into(),
            notes: "laparoscopic".into(),
            ..Default::default()
        }],
        family_history: vec![FamilyHistoryInput {
            relation: Relation::Mother,
            condition: "Type 2 diabetes".into(),
            ..Default::default()
        }],
        ..patient("Esther", "Namubiru", "1990-05-21")
    }
}

#[test]
fn history_is_saved_read_back_and_edited_per_entry() {
    let mut t = store();
    let a = t.admin.clone();
    let v = t
        .store
        .register_patient(&a, &with_history(), ChangeSource::Ui)
        .unwrap();
    let id = Uuid::parse_str(&v.id).unwrap();
    let p = t.store.open_patient(&a, id).unwrap().patient;
    assert_eq!(p.past_surgeries[0].procedure, "Appendectomy");
    assert_eq!(p.past_surgeries[0].date, "2004");
    assert_eq!(p.family_history[0].relation, Relation::Mother);
    let surgery_id = p.past_surgeries[0].id.clone();
    assert!(Uuid::parse_str(&surgery_id).is_ok());

    let mut edit = with_history();
    edit.past_surgeries[0].id = Some(surgery_id.clone());
    edit.past_surgeries.push(SurgeryInput {
        procedure: "Caesarean section".into(),
        date: "2019-03-14".into(),
        ..Default::default()
    });
    edit.family_history.clear();
    let p = t.store.update_patient(&a, id, &edit).unwrap().patient;
    assert_eq!(p.past_surgeries.len(), 2);
    assert_eq!(
        p.past_surgeries[0].id, surgery_id,
        "the edited entry keeps its id"
    );
    assert!(p.family_history.is_empty());
}

#[test]
fn bad_entries_are_refused_by_row_and_nothing_is_written() {
    let mut t = store();
    let a = t.admin.clone();
    let before = t.store.count_rows("records").unwrap();
    let mut input = with_history();
    input.past_surgeries[0].date = "2099".into();
    input.family_history[0].condition = " ".into();
    input.family_history[0].notes = "since 2010".into();
    let err = t
        .store
        .register_patient(&a, &input, ChangeSource::Ui)
        .unwrap_err();
    let Error::Invalid(fields) = err else {
        panic!("expected field errors")
    };
    let got: Vec<(&str, ErrorCode)> = fields.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        got,
        [
            ("past_surgeries.0.date", ErrorCode::InFuture),
            ("family_history.0.condition", ErrorCode::Required)
        ]
    );
    assert_eq!(t.store.count_rows("records").unwrap(), before);
}
