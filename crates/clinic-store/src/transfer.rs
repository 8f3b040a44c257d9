//! CSV import and CSV/JSON export of patients, for IT staff moving data in and out.
//! Import reports each bad row with its line number, field and reason, saves the good rows, and
//! skips rows that are already registered, so running the same file twice creates no duplicates.
use crate::error::{Context, Error, Result};
use crate::store::Store;
use clinic_domain::patient::{
    AllergyInput, AllergySeverity, BloodType, DuplicateReason, EmergencyContact, PatientInput, Sex,
};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, FieldError};
use serde::Serialize;
use std::io::{Read, Write};

/// The CSV columns, in export order. Import accepts any order and any subset (plus `number`/`id`,
/// which it ignores: numbers are given by this PC).
pub const COLUMNS: [&str; 17] = [
    "given_name",
    "family_name",
    "sex",
    "birth_date",
    "estimated_age_years",
    "phone",
    "address",
    "national_id",
    "insurance_provider",
    "insurance_policy",
    "emergency_contact_name",
    "emergency_contact_phone",
    "emergency_contact_relationship",
    "blood_type",
    "allergies",
    "chronic_conditions",
    "current_medications",
];
const IGNORED: [&str; 4] = ["number", "id", "deleted", "birth_date_estimated"];
const BATCH: usize = 500;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    pub imported: usize,
    /// Lines skipped because the patient is already registered (line, existing number).
    pub already_registered: Vec<(u64, String)>,
    pub errors: Vec<RowError>,
}

