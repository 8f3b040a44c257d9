//! Validated lab results in the FHIR export (`DiagnosticReport` + result `Observation`s), checked
//! by the independent validator `scripts/validate-fhir.py` (Python fhir.resources).
mod common;
mod lab_support;

use common::fhir::validate;
use common::store;
use lab_support::*;
use serde_json::Value;

fn of_type<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

#[test]
fn validated_results_export_as_a_valid_diagnostic_report() {
    let mut t = store();
    let s = staff(&t);
    let a = t.admin.clone();
    let (patient, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let id = validated_order(&mut t, &s, encounter);
    // A second order, not validated: not exported.
    t.store
        .order_lab_tests(&s.doctor, &order_input(encounter, &["crp"]))
        .unwrap();
    let bundle = t.store.fhir_bundle(&a, patient).unwrap();
    let reports = of_type(&bundle, "DiagnosticReport");
    assert_eq!(reports.len(), 1);
    let r = reports[0];
    assert_eq!(r["id"], id.to_string());
    assert_eq!(r["status"], "final");
    assert_eq!(r["identifier"][0]["value"], "LAB-KLA-A1-000001");
    assert_eq!(r["category"][0]["coding"][0]["code"], "LAB");
    assert_eq!(r["result"].as_array().unwrap().len(), 3);
    let obs: Vec<&Value> = of_type(&bundle, "Observation")
        .into_iter()
        .filter(|o| o["category"][0]["coding"][0]["code"] == "laboratory")
        .collect();
    assert_eq!(obs.len(), 3);
    let hb = obs
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "718-7")
        .unwrap();
    assert_eq!(hb["valueQuantity"]["value"], 12.1);
    assert_eq!(hb["valueQuantity"]["code"], "g/dL");
    assert_eq!(hb["interpretation"][0]["coding"][0]["code"], "L");
    assert_eq!(hb["referenceRange"][0]["low"]["value"], 13.0);
    let k = obs
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "2823-3")
        .unwrap();
    assert_eq!(k["interpretation"][0]["coding"][0]["code"], "HH");
    let rdt = obs
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "50687-3")
        .unwrap();
    assert_eq!(rdt["valueCodeableConcept"]["coding"][0]["code"], "10828004");
    assert_eq!(rdt["interpretation"][0]["coding"][0]["code"], "A");

    let out = tempfile::tempdir().unwrap();
    std::fs::write(
        out.path().join("bundle.json"),
        serde_json::to_vec_pretty(&bundle).unwrap(),
    )
    .unwrap();
    let report = t.store.export_fhir_ndjson(&a, out.path()).unwrap();
    assert_eq!(report.diagnostic_reports, 1);
    assert!(report.observations >= 3);
    let said = validate(out.path()).unwrap_or_else(|e| panic!("FHIR export rejected:\n{e}"));
    assert!(said.contains("valid"), "{said}");

    // The validator does reject a broken report: a status outside its value set.
    let bad_dir = tempfile::tempdir().unwrap();
    let mut bad = r.clone();
    bad["status"] = Value::from("done");
    std::fs::write(
        bad_dir.path().join("report.json"),
        serde_json::to_vec(&bad).unwrap(),
    )
    .unwrap();
    let err = validate(bad_dir.path()).unwrap_err();
    assert!(err.contains("DiagnosticReport"), "{err}");
}
