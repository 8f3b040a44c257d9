//! FHIR R4 export, checked by an independent validator: `scripts/validate-fhir.py` parses every
//! resource with the Python package fhir.resources (installed by `scripts/install-deps.sh`).
mod common;

use clinic_domain::patient::{
    AllergyInput, AllergySeverity, EmergencyContact, FamilyHistoryInput, PatientInput, Relation,
    Sex, SurgeryInput,
};
use clinic_domain::{Actor, ChangeSource, Role};
use common::fhir::validate;
use common::*;
use std::path::Path;

fn full_patient() -> PatientInput {
    PatientInput {
        given_name: "Zoë Amélie".into(),
        family_name: "N'Goé-Lefèvre".into(),
        sex: Sex::Female,
        birth_date: Some("1984-02-29".into()),
        phone: "+256 772 555 010".into(),
        address: "Plot 12, Rue de l'Église, Kampala".into(),
        national_id: "CM1234567".into(),
        insurance_provider: "Mutuelle Santé".into(),
        insurance_policy: "P-778".into(),
        emergency_contact: EmergencyContact {
            name: "Joël Lefèvre".into(),
            phone: "0772 000 111".into(),
            relationship: "frère".into(),
        },
        allergies: vec![
            allergy(
                "Pénicilline",
                AllergySeverity::LifeThreatening,
                "anaphylaxie",
            ),
            allergy("Sulfamides", AllergySeverity::Severe, "urticaire géante"),
            allergy("Latex", AllergySeverity::Moderate, "eczéma"),
            allergy("Arachide", AllergySeverity::Mild, ""),
        ],
        chronic_conditions: vec!["Diabète de type 2".into(), "Asthme".into(), "Asthme".into()],
        current_medications: vec!["Metformine 500 mg ×2/j".into(), "Salbutamol".into()],
        past_surgeries: vec![
            SurgeryInput {
                procedure: "Appendicectomie".into(),
                date: "2004".into(),
                ..Default::default()
            },
            SurgeryInput {
                procedure: "Césarienne".into(),
                date: "2019-03-14".into(),
                notes: "sans complication".into(),
                ..Default::default()
            },
        ],
        family_history: vec![
            FamilyHistoryInput {
                relation: Relation::Mother,
                condition: "Diabète de type 2".into(),
                ..Default::default()
            },
            FamilyHistoryInput {
                relation: Relation::Other,
                condition: "Drépanocytose".into(),
                notes: "cousin maternel".into(),
                ..Default::default()
            },
        ],
        ..PatientInput::default()
    }
}

fn allergy(substance: &str, severity: AllergySeverity, reaction: &str) -> AllergyInput {
    AllergyInput {
        id: None,
        substance: substance.into(),
        severity,
        reaction: reaction.into(),
    }
}

/// Full, minimal (estimated age, no optional field) and deleted patients.
fn demo(t: &mut TestStore) -> Vec<uuid::Uuid> {
    let a = t.admin.clone();
    let minimal = PatientInput {
        given_name: "Moses".into(),
        family_name: "Okello".into(),
        sex: Sex::Unknown,
        estimated_age_years: Some(45),
        ..PatientInput::default()
    };
    let deleted = patient("Gone", "Away", "1970-01-01");
    let mut ids = Vec::new();
    for input in [full_patient(), minimal, deleted] {
        let v = t
            .store
            .register_patient(&a, &input, ChangeSource::Ui)
            .unwrap();
        ids.push(uuid::Uuid::parse_str(&v.id).unwrap());
    }
    t.store.delete_patient(&a, ids[2]).unwrap();
    ids
}

