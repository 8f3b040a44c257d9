use super::*;
use crate::ErrorCode;

fn good_item() -> ItemInput {
    ItemInput {
        drug_id: Some("amoxicillin".into()),
        strength: "500 mg".into(),
        form: "capsule".into(),
        dose: "1 capsule".into(),
        route: "oral".into(),
        frequency: "3 times a day".into(),
        duration_days: Some(5),
        quantity: Some(15),
        ..Default::default()
    }
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("item-{n}")
    }
}

#[test]
fn valid_input_takes_the_catalogue_name() {
    let input = PrescriptionInput {
        patient_id: "00000000-0000-0000-0000-000000000001".into(),
        items: vec![
            good_item(),
            ItemInput {
                drug_id: None,
                drug_name: " Local herbal syrup ".into(),
                ..good_item()
            },
        ],
        ..Default::default()
    };
    let checked = input.validate(&mut ids()).unwrap();
    assert_eq!(checked.items[0].drug_name, "Amoxicillin");
    assert!(!checked.items[0].free_text);
    assert_eq!(
        (
            checked.items[1].drug_name.as_str(),
            checked.items[1].free_text
        ),
        ("Local herbal syrup", true)
    );
    assert_eq!(checked.items[1].id, "item-2");
}

#[test]
fn every_error_at_once_with_field_paths() {
    let input = PrescriptionInput {
        patient_id: "nope".into(),
        items: vec![
            good_item(),
            ItemInput {
                drug_id: Some("unobtainium".into()),
                dose: " ".into(),
                route: "ear-ish".into(),
                duration_days: Some(0),
                quantity: None,
                ..good_item()
            },
            ItemInput {
                drug_id: None,
                drug_name: String::new(),
                frequency: String::new(),
                ..good_item()
            },
        ],
        ..Default::default()
    };
    let errs: Vec<(String, ErrorCode)> = input
        .validate(&mut ids())
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.code))
        .collect();
    let want = [
        ("patient_id", ErrorCode::InvalidFormat),
        ("items.1.drug_id", ErrorCode::InvalidValue),
        ("items.1.route", ErrorCode::InvalidValue),
        ("items.1.duration_days", ErrorCode::OutOfRange),
        ("items.1.quantity", ErrorCode::Required),
        ("items.1.dose", ErrorCode::Required),
        ("items.2.drug_name", ErrorCode::Required),
        ("items.2.frequency", ErrorCode::Required),
    ];
    let want: Vec<(String, ErrorCode)> = want.iter().map(|(f, c)| (f.to_string(), *c)).collect();
    assert_eq!(errs, want);
    let empty = PrescriptionInput {
        patient_id: "00000000-0000-0000-0000-000000000001".into(),
        ..Default::default()
    };
    let errs = empty.validate(&mut ids()).unwrap_err();
    assert_eq!(
        (errs[0].field.as_str(), errs[0].code),
        ("items", ErrorCode::Required)
    );
}

#[test]
fn status_transitions() {
    use PrescriptionStatus::*;
    let all = [Draft, Issued, Dispensed, Cancelled, Amended];
    let allowed: Vec<(PrescriptionStatus, PrescriptionStatus)> = all
        .iter()
        .flat_map(|a| all.iter().map(move |b| (*a, *b)))
        .filter(|(a, b)| a.can_become(*b))
        .collect();
    assert_eq!(
        allowed,
        [
            (Draft, Issued),
            (Draft, Cancelled),
            (Issued, Dispensed),
            (Issued, Cancelled),
            (Issued, Amended)
        ]
    );
    assert!(check_transition(Dispensed, Cancelled).is_err());
}
