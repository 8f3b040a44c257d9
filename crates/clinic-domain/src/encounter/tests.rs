use super::*;
use crate::ErrorCode;

fn fields(errors: &[crate::FieldError]) -> Vec<(String, ErrorCode)> {
    errors.iter().map(|e| (e.field.clone(), e.code)).collect()
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("v{n}")
    }
}

#[test]
fn bmi_is_computed_in_tenths_from_grams_and_millimetres() {
    // 70 kg, 1.75 m → 22.857 → 22.9
    assert_eq!(bmi_tenths(Some(70_000), Some(1_750)), Some(229));
    // 3.4 kg newborn, 50 cm → 13.6
    assert_eq!(bmi_tenths(Some(3_400), Some(500)), Some(136));
    // Rounded half up: 100 kg at 2 m = 25.0
    assert_eq!(bmi_tenths(Some(100_000), Some(2_000)), Some(250));
    assert_eq!(bmi_tenths(Some(70_000), None), None);
    assert_eq!(bmi_tenths(None, Some(1_750)), None);
    assert_eq!(bmi_tenths(Some(70_000), Some(0)), None);
    assert_eq!(bmi_tenths(Some(i32::MAX), Some(1)), None);
}

#[test]
fn vitals_validation_case_table() {
    let ok = VitalsInput {
        systolic_mmhg: Some(120),
        diastolic_mmhg: Some(80),
        pulse_bpm: Some(72),
        temperature_tenths_c: Some(370),
        respiratory_rate: Some(16),
        spo2_percent: Some(98),
        weight_g: Some(70_000),
        height_mm: Some(1_750),
    };
    let cases: Vec<(VitalsInput, Vec<(&str, ErrorCode)>)> = vec![
        (ok, vec![]),
        (
            VitalsInput {
                pulse_bpm: Some(72),
                ..Default::default()
            },
            vec![],
        ),
        (
            VitalsInput::default(),
            vec![("vitals.0", ErrorCode::Required)],
        ),
        (
            VitalsInput {
                pulse_bpm: Some(400),
                ..ok
            },
            vec![("vitals.0.pulse_bpm", ErrorCode::OutOfRange)],
        ),
        (
            VitalsInput {
                temperature_tenths_c: Some(37),
                spo2_percent: Some(101),
                weight_g: Some(70),
                height_mm: Some(17_500),
                respiratory_rate: Some(0),
                ..ok
            },
            vec![
                ("vitals.0.temperature_tenths_c", ErrorCode::OutOfRange),
                ("vitals.0.respiratory_rate", ErrorCode::OutOfRange),
                ("vitals.0.spo2_percent", ErrorCode::OutOfRange),
                ("vitals.0.weight_g", ErrorCode::OutOfRange),
                ("vitals.0.height_mm", ErrorCode::OutOfRange),
            ],
        ),
        (
            VitalsInput {
                systolic_mmhg: Some(80),
                diastolic_mmhg: Some(120),
                ..ok
            },
            vec![("vitals.0.diastolic_mmhg", ErrorCode::InvalidValue)],
        ),
        (
            VitalsInput {
                diastolic_mmhg: None,
                ..ok
            },
            vec![("vitals.0.diastolic_mmhg", ErrorCode::Required)],
        ),
        (
            VitalsInput {
                systolic_mmhg: None,
                ..ok
            },
            vec![("vitals.0.systolic_mmhg", ErrorCode::Required)],
        ),
    ];
    for (input, expected) in cases {
        let got = VitalsInput::validate_all(&[input], "t", "u", &mut counter());
        let expected: Vec<(String, ErrorCode)> =
            expected.into_iter().map(|(f, c)| (f.into(), c)).collect();
        match got {
            Ok(sets) => {
                assert!(
                    expected.is_empty(),
                    "{input:?} passed, expected {expected:?}"
                );
                assert_eq!(sets[0].taken_by, "u");
                assert_eq!(sets[0].id, "v1");
            }
            Err(e) => assert_eq!(fields(&e), expected, "{input:?}"),
        }
    }
}

#[test]
fn every_vitals_set_reports_its_own_index_at_once() {
    let good = VitalsInput {
        pulse_bpm: Some(80),
        ..Default::default()
    };
    let bad = VitalsInput {
        pulse_bpm: Some(5),
        ..Default::default()
    };
    let err = VitalsInput::validate_all(&[good, bad, bad], "t", "u", &mut counter()).unwrap_err();
    assert_eq!(
        fields(&err),
        vec![
            ("vitals.1.pulse_bpm".to_string(), ErrorCode::OutOfRange),
            ("vitals.2.pulse_bpm".to_string(), ErrorCode::OutOfRange),
        ]
    );
    let none = VitalsInput::validate_all(&[], "t", "u", &mut counter()).unwrap_err();
    assert_eq!(
        fields(&none),
        vec![("vitals".to_string(), ErrorCode::Required)]
    );
}

#[test]
fn diagnosis_needs_a_listed_code_and_takes_its_title() {
    let d = DiagnosisInput {
        code: "i10".into(),
        primary: true,
        note: " controlled ".into(),
    }
    .validate("d1".into(), "doc", "t")
    .unwrap();
    assert_eq!(d.code, "I10");
    assert_eq!(d.title, "Essential (primary) hypertension");
    assert_eq!(d.note, "controlled");
    let cases = [
        ("", "", vec![("code", ErrorCode::Required)]),
        ("X99.99", "", vec![("code", ErrorCode::InvalidValue)]),
        (
            "J06",
            &"n".repeat(501)[..],
            vec![
                ("note", ErrorCode::TooLong),
                ("code", ErrorCode::InvalidValue),
            ],
        ),
    ];
    for (code, note, expected) in cases {
        let err = DiagnosisInput {
            code: code.into(),
            primary: false,
            note: note.into(),
        }
        .validate("d".into(), "doc", "t")
        .unwrap_err();
        let expected: Vec<(String, ErrorCode)> =
            expected.into_iter().map(|(f, c)| (f.into(), c)).collect();
        assert_eq!(fields(&err), expected, "{code}");
    }
}

#[test]
fn notes_and_open_inputs_report_every_field() {
    let long = "x".repeat(20_001);
    let err = EncounterNotesInput {
        chief_complaint: "c".repeat(301),
        history: long.clone(),
        examination: String::new(),
        plan: long.clone(),
        notes: long,
        follow_up: "2026-02-30".into(),
    }
    .validate()
    .unwrap_err();
    let got: Vec<String> = err.iter().map(|e| e.field.clone()).collect();
    assert_eq!(
        got,
        ["chief_complaint", "history", "plan", "notes", "follow_up"]
    );
    let err = EncounterOpenInput {
        patient_id: "nope".into(),
        appointment_id: Some("bad".into()),
        chief_complaint: "cough".into(),
    }
    .validate()
    .unwrap_err();
    let got: Vec<String> = err.iter().map(|e| e.field.clone()).collect();
    assert_eq!(got, ["appointment_id", "patient_id"]);
}

#[test]
fn primary_diagnosis_is_the_first_marked() {
    let mut e = Encounter::default();
    assert!(e.primary_diagnosis().is_none());
    for (id, primary) in [("a", false), ("b", true), ("c", true)] {
        e.diagnoses.push(Diagnosis {
            id: id.into(),
            primary,
            ..Default::default()
        });
    }
    assert_eq!(e.primary_diagnosis().map(|d| d.id.as_str()), Some("b"));
    assert_eq!(
        EncounterStatus::parse("closed"),
        Some(EncounterStatus::Closed)
    );
    assert_eq!(EncounterStatus::Open.as_str(), "open");
}
