//! Prescriptions in the FHIR export: `MedicationRequest`s (one per item) in the patient's bundle
//! and in `MedicationRequest.ndjson` of a bulk export. Called by `crate::fhir`, which checks the
//! role and audits.
use super::load;
use crate::error::{Context, Result};
use crate::fhir::create_private_file;
use crate::store::Store;
use clinic_domain::fhir::{medication_requests, References};
use clinic_domain::prescription::Prescription;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use uuid::Uuid;

impl Store {
    fn rx_ids(&self, sql: &str, arg: &str) -> Result<Vec<Uuid>> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .context("reading prescriptions")?;
        let rows = stmt
            .query_map([arg], |r| r.get::<_, String>(0))
            .context("reading prescriptions")?;
        rows.map(|r| {
            r.context("reading prescriptions")
                .and_then(|s| Uuid::parse_str(&s).context("reading a record id"))
        })
        .collect()
    }

    fn rx_doc(&self, id: Uuid) -> Result<Prescription> {
        let device = self.device()?;
        load(&self.conn, id, device.id).map(|(_, rx)| rx)
    }

    /// Adds the patient's prescriptions to a `Bundle` made by `clinic_domain::fhir::patient_bundle`.
    pub(crate) fn add_medication_requests(
        &self,
        patient_id: Uuid,
        clinic_code: &str,
        bundle: &mut Value,
    ) -> Result<()> {
        let ids = self.rx_ids(
            "SELECT id FROM prescriptions WHERE patient_id = ?1 ORDER BY created_at, id",
            &patient_id.to_string(),
        )?;
        let mut entries = Vec::new();
        for id in ids {
            let rx = self.rx_doc(id)?;
            for resource in medication_requests(id, &rx, clinic_code, References::Bundle) {
                let full_url = format!("urn:uuid:{}", resource["id"].as_str().unwrap_or_default());
                entries.push(json!({ "fullUrl": full_url, "resource": resource }));
            }
        }
        if let Some(list) = bundle.get_mut("entry").and_then(Value::as_array_mut) {
            list.extend(entries);
        }
        Ok(())
    }

    /// Writes `MedicationRequest.ndjson` into `dir` for every prescription of a patient who is
    /// exported (not deleted or merged); returns how many resources were written.
    pub(crate) fn export_medication_requests(
        &self,
        dir: &Path,
        clinic_code: &str,
    ) -> Result<usize> {
        let name = "MedicationRequest.ndjson";
        let file = create_private_file(
            &dir.join(name),
            "out_dir",
            format!("{name} cannot be created (does it exist already?)"),
        )?;
        let mut out = std::io::BufWriter::new(file);
        let ids = self.rx_ids(
            "SELECT r.id FROM prescriptions r JOIN patients p ON p.id = r.patient_id
             WHERE p.deleted = 0 AND ?1 = ?1 ORDER BY r.created_at, r.id",
            "",
        )?;
        let mut count = 0;
        for id in ids {
            let rx = self.rx_doc(id)?;
            for resource in medication_requests(id, &rx, clinic_code, References::Relative) {
                serde_json::to_writer(&mut out, &resource).context("writing the FHIR export")?;
                out.write_all(b"\n").context("writing the FHIR export")?;
                count += 1;
            }
        }
        out.flush().context("writing the FHIR export")?;
        Ok(count)
    }
}
