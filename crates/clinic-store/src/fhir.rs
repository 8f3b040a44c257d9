//! FHIR R4 export: one patient as a `Bundle`, or every patient as FHIR Bulk Data NDJSON files.
//! The mapping is `clinic_domain::fhir`; this module loads the records, checks the role (the
//! `patient_export` action, like the CSV export) and audits the export.
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::store::Store;
use clinic_domain::fhir::{patient_bundle, patient_resources, References};
use clinic_domain::{Action, Actor, ErrorCode, RecordKind};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use uuid::Uuid;

/// The NDJSON files of a bulk export, one per resource type, in this order.
pub const NDJSON_FILES: [&str; 6] = [
    "Patient",
    "AllergyIntolerance",
    "Condition",
    "MedicationStatement",
    "Procedure",
    "FamilyMemberHistory",
];

/// How many resources of each type a bulk export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FhirExportReport {
    pub patients: usize,
    pub allergy_intolerances: usize,
    pub conditions: usize,
    pub medication_statements: usize,
    /// `MedicationRequest.ndjson`: one per prescription item.
    pub medication_requests: usize,
    /// `Encounter.ndjson`; their diagnoses are counted in `conditions`.
    pub encounters: usize,
    /// `Observation.ndjson`: vital signs, and the results of validated lab orders.
    pub observations: usize,
    /// `DiagnosticReport.ndjson`: one per validated lab order.
    pub diagnostic_reports: usize,
    /// `Procedure.ndjson`: one per past surgery.
    pub procedures: usize,
    /// `FamilyMemberHistory.ndjson`: one per family history entry.
    pub family_member_histories: usize,
}

impl Store {
    /// Patient `id` as a FHIR R4 `Bundle` (type `collection`). Audited as an export of that record.
    pub fn fhir_bundle(&mut self, actor: &Actor, id: Uuid) -> Result<serde_json::Value> {
        self.authorize(actor, Action::PatientExport)?;
        let patient = self.patient_doc(id)?;
        let clinic = self.clinic()?;
        let mut bundle = patient_bundle(id, &patient, &clinic.code, self.clock.now());
        self.add_medication_requests(id, &clinic.code, &mut bundle)?;
        self.add_encounter_resources(id, &mut bundle)?;
        self.add_lab_reports(id, &clinic.code, &mut bundle)?;
        audit::append(
            &self.conn,
            actor,
            AuditAction::Export,
            Subject::record(RecordKind::Patient, id),
            self.clock.now(),
        )?;
        Ok(bundle)
    }

    /// Writes every patient that is not deleted or merged as FHIR Bulk Data NDJSON into `dir`
    /// (created if missing): `Patient.ndjson`, `AllergyIntolerance.ndjson`, `Condition.ndjson`,
    /// `MedicationStatement.ndjson`, `Procedure.ndjson`, `FamilyMemberHistory.ndjson`, one resource
    /// per line. Existing files are never overwritten.
    pub fn export_fhir_ndjson(&mut self, actor: &Actor, dir: &Path) -> Result<FhirExportReport> {
        self.authorize(actor, Action::PatientExport)?;
        std::fs::create_dir_all(dir)
            .map_err(|_| Error::field("out_dir", ErrorCode::InvalidValue, "cannot be created"))?;
        let mut files = Vec::new();
        for name in NDJSON_FILES {
            files.push(std::io::BufWriter::new(create_private_file(
                &dir.join(format!("{name}.ndjson")),
                "out_dir",
                format!("{name}.ndjson cannot be created (does it exist already?)"),
            )?));
        }
        let clinic = self.clinic()?;
        let mut report = FhirExportReport::default();
        for id in self.patient_ids()? {
            let patient = self.patient_doc(id)?;
            if patient.deleted || !patient.merged_into.is_empty() {
                continue;
            }
            for resource in patient_resources(id, &patient, &clinic.code, References::Relative) {
                let slot = match resource["resourceType"].as_str() {
                    Some("Patient") => {
                        report.patients += 1;
                        0
                    }
                    Some("AllergyIntolerance") => {
                        report.allergy_intolerances += 1;
                        1
                    }
                    Some("Condition") => {
                        report.conditions += 1;
                        2
                    }
                    Some("Procedure") => {
                        report.procedures += 1;
                        4
                    }
                    Some("FamilyMemberHistory") => {
                        report.family_member_histories += 1;
                        5
                    }
                    _ => {
                        report.medication_statements += 1;
                        3
                    }
                };
                serde_json::to_writer(&mut files[slot], &resource)
                    .context("writing the FHIR export")?;
                files[slot]
                    .write_all(b"\n")
                    .context("writing the FHIR export")?;
            }
        }
        for f in &mut files {
            f.flush().context("writing the FHIR export")?;
        }
        report.medication_requests = self.export_medication_requests(dir, &clinic.code)?;
        let encounters = self.export_encounter_resources(dir)?;
        report.encounters = encounters.encounters;
        report.observations = encounters.observations;
        report.conditions += encounters.conditions;
        let lab = self.export_lab_reports(dir, &clinic.code)?;
        report.diagnostic_reports = lab.reports;
        report.observations += lab.observations;
        let subject = Subject {
            kind: "patients",
            id: format!("{} records as FHIR", report.patients),
        };
        audit::append(
            &self.conn,
            actor,
            AuditAction::Export,
            subject,
            self.clock.now(),
        )?;
        Ok(report)
    }
}

/// Exports hold clinical data in clear: never overwrite a file, and keep it to its owner. Refused
/// as a `Duplicate` error on `field`, with `message` (e.g. when the file exists already).
pub fn create_private_file(
    path: &Path,
    field: &str,
    message: impl Into<String>,
) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map_err(|_| Error::field(field, ErrorCode::Duplicate, message))
}
