//! Past surgical history as `Procedure` (completed, performed at the year, month or day the
//! patient remembers) and family history as `FamilyMemberHistory` (the relative as an HL7 v3
//! RoleCode, the condition as text).
use super::{derived_id, References};
use crate::patient::{FamilyHistoryEntry, PastSurgery};
use serde_json::{json, Map, Value};
use uuid::Uuid;

const ROLE_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

/// The entry's own id when it is a UUID (as this app writes them), else a derived one.
fn entry_id(patient_id: Uuid, kind: &str, id: &str) -> String {
    Uuid::parse_str(id)
        .unwrap_or_else(|_| derived_id(patient_id, kind, id, 0))
        .to_string()
}

fn with_note(mut r: Map<String, Value>, notes: &str) -> Value {
    if !notes.is_empty() {
        r.insert("note".into(), json!([{ "text": notes }]));
    }
    Value::Object(r)
}

/// One past operation. `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) is a valid FHIR dateTime.
pub fn procedure(patient_id: Uuid, s: &PastSurgery, refs: References) -> Value {
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("Procedure"));
    r.insert("id".into(), json!(entry_id(patient_id, "Procedure", &s.id)));
    r.insert("status".into(), json!("completed"));
    r.insert("code".into(), json!({ "text": s.procedure }));
    r.insert("subject".into(), refs.patient(patient_id));
    if !s.date.is_empty() {
        r.insert("performedDateTime".into(), json!(s.date));
    }
    with_note(r, &s.notes)
}

/// One relative's condition.
pub fn family_member_history(patient_id: Uuid, f: &FamilyHistoryEntry, refs: References) -> Value {
    let (code, display) = f.relation.role_code();
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("FamilyMemberHistory"));
    r.insert(
        "id".into(),
        json!(entry_id(patient_id, "FamilyMemberHistory", &f.id)),
    );
    r.insert("status".into(), json!("completed"));
    r.insert("patient".into(), refs.patient(patient_id));
    r.insert(
        "relationship".into(),
        json!({ "coding": [{ "system": ROLE_CODE, "code": code, "display": display }] }),
    );
    r.insert(
        "condition".into(),
        json!([{ "code": { "text": f.condition } }]),
    );
    with_note(r, &f.notes)
}
