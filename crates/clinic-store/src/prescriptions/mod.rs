//! Prescriptions: drafts, issue (with allergy and interaction warnings, an override reason when
//! they are serious), cancel, amend (a new version that supersedes the old, which is kept),
//! dispense by the pharmacy, lists from the `prescriptions` projection, printing and tracing a
//! printout back to its version. Every write: authorize → validate → one transaction with the
//! document, its projection, the change log and the audit trail.
mod dispense;
mod fhir;
mod lifecycle;
pub(crate) mod print;
pub(crate) mod projection;

pub use print::PrintedPrescription;
pub use projection::PrescriptionSummary;

use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records::{self, WriteCtx};
use crate::store::Store;
use automerge::AutoCommit;
use clinic_domain::drugs::{warnings, AllergyFact, NamedDrug, RxWarning};
use clinic_domain::patient::Patient;
use clinic_domain::prescription::{ItemInput, Prescription, PrescriptionInput, PrescriptionStatus};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use uuid::Uuid;

const KIND: RecordKind = RecordKind::Prescription;

/// A prescription as the form and the pharmacy show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrescriptionView {
    pub id: String,
    pub prescription: Prescription,
    /// SHA-256 of the document's sorted heads: the version printed on paper.
    pub version_hash: String,
    /// For a draft: the warnings as things stand; otherwise none (see `issue_warnings`).
    pub warnings: Vec<RxWarning>,
    pub created_at: String,
    pub updated_at: String,
}

/// The version hash of a document as it stands: SHA-256 of its sorted heads, hex.
pub(crate) fn version_hash(doc: &mut AutoCommit) -> String {
    hex::encode(Sha256::digest(
        records::heads_text(&doc.get_heads()).as_bytes(),
    ))
}

pub(crate) fn ctx<'a>(
    actor: &'a Actor,
    action: &'a str,
    at: chrono::DateTime<chrono::Utc>,
) -> WriteCtx<'a> {
    WriteCtx {
        actor,
        action,
        source: ChangeSource::Ui,
        at,
    }
}

pub(crate) fn load(
    conn: &Connection,
    id: Uuid,
    device: Uuid,
) -> Result<(records::Loaded, Prescription)> {
    let loaded = records::load(conn, KIND, id, device)?.ok_or(Error::NotFound {
        what: "prescription",
    })?;
    let rx: Prescription = records::hydrate(&loaded.doc)?;
    Ok((loaded, rx))
}

pub(crate) fn load_patient(conn: &Connection, id: &str, device: Uuid) -> Result<Patient> {
    let pid = Uuid::parse_str(id)
        .map_err(|_| Error::field("patient_id", ErrorCode::InvalidFormat, "is not a record id"))?;
    let loaded = records::load(conn, RecordKind::Patient, pid, device)?
        .ok_or_else(|| Error::field("patient_id", ErrorCode::NotFound, "no such patient"))?;
    records::hydrate(&loaded.doc)
}

pub(crate) fn display_name(conn: &Connection, user: Uuid, fallback: &str) -> Result<String> {
    let name: Option<String> = conn
        .prepare_cached("SELECT display_name FROM users WHERE id = ?1")
        .and_then(|mut s| s.query_row([user.to_string()], |r| r.get(0)).optional())
        .context("reading users")?;
    Ok(name.unwrap_or_else(|| fallback.to_string()))
}

