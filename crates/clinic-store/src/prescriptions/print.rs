//! The printed prescription (shared `PrintDoc` builder) with the version hash of the document at
//! print time in the footer, and tracing a printed hash back to the exact version.
use super::{load, load_patient, version_hash, PrescriptionView, KIND};
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::print::{Column, PrintDoc};
use crate::records;
use crate::store::Store;
use automerge::ChangeHash;
use clinic_domain::patient::{age_in_years, Patient};
use clinic_domain::prescription::{Prescription, PrescriptionStatus};
use clinic_domain::{Action, Actor, ErrorCode};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use ts_rs::TS;
use uuid::Uuid;

/// The PDF of a prescription and the version hash printed on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintedPrescription {
    /// The PDF bytes, base64.
    pub pdf_base64: String,
    pub file_name: String,
    pub version_hash: String,
}

/// Lays out one prescription. `today` gives the patient's age; `licence` is the prescriber's
/// licence line from their staff profile (empty: not printed). Pure, so the benchmark can call it.
pub(crate) fn render(
    clinic: &str,
    patient: &Patient,
    rx: &Prescription,
    hash: &str,
    today: chrono::NaiveDate,
    licence: &str,
) -> Result<Vec<u8>> {
    let mut doc = PrintDoc::new(&format!("Prescription {}", patient.number));
    doc.clinic_header(clinic, &[]);
    let title = match rx.status {
        PrescriptionStatus::Draft => "Prescription (DRAFT - not valid)".to_string(),
        PrescriptionStatus::Cancelled => "Prescription (CANCELLED)".to_string(),
        PrescriptionStatus::Amended => "Prescription (REPLACED by a newer version)".to_string(),
        _ => "Prescription".to_string(),
    };
    doc.title(&title);
    let age = age_in_years(&patient.birth_date, today).map_or(String::new(), |a| format!("{a} y"));
    let allergies = if patient.allergies.is_empty() {
        "None recorded".to_string()
    } else {
        patient
            .allergies
            .iter()
            .map(|a| a.substance.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let date = rx
        .issued_at
        .get(..10)
        .unwrap_or(rx.created_at.get(..10).unwrap_or(""));
    let version = format!("{}", rx.version);
    let age_sex = format!("{age} / {}", patient.sex.as_str());
    let mut fields = vec![
        ("Patient", patient.full_name()),
        ("Number", patient.number.clone()),
        ("Age / sex", age_sex),
        ("Allergies", allergies),
        ("Prescriber", rx.prescriber_name.clone()),
    ];
    if !licence.is_empty() {
        fields.push(("Licence no.", licence.to_string()));
    }
    fields.push(("Date", date.to_string()));
    fields.push(("Version", version));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    doc.fields(&fields);
    doc.gap(3.0);
    let columns = [
        Column::left("Medicine", 52.0),
        Column::left("Dose", 26.0),
        Column::left("Route", 16.0),
        Column::left("Frequency", 30.0),
        Column::right("Days", 12.0),
        Column::right("Qty", 12.0),
        Column::left("Instructions", 32.0),
    ];
    let rows: Vec<Vec<String>> = rx
        .items
        .iter()
        .map(|i| {
            let name = [i.drug_name.as_str(), i.strength.as_str(), i.form.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            vec![
                name,
                i.dose.clone(),
                i.route.clone(),
                i.frequency.clone(),
                i.duration_days.to_string(),
                i.quantity.to_string(),
                i.instructions.clone(),
            ]
        })
        .collect();
    doc.table(&columns, &rows);
    if !rx.notes.is_empty() {
        doc.gap(2.0);
        doc.text(&rx.notes);
    }
    doc.gap(12.0);
    doc.signature_line(&format!("Signature: {}", rx.prescriber_name));
    doc.footer(&format!("Version {} - {}", short(hash), hash));
    doc.finish()
}

pub(crate) fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

type Found = (String, Uuid, records::Loaded, Vec<ChangeHash>);

/// Every version of a document (the heads after each change, in the document's change order),
/// with its version hash; the one whose hash starts with `prefix`.
fn version_in(doc: &mut automerge::AutoCommit, prefix: &str) -> Option<(String, Vec<ChangeHash>)> {
    let mut heads: Vec<ChangeHash> = Vec::new();
    for change in doc.get_changes(&[]) {
        heads.retain(|h| !change.deps().contains(h));
        heads.push(change.hash());
        let text = records::heads_text(&heads);
        let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes()));
        if hash.starts_with(prefix) {
            return Some((hash, heads.clone()));
        }
    }
    None
}

impl Store {
    fn find_version(&self, prefix: &str, device: Uuid) -> Result<Option<Found>> {
        for id in records::ids(&self.conn, KIND)? {
            let Some(mut loaded) = records::load(&self.conn, KIND, id, device)? else {
                continue;
            };
            if let Some((hash, heads)) = version_in(&mut loaded.doc, prefix) {
                return Ok(Some((hash, id, loaded, heads)));
            }
        }
        Ok(None)
    }

    /// Prints a prescription: the PDF carries the version hash; the hash is remembered here so the
    /// printout traces back to this version. Audited as an export.
    pub fn print_prescription(&mut self, actor: &Actor, id: Uuid) -> Result<PrintedPrescription> {
        self.authorize(actor, Action::PrescriptionView)?;
        let device = self.device()?;
        let clinic = self.clinic()?;
        let (mut loaded, rx) = load(&self.conn, id, device.id)?;
        let patient = load_patient(&self.conn, &rx.patient_id, device.id)?;
        let hash = version_hash(&mut loaded.doc);
        let heads = records::heads_text(&loaded.doc.get_heads());
        let now = self.clock.now();
        let today = now.with_timezone(&chrono::Local).date_naive();
        let licence = match crate::staff::licence_of(&self.conn, &rx.prescriber_id)? {
            Some((number, body)) if !body.is_empty() => format!("{number} ({body})"),
            Some((number, _)) => number,
            None => String::new(),
        };
        let pdf = render(&clinic.name, &patient, &rx, &hash, today, &licence)?;
        let tx = self.write()?;
        tx.prepare_cached(
            "INSERT INTO prescription_prints (hash, prescription_id, heads, first_printed_at)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (hash) DO NOTHING",
        )
        .and_then(|mut s| s.execute(params![hash, id.to_string(), heads, now.to_rfc3339()]))
        .context("recording the printout")?;
        audit::append(
            &tx,
            actor,
            AuditAction::Export,
            Subject::record(KIND, id),
            now,
        )?;
        tx.commit().context("recording the printout")?;
        use base64::Engine;
        Ok(PrintedPrescription {
            pdf_base64: base64::engine::general_purpose::STANDARD.encode(&pdf),
            file_name: format!("prescription-{}-v{}.pdf", patient.number, rx.version),
            version_hash: hash,
        })
    }

    /// The prescription exactly as it was when the printout with `hash` (full, or its first 12+
    /// characters) was made: from the printouts made here, else by walking every version of every
    /// prescription on this PC (a printout made on another PC). Audited as a view.
    pub fn trace_prescription_print(
        &mut self,
        actor: &Actor,
        hash: &str,
    ) -> Result<PrescriptionView> {
        self.authorize(actor, Action::PrescriptionView)?;
        let h = hash.trim().to_ascii_lowercase();
        let bad = || {
            Error::field(
                "hash",
                ErrorCode::NotFound,
                "no printout with this version hash on this PC",
            )
        };
        if h.len() < 12 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::field(
                "hash",
                ErrorCode::InvalidFormat,
                "is not a version hash",
            ));
        }
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT hash, prescription_id, heads FROM prescription_prints WHERE substr(hash, 1, length(?1)) = ?1 LIMIT 2")
            .and_then(|mut s| s.query_row([&h], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional())
            .context("reading printouts")?;
        let device = self.device()?;
        let (full, id, mut loaded, heads) = match row {
            Some((full, rid, heads)) => {
                let id = Uuid::parse_str(&rid).map_err(|_| bad())?;
                let (loaded, _) = load(&self.conn, id, device.id)?;
                let heads: Vec<ChangeHash> = heads
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(ChangeHash::from_str)
                    .collect::<std::result::Result<_, _>>()
                    .map_err(|_| bad())?;
                (full, id, loaded, heads)
            }
            // Printed on another PC: look through every version of every prescription here.
            None => self.find_version(&h, device.id)?.ok_or_else(bad)?,
        };
        let mut at_version = loaded.doc.fork_at(&heads).map_err(|_| bad())?;
        let rx: Prescription = records::hydrate(&at_version)?;
        audit::append(
            &self.conn,
            actor,
            AuditAction::View,
            Subject::record(KIND, id),
            self.clock.now(),
        )?;
        Ok(PrescriptionView {
            id: id.to_string(),
            version_hash: {
                debug_assert_eq!(version_hash(&mut at_version), full);
                full
            },
            prescription: rx,
            warnings: Vec::new(),
            created_at: loaded.created_at,
            updated_at: loaded.updated_at,
        })
    }
}
