use super::*;
use crate::error::FieldError;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("h{n}")
    }
}

fn errors(v: Validation) -> Vec<(String, ErrorCode)> {
    let out: Result<(), Vec<FieldError>> = v.finish(());
    out.err()
        .unwrap_or_default()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

fn surgery(procedure: &str, date: &str) -> SurgeryInput {
    SurgeryInput {
        procedure: procedure.into(),
        date: date.into(),
        ..Default::default()
    }
}

#[test]
fn surgeries_keep_ids_accept_partial_dates_and_drop_blank_rows() {
    let mut v = Validation::default();
    let kept = SurgeryInput {
        id: Some("s-1".into()),
        ..surgery(" Appendectomy ", "2004")
    };
    let out = surgeries(
        &mut v,
        &[
            kept,
            surgery("", " "),
            surgery("Caesarean section", "2019-03"),
        ],
        today(),
        &mut ids(),
    );
    assert!(errors(v).is_empty());
    let got: Vec<(&str, &str, &str)> = out
        .iter()
        .map(|s| (s.id.as_str(), s.procedure.as_str(), s.date.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("s-1", "Appendectomy", "2004"),
            ("h1", "Caesarean section", "2019-03")
        ]
    );
}

#[test]
fn surgery_errors_name_the_row_and_field() {
    let mut v = Validation::default();
    surgeries(
        &mut v,
        &[
            surgery("Hernia repair", "2027"),
            surgery("", "2001"),
            surgery("Tonsillectomy", "03/2001"),
            surgery("Cholecystectomy", "2001-13"),
        ],
        today(),
        &mut ids(),
    );
    assert_eq!(
        errors(v),
        [
            ("past_surgeries.0.date".to_string(), ErrorCode::InFuture),
            (
                "past_surgeries.1.procedure".to_string(),
                ErrorCode::Required
            ),
            (
                "past_surgeries.2.date".to_string(),
                ErrorCode::InvalidFormat
            ),
            (
                "past_surgeries.3.date".to_string(),
                ErrorCode::InvalidFormat
            ),
        ]
    );
}

#[test]
fn family_history_needs_a_condition_and_maps_relations_to_role_codes() {
    let mut v = Validation::default();
    let out = family(
        &mut v,
        &[
            FamilyHistoryInput {
                relation: Relation::Mother,
                condition: "Type 2 diabetes".into(),
                ..Default::default()
            },
            FamilyHistoryInput {
                relation: Relation::Brother,
                notes: "died young".into(),
                ..Default::default()
            },
            FamilyHistoryInput::default(),
        ],
        &mut ids(),
    );
    assert_eq!(
        errors(v),
        [(
            "family_history.1.condition".to_string(),
            ErrorCode::Required
        )]
    );
    assert_eq!(out.len(), 2, "the blank row is dropped");
    assert_eq!(out[0].relation.role_code().0, "MTH");
    assert!(Relation::ALL.iter().all(|r| !r.role_code().0.is_empty()));
}

#[test]
fn a_patient_document_written_before_these_lists_hydrates_with_them_empty() {
    use automerge::transaction::Transactable;
    let patient = crate::patient::Patient {
        given_name: "Amina".into(),
        past_surgeries: vec![PastSurgery {
            id: "s1".into(),
            procedure: "Appendectomy".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let mut doc = automerge::AutoCommit::new();
    autosurgeon::reconcile(&mut doc, &patient).unwrap();
    doc.delete(automerge::ROOT, "past_surgeries").unwrap();
    doc.delete(automerge::ROOT, "family_history").unwrap();
    let old: crate::patient::Patient = autosurgeon::hydrate(&doc).unwrap();
    assert_eq!(old.given_name, "Amina");
    assert!(old.past_surgeries.is_empty() && old.family_history.is_empty());
}
