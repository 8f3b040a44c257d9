use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("a{n}")
    }
}

fn valid() -> PatientInput {
    PatientInput {
        given_name: " Amina ".into(),
        family_name: "Nakato".into(),
        sex: Sex::Female,
        birth_date: Some("1990-04-12".into()),
        phone: "+256 772 123456".into(),
        ..Default::default()
    }
}

fn fields(input: &PatientInput) -> Vec<(String, ErrorCode)> {
    input
        .validate(today(), &mut ids())
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect()
}

#[test]
fn valid_input_is_trimmed() {
    let p = valid().validate(today(), &mut ids()).unwrap();
    assert_eq!(p.given_name, "Amina");
    assert_eq!(p.birth_date, "1990-04-12");
    assert!(!p.birth_date_estimated && !p.deleted);
}

#[test]
fn estimated_age_gives_an_estimated_birth_date() {
    let input = PatientInput {
        birth_date: None,
        estimated_age_years: Some(40),
        ..valid()
    };
    let p = input.validate(today(), &mut ids()).unwrap();
    assert_eq!(
        (p.birth_date.as_str(), p.birth_date_estimated),
        ("1986-11-22", true)
    );
}

#[test]
fn each_bad_field_is_named() {
    let cases: Vec<(PatientInput, &str, ErrorCode)> = vec![
        (
            PatientInput {
                given_name: "  ".into(),
                ..valid()
            },
            "given_name",
            ErrorCode::Required,
        ),
        (
            PatientInput {
                family_name: "x".repeat(101),
                ..valid()
            },
            "family_name",
            ErrorCode::TooLong,
        ),
        (
            PatientInput {
                birth_date: Some("12/04/1990".into()),
                ..valid()
            },
            "birth_date",
            ErrorCode::InvalidFormat,
        ),
        (
            PatientInput {
                birth_date: Some("2027-01-01".into()),
                ..valid()
            },
            "birth_date",
            ErrorCode::InFuture,
        ),
        (
            PatientInput {
                birth_date: Some("1850-01-01".into()),
                ..valid()
            },
            "birth_date",
            ErrorCode::OutOfRange,
        ),
        (
            PatientInput {
                birth_date: None,
                ..valid()
            },
            "birth_date",
            ErrorCode::Required,
        ),
        (
            PatientInput {
                birth_date: None,
                estimated_age_years: Some(131),
                ..valid()
            },
            "estimated_age_years",
            ErrorCode::OutOfRange,
        ),
        (
            PatientInput {
                phone: "call me".into(),
                ..valid()
            },
            "phone",
            ErrorCode::InvalidFormat,
        ),
        (
            PatientInput {
                phone: "12345".into(),
                ..valid()
            },
            "phone",
            ErrorCode::InvalidFormat,
        ),
        (
            PatientInput {
                national_id: "A$1234".into(),
                ..valid()
            },
            "national_id",
            ErrorCode::InvalidFormat,
        ),
        (
            PatientInput {
                insurance_policy: "P-1".into(),
                ..valid()
            },
            "insurance_provider",
            ErrorCode::Required,
        ),
        (
            PatientInput {
                emergency_contact: EmergencyContact {
                    phone: "0772000111".into(),
                    ..Default::default()
                },
                ..valid()
            },
            "emergency_contact.name",
            ErrorCode::Required,
        ),
    ];
    for (input, field, code) in cases {
        assert_eq!(fields(&input), vec![(field.to_string(), code)], "{field}");
    }
}

#[test]
fn all_errors_are_reported_together() {
    let input = PatientInput {
        given_name: "".into(),
        family_name: "".into(),
        birth_date: None,
        ..valid()
    };
    let got: Vec<String> = fields(&input).into_iter().map(|(f, _)| f).collect();
    assert_eq!(got, ["given_name", "family_name", "birth_date"]);
}

#[test]
fn allergies_get_ids_and_duplicates_are_refused() {
    let allergy = |s: &str| AllergyInput {
        id: None,
        substance: s.into(),
        severity: AllergySeverity::Severe,
        reaction: String::new(),
    };
    let input = PatientInput {
        allergies: vec![allergy("Penicillin"), allergy("Sulfa")],
        ..valid()
    };
    let p = input.validate(today(), &mut ids()).unwrap();
    assert_eq!(
        p.allergies
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>(),
        ["a1", "a2"]
    );

    let dup = PatientInput {
        allergies: vec![allergy("Penicillin"), allergy("Amoxicillin")],
        ..valid()
    };
    assert!(
        dup.validate(today(), &mut ids()).is_ok(),
        "different words are not duplicates"
    );
    let dup = PatientInput {
        allergies: vec![allergy("Penicillin"), allergy("PENICILLIN")],
        ..valid()
    };
    assert_eq!(
        fields(&dup),
        vec![("allergies.1.substance".to_string(), ErrorCode::Duplicate)]
    );
}

#[test]
fn blank_list_entries_are_dropped() {
    let input = PatientInput {
        chronic_conditions: vec!["Diabetes".into(), "  ".into()],
        ..valid()
    };
    assert_eq!(
        input
            .validate(today(), &mut ids())
            .unwrap()
            .chronic_conditions,
        ["Diabetes"]
    );
}

#[test]
fn enum_parsers_accept_common_forms() {
    assert_eq!(Sex::parse("F"), Some(Sex::Female));
    assert_eq!(Sex::parse("x"), None);
    assert_eq!(BloodType::parse("ab+"), Some(BloodType::AbPos));
    assert_eq!(BloodType::parse("C+"), None);
    assert_eq!(
        AllergySeverity::parse("life threatening"),
        Some(AllergySeverity::LifeThreatening)
    );
}