fn lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn bundle_and_bulk_ndjson_pass_the_independent_validator() {
    let mut t = store();
    let a = t.admin.clone();
    let ids = demo(&mut t);
    let out = tempfile::tempdir().unwrap();
    for (i, id) in ids.iter().enumerate() {
        let bundle = t.store.fhir_bundle(&a, *id).unwrap();
        std::fs::write(
            out.path().join(format!("bundle-{i}.json")),
            serde_json::to_vec_pretty(&bundle).unwrap(),
        )
        .unwrap();
    }
    let report = t.store.export_fhir_ndjson(&a, out.path()).unwrap();
    assert_eq!(report.patients, 2, "the deleted patient is left out");
    assert_eq!(report.allergy_intolerances, 4);
    assert_eq!(report.conditions, 3);
    assert_eq!(report.medication_statements, 2);
    assert_eq!((report.procedures, report.family_member_histories), (2, 2));

    let said = validate(out.path()).unwrap_or_else(|e| panic!("FHIR export rejected:\n{e}"));
    assert!(said.contains("valid"), "{said}");

    let patients = lines(&out.path().join("Patient.ndjson"));
    assert_eq!(patients.len(), 2);
    assert_eq!(patients[0]["name"][0]["family"], "N'Goé-Lefèvre");
    assert_eq!(
        patients[0]["identifier"][0]["system"],
        "urn:clinic:kla:patient-number"
    );
    assert!(
        patients[1].get("_birthDate").is_some(),
        "estimated birth date is flagged"
    );
    let procedures = lines(&out.path().join("Procedure.ndjson"));
    assert_eq!(procedures[0]["performedDateTime"], "2004");
    assert_eq!(procedures[1]["note"][0]["text"], "sans complication");
    let family = lines(&out.path().join("FamilyMemberHistory.ndjson"));
    assert_eq!(family[0]["relationship"]["coding"][0]["code"], "MTH");
    assert_eq!(family[1]["relationship"]["coding"][0]["code"], "FAMMEMB");
    assert_eq!(family[1]["condition"][0]["code"]["text"], "Drépanocytose");
    let allergies = lines(&out.path().join("AllergyIntolerance.ndjson"));
    let severities: Vec<&str> = allergies
        .iter()
        .map(|r| r["reaction"][0]["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["severe", "severe", "moderate", "mild"]);
    assert_eq!(
        allergies[0]["patient"]["reference"],
        format!("Patient/{}", ids[0])
    );
}

#[test]
fn the_validator_rejects_a_broken_resource() {
    let mut t = store();
    let a = t.admin.clone();
    let ids = demo(&mut t);
    let good = t.store.fhir_bundle(&a, ids[0]).unwrap();
    // (entry, element, bad value, what the validator must name)
    let breakages = [
        (0, "birthDate", "29/02/1984", "birthDate"),
        (0, "gender", "femme", "Patient.gender"),
        (1, "severity", "high", "severity"),
        (8, "status", "taking", "required value set"),
    ];
    for (entry, element, value, named) in breakages {
        let mut bundle = good.clone();
        bundle["entry"][entry]["resource"][element] = value.into();
        let out = tempfile::tempdir().unwrap();
        std::fs::write(
            out.path().join("broken.json"),
            serde_json::to_vec(&bundle).unwrap(),
        )
        .unwrap();
        let err = validate(out.path()).expect_err(&format!("{element} = {value} must be rejected"));
        assert!(err.contains(named), "{element}: {err}");
    }
}

#[test]
fn export_needs_the_export_permission_and_never_overwrites() {
    let mut t = store();
    let a = t.admin.clone();
    let ids = demo(&mut t);
    let doctor = Actor {
        role: Role::Doctor,
        ..a.clone()
    };
    assert!(t.store.fhir_bundle(&doctor, ids[0]).is_err());
    let out = tempfile::tempdir().unwrap();
    assert!(t.store.export_fhir_ndjson(&doctor, out.path()).is_err());
    assert!(!out.path().join("Patient.ndjson").exists());
    t.store.export_fhir_ndjson(&a, out.path()).unwrap();
    assert!(t.store.export_fhir_ndjson(&a, out.path()).is_err());
}

#[test]
fn the_app_returns_the_bundle_as_json_text_for_the_logged_in_user() {
    let mut t = store();
    let ids = demo(&mut t);
    let app = clinic_store::app::App::on_store(t.store);
    assert!(
        app.export_fhir_bundle(&ids[0].to_string()).is_err(),
        "nobody logged in"
    );
    app.login("admin", PASSWORD, None).unwrap();
    let text = app.export_fhir_bundle(&ids[0].to_string()).unwrap();
    let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(bundle["type"], "collection");
    assert_eq!(bundle["entry"][0]["resource"]["id"], ids[0].to_string());
    assert!(app.export_fhir_bundle("not-an-id").is_err());
}

/// Prescriptions (issued, amended and its new version, cancelled, draft) become
/// `MedicationRequest`s in the bundle and in `MedicationRequest.ndjson`, and pass the validator.
#[test]
fn prescriptions_export_as_medication_requests_that_pass_the_validator() {
    use clinic_domain::prescription::{ItemInput, PrescriptionInput};
    let mut t = store();
    let a = t.admin.clone();
    let ids = demo(&mut t);
    let doctor = Actor {
        role: Role::Doctor,
        ..a.clone()
    };
    let item = |drug: &str, instructions: &str| ItemInput {
        drug_id: Some(drug.into()),
        strength: "500 mg".into(),
        form: "tablet".into(),
        dose: "1 tablet".into(),
        route: "oral".into(),
        frequency: "3×/jour".into(),
        duration_days: Some(7),
        quantity: Some(21),
        instructions: instructions.into(),
        ..Default::default()
    };
    let input = |items: Vec<ItemInput>| PrescriptionInput {
        patient_id: ids[0].to_string(),
        items,
        notes: "Revoir dans 1 semaine".into(),
        ..Default::default()
    };
    let parse = |s: &str| uuid::Uuid::parse_str(s).unwrap();
    let s = &mut t.store;
    let v1 = s
        .create_prescription(
            &doctor,
            &input(vec![
                item("paracetamol", "après repas"),
                item("omeprazole", ""),
            ]),
        )
        .unwrap();
    s.issue_prescription(&doctor, parse(&v1.id), "").unwrap();
    s.amend_prescription(
        &doctor,
        parse(&v1.id),
        &input(vec![item("paracetamol", "")]),
        "",
    )
    .unwrap();
    let c = s
        .create_prescription(&doctor, &input(vec![item("cetirizine", "")]))
        .unwrap();
    s.cancel_prescription(&doctor, parse(&c.id), "erreur")
        .unwrap();
    s.create_prescription(&doctor, &input(vec![item("zinc_sulfate", "")]))
        .unwrap();

    let out = tempfile::tempdir().unwrap();
    let bundle = t.store.fhir_bundle(&a, ids[0]).unwrap();
    let requests: Vec<&serde_json::Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "MedicationRequest")
        .collect();
    let statuses: Vec<&str> = requests
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["stopped", "stopped", "active", "cancelled", "draft"]
    );
    assert!(requests.iter().all(|r| r["intent"] == "order"));
    std::fs::write(
        out.path().join("bundle.json"),
        serde_json::to_vec_pretty(&bundle).unwrap(),
    )
    .unwrap();
    let report = t.store.export_fhir_ndjson(&a, out.path()).unwrap();
    assert_eq!(report.medication_requests, 5);
    let lines = lines(&out.path().join("MedicationRequest.ndjson"));
    assert_eq!(
        lines[0]["subject"]["reference"],
        format!("Patient/{}", ids[0])
    );
    assert_eq!(lines[0]["dispenseRequest"]["quantity"]["value"], 21);
    validate(out.path()).unwrap_or_else(|e| panic!("FHIR export rejected:\n{e}"));
}

