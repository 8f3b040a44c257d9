//! `Patient`: identifiers, name, gender, birth date, phone, address, emergency contact.
use super::{patient_number_system, BIRTH_DATE_ESTIMATED_URL};
use crate::patient::{Patient, Sex};
use serde_json::{json, Map, Value};
use uuid::Uuid;

const NATIONAL_ID_SYSTEM: &str = "urn:clinic:national-id";
const CONTACT_ROLE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v2-0131";

pub fn patient_resource(id: Uuid, p: &Patient, clinic_code: &str) -> Value {
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("Patient"));
    r.insert("id".into(), json!(id.to_string()));
    let mut identifiers = Vec::new();
    if !p.number.is_empty() {
        identifiers.push(json!({
            "use": "usual",
            "system": patient_number_system(clinic_code),
            "value": p.number,
        }));
    }
    if !p.national_id.is_empty() {
        identifiers.push(json!({
            "use": "official",
            "type": { "text": "National ID" },
            "system": NATIONAL_ID_SYSTEM,
            "value": p.national_id,
        }));
    }
    if !identifiers.is_empty() {
        r.insert("identifier".into(), Value::Array(identifiers));
    }
    r.insert(
        "active".into(),
        json!(!p.deleted && p.merged_into.is_empty()),
    );
    let mut name = Map::new();
    name.insert("use".into(), json!("official"));
    name.insert("text".into(), json!(p.full_name().trim()));
    if !p.family_name.is_empty() {
        name.insert("family".into(), json!(p.family_name));
    }
    if !p.given_name.is_empty() {
        name.insert("given".into(), json!([p.given_name]));
    }
    r.insert("name".into(), json!([name]));
    r.insert("gender".into(), json!(gender(p.sex)));
    if !p.birth_date.is_empty() {
        r.insert("birthDate".into(), json!(p.birth_date));
        if p.birth_date_estimated {
            r.insert(
                "_birthDate".into(),
                json!({ "extension": [{ "url": BIRTH_DATE_ESTIMATED_URL, "valueBoolean": true }] }),
            );
        }
    }
    if !p.phone.is_empty() {
        r.insert(
            "telecom".into(),
            json!([{ "system": "phone", "value": p.phone }]),
        );
    }
    if !p.address.is_empty() {
        r.insert("address".into(), json!([{ "text": p.address }]));
    }
    if let Some(contact) = emergency_contact(p) {
        r.insert("contact".into(), json!([contact]));
    }
    Value::Object(r)
}

fn gender(sex: Sex) -> &'static str {
    // FHIR's administrative-gender codes are ours.
    sex.as_str()
}

fn emergency_contact(p: &Patient) -> Option<Value> {
    let c = &p.emergency_contact;
    if c.name.is_empty() && c.phone.is_empty() {
        return None;
    }
    let mut relationship = vec![json!({
        "coding": [{ "system": CONTACT_ROLE_SYSTEM, "code": "C", "display": "Emergency Contact" }]
    })];
    if !c.relationship.is_empty() {
        relationship.push(json!({ "text": c.relationship }));
    }
    let mut out = Map::new();
    out.insert("relationship".into(), Value::Array(relationship));
    if !c.name.is_empty() {
        out.insert("name".into(), json!({ "text": c.name }));
    }
    if !c.phone.is_empty() {
        out.insert(
            "telecom".into(),
            json!([{ "system": "phone", "value": c.phone }]),
        );
    }
    Some(Value::Object(out))
}
