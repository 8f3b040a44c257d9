use super::*;
use crate::error::ErrorCode;

fn t(id: &str) -> &'static LabTest {
    test(id).expect("catalogue test")
}

#[test]
fn shipped_catalogue_parses_every_line() {
    let lines = include_str!("catalogue.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count();
    assert_eq!(tests().len(), lines, "a catalogue line does not parse");
    assert!(tests().len() >= 20);
    for x in tests() {
        assert!(x.loinc.contains('-'), "{} LOINC", x.id);
        assert_eq!(x.is_qualitative(), x.unit.is_empty(), "{} unit", x.id);
    }
    let mut ids: Vec<_> = tests().iter().map(|x| x.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), tests().len(), "duplicate test id");
}

#[test]
fn malformed_catalogue_lines_are_skipped() {
    let text = "a|A|1-1|g/L|blood|1-2||\nb|B|2-2||blood|||\nc|C|3-3|g/L|blood|x-y||\nd|D|4-4||urine|||neg,pos\n";
    let parsed = catalogue::parse(text);
    assert_eq!(
        parsed.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ["a"]
    );
}

#[test]
fn flag_case_table() {
    use LabFlag::*;
    let cases: &[(&str, &str, &str, LabFlag)] = &[
        ("hb", "male", "14.0", Normal),
        ("hb", "male", "12.5", Low),
        ("hb", "female", "12.5", Normal),
        ("hb", "female", "16.0", High),
        ("hb", "male", "6.9", CriticalLow),
        ("hb", "male", "7.0", Low),
        ("hb", "male", "20.1", CriticalHigh),
        ("hb", "male", "17.0", Normal),
        ("hb", "other", "14.0", None),
        ("k", "male", "2.7", CriticalLow),
        ("k", "female", "6.5", CriticalHigh),
        ("k", "female", "5.5", High),
        ("k", "unknown", "3.4", Low),
        ("chol", "male", "5.2", Normal),
        ("chol", "male", "6.0", High),
        ("chol", "male", "0.5", Normal),
        ("creat", "female", "90", High),
        ("creat", "male", "90", Normal),
        ("creat", "male", "600", CriticalHigh),
        ("malaria_rdt", "male", "negative", Normal),
        ("malaria_rdt", "male", "Positive", Abnormal),
        ("hiv_rapid", "female", "indeterminate", Abnormal),
        ("urine_protein", "female", "trace", Abnormal),
        ("glu_fast", "male", "", None),
        ("glu_fast", "male", "abc", None),
    ];
    for (id, sex, value, want) in cases {
        assert_eq!(flag(t(id), sex, value), *want, "{id} {sex} {value}");
    }
    assert_eq!(LabFlag::CriticalHigh.code(), "HH");
    assert!(!LabFlag::Normal.is_abnormal() && LabFlag::Low.is_abnormal());
}

#[test]
fn reference_text_per_sex() {
    assert_eq!(t("hb").reference_text("female"), "12 - 15.5");
    assert_eq!(t("chol").reference_text("male"), "< 5.2");
    assert_eq!(t("malaria_rdt").reference_text("male"), "negative");
}

#[test]
fn order_input_reports_every_field() {
    let bad = LabOrderInput {
        encounter_id: "nope".into(),
        test_ids: vec!["hb".into(), "xyz".into(), "hb".into()],
        priority: LabPriority::Urgent,
        clinical_note: "x".repeat(MAX_NOTE + 1),
    };
    let errors = bad.validate().unwrap_err();
    let fields: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        fields,
        [
            ("encounter_id", ErrorCode::InvalidFormat),
            ("test_ids.1", ErrorCode::NotFound),
            ("test_ids.2", ErrorCode::Duplicate),
            ("clinical_note", ErrorCode::TooLong),
        ]
    );
    let empty = LabOrderInput::default().validate().unwrap_err();
    assert_eq!(empty[0].field, "encounter_id");
    assert_eq!(empty[1].field, "test_ids");
}

fn order(ids: &[&str]) -> LabOrder {
    let checked = LabOrderInput {
        encounter_id: uuid::Uuid::nil().to_string(),
        test_ids: ids.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
    .validate()
    .expect("valid order");
    LabOrder {
        ordered_by: "doc".into(),
        patient_sex: "female".into(),
        tests: checked.lines,
        ..Default::default()
    }
}

fn by(user: &str, at: &str) -> LabStamp {
    LabStamp {
        user_id: user.into(),
        name: user.to_uppercase(),
        at: at.into(),
    }
}

fn results(pairs: &[(&str, &str)]) -> LabResultsInput {
    LabResultsInput {
        results: pairs
            .iter()
            .map(|(t, v)| LabResultInput {
                test_id: t.to_string(),
                value: v.to_string(),
                comment: String::new(),
            })
            .collect(),
    }
}

#[test]
fn result_values_are_checked_and_normalised() {
    let o = order(&["hb", "malaria_rdt"]);
    let ok = results(&[("hb", " 11,5 "), ("malaria_rdt", "POSITIVE")])
        .validate(&o.tests)
        .unwrap();
    assert_eq!(ok[0].1, "11.5");
    assert_eq!(ok[1].1, "positive");
    let bad = results(&[
        ("hb", "-3"),
        ("malaria_rdt", "maybe"),
        ("k", "4"),
        ("hb", ""),
    ])
    .validate(&o.tests)
    .unwrap_err();
    let fields: Vec<_> = bad.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        fields,
        [
            ("results.0.value", ErrorCode::InvalidFormat),
            ("results.1.value", ErrorCode::InvalidValue),
            ("results.2.test_id", ErrorCode::NotFound),
            ("results.3.value", ErrorCode::Required),
        ]
    );
    let huge = results(&[("hb", "99999999")])
        .validate(&o.tests)
        .unwrap_err();
    assert_eq!(huge[0].code, ErrorCode::OutOfRange);
}

