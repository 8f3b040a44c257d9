//! Whole documents from the server (a new PC's bootstrap): each is merged into the local record
//! (or becomes it), every change new to this store is logged with source `sync` (so it is never
//! uploaded again), and the record is projected. A PC that joins a clinic is set up here too.
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records;
use crate::remote::store_merged;
use crate::store::{set_meta, Store};
use automerge::AutoCommit;
use clinic_domain::sync::SnapshotRecord;
use clinic_domain::{Actor, ErrorCode, RecordKind, Role};
use rusqlite::Transaction;
use uuid::Uuid;

fn decode(bytes: &[u8]) -> Result<AutoCommit> {
    AutoCommit::load(bytes)
        .map_err(|_| Error::field("doc", ErrorCode::InvalidFormat, "is not a valid document"))
}

/// Merges `incoming` into record `id` inside `tx`; returns how many changes were new here.
fn merge_in(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    mut incoming: AutoCommit,
    device_id: Uuid,
    at: &str,
) -> Result<usize> {
    let (mut doc, added, is_new) = match records::load(tx, kind, id, device_id)? {
        Some(loaded) => {
            let mut doc = loaded.doc;
            let before = doc.get_heads();
            doc.merge(&mut incoming).map_err(|_| {
                Error::field(
                    "doc",
                    ErrorCode::InvalidValue,
                    "cannot be merged into this record",
                )
            })?;
            let added = doc.get_changes(&before);
            (doc, added, false)
        }
        None => {
            let added = incoming.get_changes(&[]);
            let doc = incoming.with_actor(records::actor_id(device_id));
            (doc, added, true)
        }
    };
    if added.is_empty() && !is_new {
        return Ok(0);
    }
    store_merged(tx, kind, id, &mut doc, &added, is_new, at)?;
    Ok(added.len())
}

impl Store {
    /// Merges the saved document `doc` (from the server) into record `id`, creating it when
    /// missing. Bytes that are not a document are refused with nothing written.
    pub fn apply_snapshot(&mut self, kind: RecordKind, id: Uuid, doc: &[u8]) -> Result<usize> {
        let incoming = decode(doc)?;
        let device = self.device()?;
        let at = self.clock.now().to_rfc3339();
        let tx = self.write()?;
        let n = merge_in(&tx, kind, id, incoming, device.id, &at)?;
        tx.commit().context("saving a snapshot")?;
        Ok(n)
    }

    /// Applies one snapshot page in one transaction, and remembers its last record so an
    /// interrupted bootstrap resumes after it. Any invalid document refuses the whole page.
    /// Returns how many changes were new here.
    pub fn apply_snapshot_page(&mut self, page: &[SnapshotRecord]) -> Result<usize> {
        let decoded: Vec<(RecordKind, Uuid, AutoCommit)> = page
            .iter()
            .map(|r| decode(&r.doc.0).map(|d| (r.kind, r.id, d)))
            .collect::<Result<_>>()?;
        let device = self.device()?;
        let at = self.clock.now().to_rfc3339();
        let tx = self.write()?;
        let mut new_changes = 0;
        for (kind, id, doc) in decoded {
            new_changes += merge_in(&tx, kind, id, doc, device.id, &at)?;
        }
        if let Some(last) = page.last() {
            crate::sync_state::set_bootstrap_after_id(&tx, last.id)?;
        }
        tx.commit().context("saving snapshots")?;
        Ok(new_changes)
    }

    /// Sets up a new PC that joined a clinic on the central server: the clinic and the device as
    /// the server knows them, and no local administrator (users arrive with the snapshot).
    /// Refused on a store that is set up already.
    pub fn initialize_joined(
        &mut self,
        clinic_code: &str,
        clinic_name: &str,
        device_code: &str,
    ) -> Result<()> {
        if self.is_initialized()? {
            return Err(Error::AlreadyInitialized);
        }
        if !clinic_domain::patient_number::valid_device_code(device_code) {
            return Err(Error::field(
                "device_code",
                ErrorCode::InvalidFormat,
                "the server assigned an invalid device code",
            ));
        }
        let device_id = self.ensure_device_id()?;
        let at = self.clock.now();
        let clinic_id = self.ids.new_id();
        let tx = self.write()?;
        for (k, v) in [
            ("clinic_id", clinic_id.to_string()),
            ("clinic_name", clinic_name.to_string()),
            ("clinic_code", clinic_code.to_string()),
            ("device_code", device_code.to_string()),
        ] {
            set_meta(&tx, k, &v)?;
        }
        // No person did this: the sync engine joined the clinic.
        let actor = Actor {
            user_id: Uuid::nil(),
            username: "sync".into(),
            role: Role::Administrator,
            device_id,
        };
        audit::append(
            &tx,
            &actor,
            AuditAction::Create,
            Subject {
                kind: "clinic",
                id: clinic_id.to_string(),
            },
            at,
        )?;
        tx.commit().context("saving the setup")
    }
}