/// Warnings for `items` of a prescription for `patient`: its allergies, its current medications
/// and the drugs of its other active prescriptions (all but `except`).
pub(crate) fn warnings_for(
    conn: &Connection,
    patient_id: &str,
    patient: &Patient,
    items: &[NamedDrug],
    except: &[String],
) -> Result<Vec<RxWarning>> {
    let allergies: Vec<AllergyFact> = patient
        .allergies
        .iter()
        .map(|a| AllergyFact {
            substance: a.substance.clone(),
        })
        .collect();
    let mut others = patient.current_medications.clone();
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, drugs FROM prescriptions WHERE patient_id = ?1 AND status = 'issued'",
        )
        .context("reading prescriptions")?;
    let rows = stmt
        .query_map([patient_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .context("reading prescriptions")?;
    for row in rows {
        let (id, drugs) = row.context("reading prescriptions")?;
        if !except.contains(&id) {
            others.extend(drugs.lines().map(String::from));
        }
    }
    Ok(warnings(&allergies, &others, items))
}

pub(crate) fn named(rx_items: &[clinic_domain::prescription::PrescriptionItem]) -> Vec<NamedDrug> {
    rx_items
        .iter()
        .map(|i| NamedDrug {
            drug_id: i.drug_id.clone(),
            name: i.drug_name.clone(),
        })
        .collect()
}

impl Store {
    pub(crate) fn checked(
        &self,
        input: &PrescriptionInput,
    ) -> Result<clinic_domain::prescription::CheckedPrescription> {
        let ids = self.ids.clone();
        input
            .validate(&mut || ids.new_id().to_string())
            .map_err(Error::Invalid)
    }

    pub(crate) fn rx_view(&self, id: Uuid) -> Result<PrescriptionView> {
        let device = self.device()?;
        let (mut loaded, rx) = load(&self.conn, id, device.id)?;
        let warnings = if rx.status == PrescriptionStatus::Draft {
            let patient = load_patient(&self.conn, &rx.patient_id, device.id)?;
            warnings_for(
                &self.conn,
                &rx.patient_id,
                &patient,
                &named(&rx.items),
                &[id.to_string()],
            )?
        } else {
            Vec::new()
        };
        Ok(PrescriptionView {
            id: id.to_string(),
            version_hash: version_hash(&mut loaded.doc),
            prescription: rx,
            warnings,
            created_at: loaded.created_at,
            updated_at: loaded.updated_at,
        })
    }

    /// A new draft for the actor (a doctor) as prescriber.
    pub fn create_prescription(
        &mut self,
        actor: &Actor,
        input: &PrescriptionInput,
    ) -> Result<PrescriptionView> {
        self.authorize(actor, Action::PrescriptionWrite)?;
        let checked = self.checked(input)?;
        load_patient(&self.conn, &checked.patient_id, actor.device_id)?;
        let (id, at) = (self.new_id(), self.clock.now());
        let rx = Prescription {
            patient_id: checked.patient_id,
            encounter_id: checked.encounter_id,
            prescriber_id: actor.user_id.to_string(),
            prescriber_name: display_name(&self.conn, actor.user_id, &actor.username)?,
            items: checked.items,
            notes: checked.notes,
            status: PrescriptionStatus::Draft,
            version: 1,
            created_at: at.to_rfc3339(),
            ..Default::default()
        };
        let tx = self.write()?;
        let w = ctx(actor, "create", at);
        records::create_projected(&tx, KIND, id, &rx, &w, projection::write)?;
        tx.commit().context("saving the prescription")?;
        self.rx_view(id)
    }

    /// Edits a draft: only the fields that differ are written, so concurrent edits merge.
    pub fn update_prescription(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &PrescriptionInput,
    ) -> Result<PrescriptionView> {
        self.authorize(actor, Action::PrescriptionWrite)?;
        let checked = self.checked(input)?;
        let at = self.clock.now();
        let tx = self.write()?;
        let (loaded, mut rx) = load(&tx, id, actor.device_id)?;
        let mut doc = loaded.doc;
        if rx.status != PrescriptionStatus::Draft {
            return Err(Error::field(
                "status",
                ErrorCode::Conflict,
                "only a draft can be edited: amend it instead",
            ));
        }
        if checked.patient_id != rx.patient_id {
            return Err(Error::field(
                "patient_id",
                ErrorCode::InvalidValue,
                "cannot change",
            ));
        }
        rx.encounter_id = checked.encounter_id;
        rx.items = checked.items;
        rx.notes = checked.notes;
        let w = ctx(actor, "update", at);
        records::update_projected(&tx, KIND, id, &mut doc, &rx, &w, projection::write)?;
        tx.commit().context("saving the prescription")?;
        self.rx_view(id)
    }

    /// The warnings `items` would raise for the patient, while the doctor types. Nothing written.
    pub fn check_prescription(
        &self,
        actor: &Actor,
        patient_id: Uuid,
        items: &[ItemInput],
    ) -> Result<Vec<RxWarning>> {
        self.authorize(actor, Action::PrescriptionWrite)?;
        let device = self.device()?;
        let patient = load_patient(&self.conn, &patient_id.to_string(), device.id)?;
        let cat = clinic_domain::drugs::catalogue();
        let named: Vec<NamedDrug> = items
            .iter()
            .map(|i| {
                let id = i.drug_id.clone().unwrap_or_default();
                let name = cat
                    .drug(&id)
                    .map_or_else(|| i.drug_name.clone(), |d| d.name.clone());
                NamedDrug { drug_id: id, name }
            })
            .collect();
        warnings_for(&self.conn, &patient_id.to_string(), &patient, &named, &[])
    }

    /// Opens one prescription (audited as a view).
    pub fn open_prescription(&mut self, actor: &Actor, id: Uuid) -> Result<PrescriptionView> {
        self.authorize(actor, Action::PrescriptionView)?;
        let view = self.rx_view(id)?;
        audit::append(
            &self.conn,
            actor,
            AuditAction::View,
            Subject::record(KIND, id),
            self.clock.now(),
        )?;
        Ok(view)
    }

    /// Every prescription (every version) of a patient, newest first.
    pub fn patient_prescriptions(
        &self,
        actor: &Actor,
        patient_id: Uuid,
    ) -> Result<Vec<PrescriptionSummary>> {
        self.authorize(actor, Action::PrescriptionView)?;
        projection::for_patient(&self.conn, &patient_id.to_string())
    }

    /// The pharmacy's work list: issued, not dispensed yet, oldest first.
    pub fn pharmacy_work_list(&self, actor: &Actor) -> Result<Vec<PrescriptionSummary>> {
        self.authorize(actor, Action::PrescriptionView)?;
        projection::work_list(&self.conn)
    }

    /// The drug catalogue search (no clinic data).
    pub fn search_drugs(
        &self,
        actor: &Actor,
        query: &str,
        limit: usize,
    ) -> Result<Vec<clinic_domain::drugs::Drug>> {
        self.authorize(actor, Action::PrescriptionView)?;
        Ok(clinic_domain::drugs::catalogue().search(query, limit.min(50)))
    }
}