impl Store {
    pub fn import_csv(&mut self, actor: &Actor, reader: impl Read) -> Result<ImportReport> {
        self.authorize(actor, Action::PatientImport)?;
        let mut csv = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(reader);
        let headers = csv
            .headers()
            .map_err(|_| {
                Error::field(
                    "file",
                    ErrorCode::InvalidFormat,
                    "is not a CSV file with a header row",
                )
            })?
            .clone();
        for h in headers.iter() {
            if !COLUMNS.contains(&h) && !IGNORED.contains(&h) {
                return Err(Error::field(
                    "file",
                    ErrorCode::InvalidFormat,
                    format!("unknown column \"{h}\" (line 1)"),
                ));
            }
        }
        for required in ["given_name", "family_name"] {
            if !headers.iter().any(|h| h == required) {
                return Err(Error::field(
                    "file",
                    ErrorCode::Required,
                    format!("column \"{required}\" is missing (line 1)"),
                ));
            }
        }
        let mut report = ImportReport::default();
        let mut pending: Vec<(u64, PatientInput)> = Vec::new();
        for record in csv.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    report.errors.push(RowError {
                        line,
                        field: "row".into(),
                        message: "cannot be read (wrong number of columns or bad quoting)".into(),
                    });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let get = |name: &str| {
                headers
                    .iter()
                    .position(|h| h == name)
                    .and_then(|i| record.get(i))
                    .unwrap_or("")
                    .to_string()
            };
            match row_to_input(&get) {
                Ok(input) => pending.push((line, input)),
                Err(errors) => report.errors.extend(errors.into_iter().map(|e| RowError {
                    line,
                    field: e.field,
                    message: e.message,
                })),
            }
            if pending.len() >= BATCH {
                self.import_batch(actor, std::mem::take(&mut pending), &mut report)?;
            }
        }
        self.import_batch(actor, pending, &mut report)?;
        report.errors.sort_by_key(|e| e.line);
        Ok(report)
    }

    fn import_batch(
        &mut self,
        actor: &Actor,
        rows: Vec<(u64, PatientInput)>,
        report: &mut ImportReport,
    ) -> Result<()> {
        let mut fresh: Vec<(u64, PatientInput)> = Vec::new();
        for (line, input) in rows {
            if let Some((first, _)) = fresh
                .iter()
                .find(|(_, earlier)| same_person(earlier, &input))
            {
                report
                    .already_registered
                    .push((line, format!("line {first}")));
                continue;
            }
            // Already registered (same national ID, or same name and birth date): skip, so a re-run
            // of the same file, or a file overlapping an earlier one, adds nothing twice.
            let dups = self.find_duplicates(actor, &input, None)?;
            let same = dups.iter().find(|d| {
                d.reasons.iter().any(|r| {
                    matches!(
                        r,
                        DuplicateReason::NationalId | DuplicateReason::NameAndBirthDate
                    )
                })
            });
            match same {
                Some(d) => report
                    .already_registered
                    .push((line, d.patient.number.clone())),
                None => fresh.push((line, input)),
            }
        }
        let inputs: Vec<PatientInput> = fresh.iter().map(|(_, i)| i.clone()).collect();
        for ((line, _), result) in
            fresh
                .iter()
                .zip(self.register_patients(actor, &inputs, ChangeSource::Import)?)
        {
            match result {
                Ok(_) => report.imported += 1,
                Err(Error::Invalid(errors)) => {
                    report.errors.extend(errors.into_iter().map(|e| RowError {
                        line: *line,
                        field: e.field,
                        message: e.message,
                    }))
                }
                Err(other) => return Err(other),
            }
        }
        Ok(())
    }

    /// Writes every patient as CSV (with `number`, `id` and `deleted` first). Returns the count.
    pub fn export_csv(&mut self, actor: &Actor, out: impl Write) -> Result<usize> {
        self.authorize(actor, Action::PatientExport)?;
        let mut w = csv::Writer::from_writer(out);
        let header: Vec<&str> = ["number", "id", "deleted"]
            .into_iter()
            .chain(COLUMNS)
            .collect();
        w.write_record(&header).context("writing the export")?;
        let ids = self.patient_ids()?;
        for id in &ids {
            let p = self.patient_doc(*id)?;
            let allergies: Vec<String> = p
                .allergies
                .iter()
                .map(|a| {
                    format!(
                        "{}:{}:{}",
                        a.substance,
                        severity_name(a.severity),
                        a.reaction
                    )
                    .trim_end_matches(':')
                    .to_string()
                })
                .collect();
            let row = [
                p.number.clone(),
                id.to_string(),
                p.deleted.to_string(),
                p.given_name.clone(),
                p.family_name.clone(),
                p.sex.as_str().to_string(),
                p.birth_date.clone(),
                String::new(),
                p.phone.clone(),
                p.address.clone(),
                p.national_id.clone(),
                p.insurance_provider.clone(),
                p.insurance_policy.clone(),
                p.emergency_contact.name.clone(),
                p.emergency_contact.phone.clone(),
                p.emergency_contact.relationship.clone(),
                p.blood_type.as_str().to_string(),
                allergies.join("; "),
                p.chronic_conditions.join("; "),
                p.current_medications.join("; "),
            ];
            w.write_record(&row).context("writing the export")?;
        }
        w.flush().context("writing the export")?;
        self.audit_export(actor, ids.len())?;
        Ok(ids.len())
    }

    /// Writes every patient as a JSON array of `{id, patient}` objects, one document at a time.
    pub fn export_json(&mut self, actor: &Actor, mut out: impl Write) -> Result<usize> {
        self.authorize(actor, Action::PatientExport)?;
        let ids = self.patient_ids()?;
        out.write_all(b"[").context("writing the export")?;
        for (i, id) in ids.iter().enumerate() {
            let item = serde_json::json!({ "id": id, "patient": self.patient_doc(*id)? });
            if i > 0 {
                out.write_all(b",").context("writing the export")?;
            }
            out.write_all(b"\n").context("writing the export")?;
            serde_json::to_writer(&mut out, &item).context("writing the export")?;
        }
        out.write_all(b"\n]\n").context("writing the export")?;
        self.audit_export(actor, ids.len())?;
        Ok(ids.len())
    }

    fn audit_export(&self, actor: &Actor, count: usize) -> Result<()> {
        let subject = crate::audit::Subject {
            kind: "patients",
            id: format!("{count} records"),
        };
        crate::audit::append(
            &self.conn,
            actor,
            crate::audit::AuditAction::Export,
            subject,
            self.clock.now(),
        )
    }
}

