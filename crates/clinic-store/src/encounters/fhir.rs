//! Encounters in the FHIR export: `Encounter`, vital-signs `Observation`s and encounter-diagnosis
//! `Condition`s in the patient's bundle and in the bulk NDJSON files. Called by `crate::fhir`,
//! which checks the role and audits.
use crate::error::{Context, Result};
use crate::fhir::create_private_file;
use crate::store::Store;
use clinic_domain::fhir::{encounter_resources, References};
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use uuid::Uuid;

/// What a bulk export wrote for encounters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct EncounterExport {
    pub encounters: usize,
    pub observations: usize,
    pub conditions: usize,
}

impl Store {
    fn encounter_ids_where(&self, sql: &str, arg: &str) -> Result<Vec<Uuid>> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .context("reading encounters")?;
        let rows = stmt
            .query_map([arg], |r| r.get::<_, String>(0))
            .context("reading encounters")?;
        rows.map(|r| {
            r.context("reading encounters")
                .and_then(|s| Uuid::parse_str(&s).context("reading a record id"))
        })
        .collect()
    }

    /// Adds the patient's encounters to a `Bundle` made by `clinic_domain::fhir::patient_bundle`.
    pub(crate) fn add_encounter_resources(
        &self,
        patient_id: Uuid,
        bundle: &mut Value,
    ) -> Result<()> {
        let ids = self.encounter_ids_where(
            "SELECT id FROM encounters WHERE patient_id = ?1 ORDER BY started_at, id",
            &patient_id.to_string(),
        )?;
        let mut entries = Vec::new();
        for id in ids {
            let e = self.encounter_doc(id)?;
            for resource in encounter_resources(id, &e, References::Bundle) {
                let full_url = format!("urn:uuid:{}", resource["id"].as_str().unwrap_or_default());
                entries.push(json!({ "fullUrl": full_url, "resource": resource }));
            }
        }
        if let Some(list) = bundle.get_mut("entry").and_then(Value::as_array_mut) {
            list.extend(entries);
        }
        Ok(())
    }

    /// Writes `Encounter.ndjson` and `Observation.ndjson` into `dir`, and appends the diagnoses
    /// to the `Condition.ndjson` the patient export has just written, for every encounter of a
    /// patient who is exported (not deleted).
    pub(crate) fn export_encounter_resources(&self, dir: &Path) -> Result<EncounterExport> {
        let open = |name: &str| {
            create_private_file(
                &dir.join(name),
                "out_dir",
                format!("{name} cannot be created (does it exist already?)"),
            )
            .map(std::io::BufWriter::new)
        };
        let mut encounters = open("Encounter.ndjson")?;
        let mut observations = open("Observation.ndjson")?;
        let mut conditions = std::io::BufWriter::new(
            std::fs::OpenOptions::new()
                .append(true)
                .open(dir.join("Condition.ndjson"))
                .context("writing the FHIR export")?,
        );
        let ids = self.encounter_ids_where(
            "SELECT e.id FROM encounters e JOIN patients p ON p.id = e.patient_id
             WHERE p.deleted = 0 AND ?1 = ?1 ORDER BY e.started_at, e.id",
            "",
        )?;
        let mut report = EncounterExport::default();
        for id in ids {
            let e = self.encounter_doc(id)?;
            for resource in encounter_resources(id, &e, References::Relative) {
                let (out, count) = match resource["resourceType"].as_str() {
                    Some("Encounter") => (&mut encounters, &mut report.encounters),
                    Some("Observation") => (&mut observations, &mut report.observations),
                    _ => (&mut conditions, &mut report.conditions),
                };
                serde_json::to_writer(&mut *out, &resource).context("writing the FHIR export")?;
                out.write_all(b"\n").context("writing the FHIR export")?;
                *count += 1;
            }
        }
        for f in [&mut encounters, &mut observations, &mut conditions] {
            f.flush().context("writing the FHIR export")?;
        }
        Ok(report)
    }
}
