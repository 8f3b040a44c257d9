//! Validated lab orders in the FHIR export: a `DiagnosticReport` with its result `Observation`s,
//! in the patient's bundle and in `DiagnosticReport.ndjson` (+ `Observation.ndjson`) of a bulk
//! export. Called by `crate::fhir`, which checks the role and audits.
use super::load;
use crate::error::{Context, Result};
use crate::fhir::create_private_file;
use crate::store::Store;
use clinic_domain::fhir::{lab_report_resources, References};
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use uuid::Uuid;

/// How many lab resources a bulk export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LabExport {
    pub reports: usize,
    pub observations: usize,
}

impl Store {
    fn validated_lab_ids(&self, sql: &str, arg: &str) -> Result<Vec<Uuid>> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .context("reading lab orders")?;
        let rows = stmt
            .query_map([arg], |r| r.get::<_, String>(0))
            .context("reading lab orders")?;
        rows.map(|r| {
            r.context("reading lab orders")
                .and_then(|s| Uuid::parse_str(&s).context("reading a record id"))
        })
        .collect()
    }

    fn lab_resources(&self, id: Uuid, clinic_code: &str, refs: References) -> Result<Vec<Value>> {
        let device = self.device()?;
        let (_, order) = load(&self.conn, id, device.id)?;
        Ok(lab_report_resources(id, &order, clinic_code, refs))
    }

    /// Adds the patient's validated lab reports to a `Bundle`.
    pub(crate) fn add_lab_reports(
        &self,
        patient_id: Uuid,
        clinic_code: &str,
        bundle: &mut Value,
    ) -> Result<()> {
        let ids = self.validated_lab_ids(
            "SELECT id FROM lab_orders WHERE patient_id = ?1 AND status = 'validated'
             ORDER BY ordered_at, id",
            &patient_id.to_string(),
        )?;
        let mut entries = Vec::new();
        for id in ids {
            for resource in self.lab_resources(id, clinic_code, References::Bundle)? {
                let full_url = format!("urn:uuid:{}", resource["id"].as_str().unwrap_or_default());
                entries.push(json!({ "fullUrl": full_url, "resource": resource }));
            }
        }
        if let Some(list) = bundle.get_mut("entry").and_then(Value::as_array_mut) {
            list.extend(entries);
        }
        Ok(())
    }

    /// Writes `DiagnosticReport.ndjson` and appends the result observations to the
    /// `Observation.ndjson` the encounter export has just written, for every validated order of
    /// a patient who is exported (not deleted).
    pub(crate) fn export_lab_reports(&self, dir: &Path, clinic_code: &str) -> Result<LabExport> {
        let name = "DiagnosticReport.ndjson";
        let mut reports = std::io::BufWriter::new(create_private_file(
            &dir.join(name),
            "out_dir",
            format!("{name} cannot be created (does it exist already?)"),
        )?);
        let mut observations = std::io::BufWriter::new(
            std::fs::OpenOptions::new()
                .append(true)
                .create(true)
                .open(dir.join("Observation.ndjson"))
                .context("writing the FHIR export")?,
        );
        let ids = self.validated_lab_ids(
            "SELECT l.id FROM lab_orders l JOIN patients p ON p.id = l.patient_id
             WHERE p.deleted = 0 AND l.status = 'validated' AND ?1 = ?1
             ORDER BY l.ordered_at, l.id",
            "",
        )?;
        let mut count = LabExport::default();
        for id in ids {
            for resource in self.lab_resources(id, clinic_code, References::Relative)? {
                let (out, n) = if resource["resourceType"] == "DiagnosticReport" {
                    (&mut reports, &mut count.reports)
                } else {
                    (&mut observations, &mut count.observations)
                };
                serde_json::to_writer(&mut *out, &resource).context("writing the FHIR export")?;
                out.write_all(b"\n").context("writing the FHIR export")?;
                *n += 1;
            }
        }
        for f in [&mut reports, &mut observations] {
            f.flush().context("writing the FHIR export")?;
        }
        Ok(count)
    }
}