/// Two rows of one file that describe the same person (the database check cannot see rows not yet saved).
fn same_person(a: &PatientInput, b: &PatientInput) -> bool {
    use clinic_domain::text::{fold, id_key};
    let nid = id_key(&a.national_id);
    let same_nid = nid.len() >= 4 && nid == id_key(&b.national_id);
    let name = |p: &PatientInput| fold(&format!("{} {}", p.given_name, p.family_name));
    let same_name_birth =
        a.birth_date.is_some() && a.birth_date == b.birth_date && name(a) == name(b);
    same_nid || same_name_birth
}

fn severity_name(s: AllergySeverity) -> &'static str {
    match s {
        AllergySeverity::Mild => "mild",
        AllergySeverity::Moderate => "moderate",
        AllergySeverity::Severe => "severe",
        AllergySeverity::LifeThreatening => "life_threatening",
    }
}

fn list(s: &str) -> Vec<String> {
    s.split(';')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// One CSV row to form input; text that cannot even be parsed (a sex of "X") is a field error here,
/// the rest is checked by the same validation as the form.
fn row_to_input(
    get: &dyn Fn(&str) -> String,
) -> std::result::Result<PatientInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let sex = Sex::parse(&get("sex")).unwrap_or_else(|| {
        errors.push(FieldError::new(
            "sex",
            ErrorCode::InvalidValue,
            "must be female, male, other or unknown",
        ));
        Sex::Unknown
    });
    let blood_type = BloodType::parse(&get("blood_type")).unwrap_or_else(|| {
        errors.push(FieldError::new(
            "blood_type",
            ErrorCode::InvalidValue,
            "must be A+, A-, B+, B-, AB+, AB-, O+, O- or unknown",
        ));
        BloodType::Unknown
    });
    let age = get("estimated_age_years");
    let estimated_age_years = if age.is_empty() {
        None
    } else {
        age.parse().map(Some).unwrap_or_else(|_| {
            errors.push(FieldError::new(
                "estimated_age_years",
                ErrorCode::InvalidFormat,
                "must be a whole number of years",
            ));
            None
        })
    };
    let mut allergies = Vec::new();
    for (i, entry) in list(&get("allergies")).into_iter().enumerate() {
        let mut parts = entry.splitn(3, ':').map(str::trim);
        let substance = parts.next().unwrap_or("").to_string();
        let severity = parts.next().unwrap_or("");
        let reaction = parts.next().unwrap_or("").to_string();
        match AllergySeverity::parse(severity) {
            Some(severity) => allergies.push(AllergyInput { id: None, substance, severity, reaction }),
            None => errors.push(FieldError::new(
                format!("allergies.{i}.severity"),
                ErrorCode::InvalidValue,
                "write allergies as substance:severity[:reaction], severity mild, moderate, severe or life_threatening",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let birth_date = Some(get("birth_date")).filter(|s| !s.is_empty());
    Ok(PatientInput {
        given_name: get("given_name"),
        family_name: get("family_name"),
        sex,
        birth_date,
        estimated_age_years,
        phone: get("phone"),
        address: get("address"),
        national_id: get("national_id"),
        insurance_provider: get("insurance_provider"),
        insurance_policy: get("insurance_policy"),
        emergency_contact: EmergencyContact {
            name: get("emergency_contact_name"),
            phone: get("emergency_contact_phone"),
            relationship: get("emergency_contact_relationship"),
        },
        blood_type,
        allergies,
        chronic_conditions: list(&get("chronic_conditions")),
        current_medications: list(&get("current_medications")),
        email: get("email"),
        ..PatientInput::default()
    })
}
