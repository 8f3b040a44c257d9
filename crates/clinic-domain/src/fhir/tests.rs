use super::*;
use crate::patient::{Allergy, AllergySeverity, EmergencyContact, Sex};
use chrono::TimeZone;

fn full() -> Patient {
    Patient {
        number: "KIN-AB-7".into(),
        given_name: "Amélie".into(),
        family_name: "Ngoé".into(),
        sex: Sex::Female,
        birth_date: "1980-02-29".into(),
        birth_date_estimated: true,
        phone: "+243 81 234 5678".into(),
        address: "12 avenue de l'Équateur, Kinshasa".into(),
        national_id: "CD-123456".into(),
        emergency_contact: EmergencyContact {
            name: "Joël Ngoé".into(),
            phone: "+243 99 000 1111".into(),
            relationship: "frère".into(),
        },
        allergies: vec![
            Allergy {
                id: "0191d7a4-0000-7000-8000-000000000001".into(),
                substance: "Pénicilline".into(),
                severity: AllergySeverity::LifeThreatening,
                reaction: "anaphylaxie".into(),
            },
            Allergy {
                id: "not-a-uuid".into(),
                substance: "Arachide".into(),
                severity: AllergySeverity::Mild,
                reaction: String::new(),
            },
        ],
        chronic_conditions: vec!["Diabète de type 2".into(), "Asthme".into(), "Asthme".into()],
        current_medications: vec!["Metformine 500 mg".into()],
        ..Patient::default()
    }
}

fn id() -> Uuid {
    Uuid::parse_str("0191d7a4-1111-7000-8000-000000000000").unwrap()
}

#[test]
fn bundle_holds_every_resource_with_urn_uuid_full_urls() {
    let at = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    let b = patient_bundle(id(), &full(), "KIN", at);
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    assert_eq!(b["timestamp"], "2026-01-02T03:04:05Z");
    let entries = b["entry"].as_array().unwrap();
    let types: Vec<&str> = entries
        .iter()
        .map(|e| e["resource"]["resourceType"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "Patient",
            "AllergyIntolerance",
            "AllergyIntolerance",
            "Condition",
            "Condition",
            "Condition",
            "MedicationStatement"
        ]
    );
    for e in entries {
        let rid = e["resource"]["id"].as_str().unwrap();
        assert!(Uuid::parse_str(rid).is_ok());
        assert_eq!(e["fullUrl"], format!("urn:uuid:{rid}"));
    }
    // every id is distinct, the repeated condition too
    let mut ids: Vec<&str> = entries
        .iter()
        .map(|e| e["resource"]["id"].as_str().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), entries.len());
    assert_eq!(
        entries[1]["resource"]["patient"]["reference"],
        format!("urn:uuid:{}", id())
    );
}

#[test]
fn patient_maps_identifiers_name_and_contact() {
    let p = patient_resource(id(), &full(), "KIN");
    assert_eq!(
        p["identifier"][0]["system"],
        "urn:clinic:kin:patient-number"
    );
    assert_eq!(p["identifier"][0]["value"], "KIN-AB-7");
    assert_eq!(p["identifier"][1]["value"], "CD-123456");
    assert_eq!(p["name"][0]["family"], "Ngoé");
    assert_eq!(p["name"][0]["given"][0], "Amélie");
    assert_eq!(p["gender"], "female");
    assert_eq!(p["birthDate"], "1980-02-29");
    assert_eq!(
        p["_birthDate"]["extension"][0]["url"],
        BIRTH_DATE_ESTIMATED_URL
    );
    assert_eq!(p["contact"][0]["relationship"][0]["coding"][0]["code"], "C");
    assert_eq!(p["contact"][0]["relationship"][1]["text"], "frère");
    assert_eq!(p["telecom"][0]["value"], "+243 81 234 5678");
    assert_eq!(p["active"], true);
}

#[test]
fn an_empty_patient_has_no_empty_elements() {
    let p = Patient {
        given_name: "A".into(),
        family_name: "B".into(),
        ..Patient::default()
    };
    let r = patient_resource(id(), &p, "KIN");
    for absent in [
        "identifier",
        "birthDate",
        "_birthDate",
        "telecom",
        "address",
        "contact",
    ] {
        assert!(r.get(absent).is_none(), "{absent}");
    }
    assert_eq!(r["gender"], "unknown");
}

#[test]
fn allergy_severity_maps_to_criticality_and_reaction_severity() {
    let cases = [
        (AllergySeverity::Mild, "low", "mild"),
        (AllergySeverity::Moderate, "low", "moderate"),
        (AllergySeverity::Severe, "high", "severe"),
        (AllergySeverity::LifeThreatening, "high", "severe"),
    ];
    for (severity, criticality, reaction) in cases {
        let a = Allergy {
            id: "x".into(),
            substance: "Latex".into(),
            severity,
            reaction: "rash".into(),
        };
        let r = allergy_intolerance(id(), &a, References::Relative);
        assert_eq!(r["criticality"], criticality);
        assert_eq!(r["reaction"][0]["severity"], reaction);
        assert_eq!(r["patient"]["reference"], format!("Patient/{}", id()));
        assert_eq!(r["clinicalStatus"]["coding"][0]["code"], "active");
    }
}

#[test]
fn derived_ids_are_stable_and_distinct() {
    let a = derived_id(id(), "Condition", "Asthme", 0);
    assert_eq!(a, derived_id(id(), "Condition", "Asthme", 0));
    assert_ne!(a, derived_id(id(), "Condition", "Asthme", 1));
    assert_ne!(a, derived_id(id(), "MedicationStatement", "Asthme", 0));
}
