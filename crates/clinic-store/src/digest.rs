//! A comparable summary of a store's content: every record with its document heads, and every
//! projection row. Two stores that converged have equal digests (tests, `verify` across PCs).
use crate::error::{Context, Result};
use crate::records;
use crate::store::Store;
use clinic_domain::RecordKind;
use rusqlite::types::ValueRef;

/// One record: id, kind and its document's heads (sorted, comma-separated).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordDigest {
    pub id: String,
    pub kind: String,
    pub heads: String,
}

impl Store {
    /// Every record with its heads, by id. Loads each document: for tests and checks, not hot paths.
    pub fn record_digests(&self) -> Result<Vec<RecordDigest>> {
        let device = self.device()?;
        let mut out = Vec::new();
        for kind in RecordKind::ALL {
            for id in records::ids(&self.conn, kind)? {
                if let Some(loaded) = records::load(&self.conn, kind, id, device.id)? {
                    let mut doc = loaded.doc;
                    out.push(RecordDigest {
                        id: id.to_string(),
                        kind: kind.as_str().to_string(),
                        heads: records::heads_text(&doc.get_heads()),
                    });
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Every row of the projection of `kind`, by id, each as its column values joined by `|`,
    /// leaving out `updated_at` (the local time the row was written, which differs per PC).
    pub fn projection_rows(&self, kind: RecordKind) -> Result<Vec<String>> {
        let table = match kind {
            RecordKind::Patient => "patients",
            RecordKind::User => "users",
            RecordKind::SyncIssue => "sync_issues",
            RecordKind::Prescription => "prescriptions",
            RecordKind::PriceItem => "price_items",
            RecordKind::Invoice => "invoices",
            RecordKind::Appointment => "appointments",
            RecordKind::ClinicianSchedule => "clinician_schedules",
            RecordKind::Encounter => "encounters",
            RecordKind::StockBatch => "stock_batches",
            RecordKind::LabOrder => "lab_orders",
            RecordKind::Department => "departments",
            RecordKind::Room => "rooms",
            RecordKind::RoomAssignment => "room_assignments",
            RecordKind::OutgoingMessage => "outgoing_messages",
        };
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .context("reading a projection")?;
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let mut rows = stmt.query([]).context("reading a projection")?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().context("reading a projection")? {
            let mut cols = Vec::new();
            for (i, name) in names.iter().enumerate() {
                if name == "updated_at" {
                    continue;
                }
                let v = row.get_ref(i).context("reading a projection")?;
                cols.push(match v {
                    ValueRef::Null => "∅".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(f) => f.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => hex::encode(b),
                });
            }
            out.push(cols.join("|"));
        }
        Ok(out)
    }
}