#[test]
fn status_flow_and_second_person_validation() {
    let mut o = order(&["hb", "malaria_rdt"]);
    let r = results(&[("hb", "11.0")]).validate(&o.tests).unwrap();
    assert_eq!(
        o.enter_results(&r, &by("tech", "t1")).unwrap_err()[0].field,
        "status"
    );
    assert!(o.receive(&by("tech", "t1")).is_err());
    o.collect("LAB-KLA-A1-000001".into(), &by("nurse", "t1"))
        .unwrap();
    assert!(o.collect("again".into(), &by("nurse", "t1")).is_err());
    assert!(o.validate_results(&by("doc", "t2")).is_err());
    o.receive(&by("tech", "t2")).unwrap();
    o.enter_results(&r, &by("tech", "t3")).unwrap();
    assert_eq!(o.status, LabStatus::Received, "one result still missing");
    let r2 = results(&[("malaria_rdt", "negative")])
        .validate(&o.tests)
        .unwrap();
    o.enter_results(&r2, &by("tech", "t4")).unwrap();
    assert_eq!(o.status, LabStatus::Resulted);
    assert_eq!(o.resulted_at, "t4");
    let own = o.validate_results(&by("tech", "t5")).unwrap_err();
    assert_eq!(
        (own[0].field.as_str(), own[0].code),
        ("validated_by", ErrorCode::Forbidden)
    );
    assert!(o.acknowledge(&by("doc", "t5")).is_err());
    o.validate_results(&by("lead", "t5")).unwrap();
    assert_eq!(o.status, LabStatus::Validated);
    assert_eq!(o.abnormal_count(), 1, "Hb 11.0 is low for a woman");
    assert_eq!(o.result_rows()[0].flag, LabFlag::Low);
    assert!(o.enter_results(&r, &by("tech", "t6")).is_err());
    assert!(o.cancel("late".into(), &by("doc", "t6")).is_err());
    assert!(o.acknowledge(&by("someone", "t6")).is_err());
    o.acknowledge(&by("doc", "t6")).unwrap();
    assert_eq!(o.acknowledged_at, "t6");
}

#[test]
fn amendment_keeps_the_old_value_and_needs_validation_again() {
    let mut o = order(&["hb"]);
    o.collect("S".into(), &by("n", "t1")).unwrap();
    o.receive(&by("tech", "t2")).unwrap();
    let r = results(&[("hb", "11.0")]).validate(&o.tests).unwrap();
    o.enter_results(&r, &by("tech", "t3")).unwrap();
    o.validate_results(&by("lead", "t4")).unwrap();
    let input = LabAmendInput {
        test_id: "hb".into(),
        value: "13.1".into(),
        reason: "transcription error".into(),
    };
    let checked = input.validate(&o.tests).unwrap();
    o.amend("a1".into(), checked, &by("tech", "t5")).unwrap();
    assert_eq!(o.status, LabStatus::Resulted);
    assert_eq!(o.amendments[0].old_value, "11.0");
    assert_eq!(o.amendments[0].old_validated_by_name, "LEAD");
    assert_eq!(o.tests[0].value, "13.1");
    assert!(o.validate_results(&by("tech", "t6")).is_err());
    o.validate_results(&by("lead", "t6")).unwrap();
    let no_reason = LabAmendInput {
        test_id: "hb".into(),
        value: "13.2".into(),
        reason: " ".into(),
    };
    assert_eq!(no_reason.validate(&o.tests).unwrap_err()[0].field, "reason");
}

#[test]
fn cancel_needs_a_reason_and_an_open_order() {
    assert_eq!(
        LabCancelInput::default().validate().unwrap_err()[0].field,
        "reason"
    );
    let mut o = order(&["crp"]);
    o.cancel("patient left".into(), &by("doc", "t1")).unwrap();
    assert_eq!(o.status, LabStatus::Cancelled);
    assert!(o.cancel("again".into(), &by("doc", "t2")).is_err());
    assert!(o.collect("S".into(), &by("n", "t2")).is_err());
}

#[test]
fn sample_ids_round_trip() {
    let id = sample_id("KLA", "A1", 42);
    assert_eq!(id, "LAB-KLA-A1-000042");
    assert_eq!(parse_sample_id(&id), Some(("KLA".into(), "A1".into(), 42)));
    assert_eq!(parse_sample_id("INV-KLA-A1-000042"), None);
    assert_eq!(parse_sample_id("LAB-KLA-A1-000000"), None);
}
