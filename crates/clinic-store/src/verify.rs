//! `verify`: the store checks itself. SQLite integrity, the full-text index, the audit chain,
//! and every projection row against what its document says. Problems name records and fields,
//! never their values (the report may be pasted into a support ticket).
use crate::audit;
use crate::error::{Context, Result};
use crate::patients::projection::{self, row_for};
use crate::records;
use crate::store::Store;
use clinic_domain::RecordKind;
use rusqlite::OptionalExtension;
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VerifyReport {
    pub records_checked: usize,
    pub audit_entries: i64,
    pub problems: Vec<String>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    pub fn verify(&self) -> Result<VerifyReport> {
        let mut problems = Vec::new();
        // The search index's own check goes first: it also refreshes this connection's view of the
        // index, which `PRAGMA integrity_check` would otherwise judge from a stale cache when another
        // process (a CLI import) changed the index since this connection last read it.
        if self
            .conn
            .execute(
                "INSERT INTO patients_fts (patients_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .is_err()
        {
            problems.push("the patient search index is damaged".to_string());
        }
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .context("checking integrity")?;
        if integrity != "ok" {
            problems.push("the database file is damaged (integrity_check failed)".to_string());
        }
        problems.extend(audit::verify(&self.conn)?);
        let device = self.device()?;
        let mut checked = 0;
        for id in self.patient_ids()? {
            checked += 1;
            self.verify_patient(id, device.id, &mut problems)?;
        }
        for id in records::ids(&self.conn, RecordKind::User)? {
            checked += 1;
            let doc = self.user_doc(id, device.id)?;
            let row: Option<(String, String, String, String, bool, String)> = self
                .conn
                .query_row("SELECT username, display_name, role, password_hash, active, totp_secret FROM users WHERE id = ?1", [id.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                })
                .optional()
                .context("reading users")?;
            let same = match (&doc, &row) {
                (Some(u), Some(r)) => {
                    (
                        &u.username,
                        &u.display_name,
                        &u.role,
                        &u.password_hash,
                        u.active,
                        &u.totp_secret,
                    ) == (&r.0, &r.1, &r.2, &r.3, r.4, &r.5)
                }
                _ => false,
            };
            if !same {
                problems.push(format!(
                    "user {id}: the users list disagrees with the user's document"
                ));
            }
        }
        checked += crate::sync_issues::projection::verify(&self.conn, device.id, &mut problems)?;
        checked += crate::appointments::projection::verify(&self.conn, device.id, &mut problems)?;
        checked += crate::stock::projection::verify(&self.conn, device.id, &mut problems)?;
        checked += crate::lab::projection::verify(&self.conn, device.id, &mut problems)?;
        checked += crate::rooms::verify::verify(&self.conn, device.id, &mut problems)?;
        crate::staff::verify(&self.conn, device.id, &mut problems)?;
        checked += crate::reminders::projection::verify(&self.conn, device.id, &mut problems)?;
        let orphans: i64 = self
            .conn
            .query_row("SELECT count(*) FROM patients WHERE id NOT IN (SELECT id FROM records WHERE kind = 'patient')", [], |r| r.get(0))
            .context("checking projections")?;
        if orphans > 0 {
            problems.push(format!("{orphans} patient list rows have no document"));
        }
        let audit_entries = self
            .conn
            .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
            .context("counting audit entries")?;
        Ok(VerifyReport {
            records_checked: checked,
            audit_entries,
            problems,
        })
    }

    fn verify_patient(&self, id: Uuid, device_id: Uuid, problems: &mut Vec<String>) -> Result<()> {
        let Some(mut loaded) = records::load(&self.conn, RecordKind::Patient, id, device_id)?
        else {
            return Ok(());
        };
        let patient = match records::hydrate(&loaded.doc) {
            Ok(p) => p,
            Err(_) => {
                problems.push(format!("patient {id}: the document cannot be read"));
                return Ok(());
            }
        };
        let stored_heads: Option<String> = self
            .conn
            .query_row(
                "SELECT heads FROM records WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .context("reading a record")?;
        // No stored heads: the record is still its one logged change, loaded from the log itself.
        if stored_heads.is_some_and(|h| h != records::heads_text(&loaded.doc.get_heads())) {
            problems.push(format!(
                "patient {id}: stored heads differ from the document"
            ));
        }
        let expected = row_for(id, &patient);
        match projection::stored_row(&self.conn, id)? {
            None => problems.push(format!("patient {id}: missing from the patient list")),
            Some(row) if row != expected => problems.push(format!(
                "patient {id}: the patient list disagrees with the document ({})",
                differing(&row, &expected)
            )),
            Some(_) => {}
        }
        let fts: Option<(String, String, String, String)> = self
            .conn
            .query_row(
                "SELECT names, number, phone, national_id FROM patients_fts WHERE rowid = (SELECT rowid FROM patients WHERE id = ?1)",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .context("reading the search index")?;
        if fts != Some(projection::fts_columns(&expected)) {
            problems.push(format!(
                "patient {id}: the search index disagrees with the document"
            ));
        }
        let logged: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM change_log WHERE record_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .context("reading the change log")?;
        if (logged as usize) < loaded.doc.get_changes(&[]).len() {
            problems.push(format!(
                "patient {id}: changes are missing from the change log"
            ));
        }
        Ok(())
    }
}

/// Names of the projection columns that differ (never their values).
fn differing(a: &projection::ProjectedRow, b: &projection::ProjectedRow) -> String {
    let (x, y) = (&a.summary, &b.summary);
    let checks = [
        ("number", x.number != y.number),
        ("given_name", x.given_name != y.given_name),
        ("family_name", x.family_name != y.family_name),
        ("sex", x.sex != y.sex),
        (
            "birth_date",
            x.birth_date != y.birth_date || x.birth_date_estimated != y.birth_date_estimated,
        ),
        ("phone", x.phone != y.phone || a.phone_key != b.phone_key),
        (
            "national_id",
            x.national_id != y.national_id || a.national_id_key != b.national_id_key,
        ),
        ("deleted", x.deleted != y.deleted),
        ("name_key", a.name_key != b.name_key),
    ];
    checks
        .iter()
        .filter(|(_, d)| *d)
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}
