//! The lab source of the in-app reminders: a validated result the doctor ordered shows among
//! that doctor's reminders (test names, abnormal count), not another doctor's, and goes once
//! acknowledged.
mod common;
mod lab_support;

use chrono::NaiveDate;
use clinic_domain::reminder::ReminderItemKind;
use clinic_domain::Role;
use common::store;
use lab_support::*;

#[test]
fn a_validated_result_is_a_reminder_for_the_ordering_doctor_until_acknowledged() {
    let mut t = store();
    let s = staff(&t);
    let (patient, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let id = validated_order(&mut t, &s, encounter);
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let labs = |t: &common::TestStore, who| -> Vec<_> {
        t.store
            .reminders(who, today)
            .unwrap()
            .into_iter()
            .filter(|i| i.kind == ReminderItemKind::LabResult)
            .collect()
    };
    let mine = labs(&t, &s.doctor);
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0].target_id, id.to_string());
    assert_eq!(mine[0].patient_id, patient.to_string());
    assert_eq!(
        (mine[0].detail.as_str(), mine[0].amount),
        ("Haemoglobin, Potassium, Malaria rapid diagnostic test", 3)
    );
    let other = actor(&t, Role::Doctor, "dr.other", 9);
    assert!(labs(&t, &other).is_empty());
    assert!(
        labs(&t, &s.nurse).is_empty(),
        "only who may order sees them"
    );
    t.store.acknowledge_lab_results(&s.doctor, id).unwrap();
    assert!(labs(&t, &s.doctor).is_empty());
}