/// Encounters export as `Encounter`, vital-signs `Observation`s (LOINC, UCUM, BP panel) and
/// encounter-diagnosis `Condition`s in ICD-10-CM, in the bundle and the NDJSON, and pass the validator.
#[test]
fn encounters_export_with_vitals_and_diagnoses_that_pass_the_validator() {
    use clinic_domain::encounter::{DiagnosisInput, EncounterOpenInput, VitalsInput};
    let mut t = store();
    let a = t.admin.clone();
    let ids = demo(&mut t);
    let doctor = Actor {
        role: Role::Doctor,
        ..a.clone()
    };
    let s = &mut t.store;
    let e = s
        .open_encounter(
            &doctor,
            &EncounterOpenInput {
                patient_id: ids[0].to_string(),
                appointment_id: None,
                chief_complaint: "Fièvre et toux".into(),
            },
        )
        .unwrap();
    let eid = uuid::Uuid::parse_str(&e.id).unwrap();
    let full = VitalsInput {
        systolic_mmhg: Some(132),
        diastolic_mmhg: Some(86),
        pulse_bpm: Some(90),
        temperature_tenths_c: Some(386),
        respiratory_rate: Some(20),
        spo2_percent: Some(95),
        weight_g: Some(64_500),
        height_mm: Some(1_620),
    };
    s.record_vitals(&doctor, eid, &[full]).unwrap();
    for (code, primary) in [("J06.9", true), ("R50.9", false)] {
        let input = DiagnosisInput {
            code: code.into(),
            primary,
            note: "à revoir".into(),
        };
        s.add_diagnosis(&doctor, eid, &input).unwrap();
    }
    s.close_encounter(&doctor, eid).unwrap();

    let out = tempfile::tempdir().unwrap();
    let bundle = t.store.fhir_bundle(&a, ids[0]).unwrap();
    let of = |kind: &str| -> Vec<serde_json::Value> {
        bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["resource"].clone())
            .filter(|r| r["resourceType"] == kind)
            .collect()
    };
    let encounters = of("Encounter");
    assert_eq!(encounters.len(), 1);
    assert_eq!(encounters[0]["status"], "finished");
    assert_eq!(encounters[0]["diagnosis"][0]["rank"], 1);
    let observations = of("Observation");
    // BP panel, pulse, temperature, respiratory rate, SpO2, weight, height, BMI.
    assert_eq!(observations.len(), 8);
    let bp = observations
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "85354-9")
        .unwrap();
    assert_eq!(bp["component"][0]["code"]["coding"][0]["code"], "8480-6");
    assert_eq!(bp["component"][1]["code"]["coding"][0]["code"], "8462-4");
    assert_eq!(bp["component"][1]["valueQuantity"]["code"], "mm[Hg]");
    let temp = observations
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "8310-5")
        .unwrap();
    assert_eq!(temp["valueQuantity"]["value"], 38.6);
    assert_eq!(temp["valueQuantity"]["code"], "Cel");
    let bmi = observations
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "39156-5")
        .unwrap();
    assert_eq!(bmi["valueQuantity"]["value"], 24.6);
    assert!(observations
        .iter()
        .all(|o| o["category"][0]["coding"][0]["code"] == "vital-signs"));
    let diagnoses: Vec<_> = of("Condition")
        .into_iter()
        .filter(|c| c["category"][0]["coding"][0]["code"] == "encounter-diagnosis")
        .collect();
    assert_eq!(diagnoses.len(), 2);
    assert_eq!(
        diagnoses[0]["code"]["coding"][0]["system"],
        "http://hl7.org/fhir/sid/icd-10-cm"
    );
    assert_eq!(diagnoses[0]["code"]["coding"][0]["code"], "J06.9");
    assert_eq!(
        diagnoses[0]["encounter"]["reference"],
        format!("urn:uuid:{eid}")
    );
    std::fs::write(
        out.path().join("bundle.json"),
        serde_json::to_vec_pretty(&bundle).unwrap(),
    )
    .unwrap();

    let report = t.store.export_fhir_ndjson(&a, out.path()).unwrap();
    assert_eq!((report.encounters, report.observations), (1, 8));
    let enc = lines(&out.path().join("Encounter.ndjson"));
    assert_eq!(
        enc[0]["subject"]["reference"],
        format!("Patient/{}", ids[0])
    );
    let conditions = lines(&out.path().join("Condition.ndjson"));
    assert!(conditions
        .iter()
        .any(|c| c["encounter"]["reference"] == format!("Encounter/{eid}")));
    validate(out.path()).unwrap_or_else(|e| panic!("FHIR export rejected:\n{e}"));
}
