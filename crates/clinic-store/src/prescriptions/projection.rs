//! The `prescriptions` projection: one row per prescription document, rewritten in the same
//! transaction as the document (and from the merged document when changes come by sync).
use crate::error::{Context, Result};
use clinic_domain::prescription::{Prescription, PrescriptionStatus};
use rusqlite::{params, Connection, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// One row of a prescription list (the patient's, or the pharmacy's), from the projection only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrescriptionSummary {
    pub id: String,
    pub patient_id: String,
    /// From the patients projection (empty when the patient is not on this PC yet).
    pub patient_number: String,
    pub patient_name: String,
    pub prescriber_name: String,
    pub status: PrescriptionStatus,
    pub version: u32,
    pub supersedes: String,
    pub superseded_by: String,
    pub drugs: Vec<String>,
    pub created_at: String,
    pub issued_at: String,
    pub dispensed_at: String,
}

pub(crate) fn write(tx: &Transaction<'_>, id: Uuid, p: &Prescription, at: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO prescriptions (id, patient_id, encounter_id, prescriber_id, prescriber_name,
            status, version, supersedes, superseded_by, drugs, item_count, created_at, issued_at,
            dispensed_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT (id) DO UPDATE SET patient_id = excluded.patient_id,
            encounter_id = excluded.encounter_id, prescriber_id = excluded.prescriber_id,
            prescriber_name = excluded.prescriber_name, status = excluded.status,
            version = excluded.version, supersedes = excluded.supersedes,
            superseded_by = excluded.superseded_by, drugs = excluded.drugs,
            item_count = excluded.item_count, created_at = excluded.created_at,
            issued_at = excluded.issued_at, dispensed_at = excluded.dispensed_at,
            updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            id.to_string(),
            p.patient_id,
            p.encounter_id,
            p.prescriber_id,
            p.prescriber_name,
            p.status.as_str(),
            p.version,
            p.supersedes,
            p.superseded_by,
            p.drug_names().join("\n"),
            p.items.len() as i64,
            p.created_at,
            p.issued_at,
            p.dispensed_at,
            at
        ])
    })
    .context("updating the prescription list")?;
    Ok(())
}

const SELECT: &str = "SELECT r.id, r.patient_id, coalesce(p.number, ''),
        coalesce(p.given_name || ' ' || p.family_name, ''), r.prescriber_name, r.status, r.version,
        r.supersedes, r.superseded_by, r.drugs, r.created_at, r.issued_at, r.dispensed_at
    FROM prescriptions r LEFT JOIN patients p ON p.id = r.patient_id";

fn status(s: &str) -> PrescriptionStatus {
    match s {
        "issued" => PrescriptionStatus::Issued,
        "dispensed" => PrescriptionStatus::Dispensed,
        "cancelled" => PrescriptionStatus::Cancelled,
        "amended" => PrescriptionStatus::Amended,
        _ => PrescriptionStatus::Draft,
    }
}

fn summary(r: &Row<'_>) -> rusqlite::Result<PrescriptionSummary> {
    let drugs: String = r.get(9)?;
    Ok(PrescriptionSummary {
        id: r.get(0)?,
        patient_id: r.get(1)?,
        patient_number: r.get(2)?,
        patient_name: r.get(3)?,
        prescriber_name: r.get(4)?,
        status: status(&r.get::<_, String>(5)?),
        version: r.get(6)?,
        supersedes: r.get(7)?,
        superseded_by: r.get(8)?,
        drugs: drugs.lines().map(String::from).collect(),
        created_at: r.get(10)?,
        issued_at: r.get(11)?,
        dispensed_at: r.get(12)?,
    })
}

fn query(conn: &Connection, sql: &str, arg: &str) -> Result<Vec<PrescriptionSummary>> {
    let mut stmt = conn.prepare_cached(sql).context("listing prescriptions")?;
    let rows = stmt
        .query_map([arg], summary)
        .context("listing prescriptions")?;
    rows.map(|r| r.context("listing prescriptions")).collect()
}

/// Every prescription of a patient (every version), newest first.
pub(crate) fn for_patient(conn: &Connection, patient_id: &str) -> Result<Vec<PrescriptionSummary>> {
    let sql =
        format!("{SELECT} WHERE r.patient_id = ?1 ORDER BY r.created_at DESC, r.id LIMIT 500");
    query(conn, &sql, patient_id)
}

/// The pharmacy's work list: issued and not dispensed yet, oldest first.
pub(crate) fn work_list(conn: &Connection) -> Result<Vec<PrescriptionSummary>> {
    let sql = format!("{SELECT} WHERE r.status = ?1 ORDER BY r.issued_at, r.id LIMIT 500");
    query(conn, &sql, "issued")
}
