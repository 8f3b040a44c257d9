//! Consultations: open an encounter, record vitals, write notes, add and remove diagnoses,
//! close it, add addenda; and the patient's chart. Every operation checks the role, validates in
//! the domain, then writes the document, its projections, the change log and the audit entry in one
//! transaction. A closed encounter refuses every edit but an addendum.
pub mod chart;
mod fhir;
pub(crate) mod projection;

use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records::{self, Loaded, WriteCtx};
use crate::store::Store;
use clinic_domain::encounter::{
    Addendum, DiagnosisInput, Encounter, EncounterNotesInput, EncounterOpenInput, EncounterStatus,
    VitalsInput,
};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

const KIND: RecordKind = RecordKind::Encounter;
const ADDENDUM_MAX: usize = 5_000;

/// One encounter as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EncounterView {
    pub id: String,
    pub encounter: Encounter,
    pub created_at: String,
    pub updated_at: String,
}

fn closed_error() -> Error {
    Error::field(
        "status",
        ErrorCode::Conflict,
        "this encounter is closed: only an addendum can be added",
    )
}

fn require_open(e: &Encounter) -> Result<()> {
    if e.status == EncounterStatus::Closed {
        return Err(closed_error());
    }
    Ok(())
}

impl Store {
    /// Opens a new encounter for a patient, by the acting clinician, now.
    pub fn open_encounter(
        &mut self,
        actor: &Actor,
        input: &EncounterOpenInput,
    ) -> Result<EncounterView> {
        self.authorize(actor, Action::EncounterRecord)?;
        let (appointment_id, chief_complaint) = input.validate().map_err(Error::Invalid)?;
        let patient_id = crate::patients::parse_id(&input.patient_id)?;
        match crate::patients::projection::stored_row(&self.conn, patient_id)? {
            Some(row) if !row.summary.deleted => {}
            _ => return Err(Error::NotFound { what: "patient" }),
        }
        let (id, at) = (self.new_id(), self.clock.now());
        let encounter = Encounter {
            patient_id: patient_id.to_string(),
            clinician_id: actor.user_id.to_string(),
            appointment_id,
            started_at: at.to_rfc3339(),
            chief_complaint,
            ..Encounter::default()
        };
        let ctx = WriteCtx {
            actor,
            action: "create",
            source: ChangeSource::Ui,
            at,
        };
        let tx = self.write()?;
        records::create_projected(&tx, KIND, id, &encounter, &ctx, |tx, id, e, at| {
            projection::write(tx, id, e, at)
        })?;
        tx.commit().context("saving the encounter")?;
        self.encounter_view(id)
    }

    pub fn update_encounter_notes(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &EncounterNotesInput,
    ) -> Result<EncounterView> {
        self.authorize(actor, Action::EncounterRecord)?;
        let notes = input.validate().map_err(Error::Invalid)?;
        self.change_encounter(actor, id, "update", |e| {
            require_open(e)?;
            e.chief_complaint = notes.chief_complaint;
            e.history = notes.history;
            e.examination = notes.examination;
            e.plan = notes.plan;
            e.notes = notes.notes;
            e.follow_up = notes.follow_up;
            Ok(())
        })
    }

    /// Adds one or more vitals sets, taken now by the actor.
    pub fn record_vitals(
        &mut self,
        actor: &Actor,
        id: Uuid,
        sets: &[VitalsInput],
    ) -> Result<EncounterView> {
        self.authorize(actor, Action::EncounterRecord)?;
        let at = self.clock.now().to_rfc3339();
        let ids = self.ids.clone();
        let vitals = VitalsInput::validate_all(sets, &at, &actor.user_id.to_string(), &mut || {
            ids.new_id().to_string()
        })
        .map_err(Error::Invalid)?;
        self.change_encounter(actor, id, "vitals", |e| {
            require_open(e)?;
            e.vitals.extend(vitals);
            Ok(())
        })
    }

    /// Adds a diagnosis; marking it primary unmarks the others.
    pub fn add_diagnosis(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &DiagnosisInput,
    ) -> Result<EncounterView> {
        self.authorize(actor, Action::DiagnosisRecord)?;
        let at = self.clock.now().to_rfc3339();
        let diagnosis = input
            .validate(self.new_id().to_string(), &actor.user_id.to_string(), &at)
            .map_err(Error::Invalid)?;
        self.change_encounter(actor, id, "diagnosis_add", |e| {
            require_open(e)?;
            if e.diagnoses.iter().any(|d| d.code == diagnosis.code) {
                return Err(Error::field(
                    "code",
                    ErrorCode::Duplicate,
                    "this diagnosis is already on the encounter",
                ));
            }
            if diagnosis.primary {
                e.diagnoses.iter_mut().for_each(|d| d.primary = false);
            }
            e.diagnoses.push(diagnosis);
            Ok(())
        })
    }

    pub fn remove_diagnosis(
        &mut self,
        actor: &Actor,
        id: Uuid,
        diagnosis_id: &str,
    ) -> Result<EncounterView> {
        self.authorize(actor, Action::DiagnosisRecord)?;
        self.change_encounter(actor, id, "diagnosis_remove", |e| {
            require_open(e)?;
            let before = e.diagnoses.len();
            e.diagnoses.retain(|d| d.id != diagnosis_id);
            if e.diagnoses.len() == before {
                return Err(Error::NotFound { what: "diagnosis" });
            }
            Ok(())
        })
    }

    pub fn close_encounter(&mut self, actor: &Actor, id: Uuid) -> Result<EncounterView> {
        self.authorize(actor, Action::EncounterRecord)?;
        let at = self.clock.now().to_rfc3339();
        self.change_encounter(actor, id, "close", |e| {
            require_open(e)?;
            e.status = EncounterStatus::Closed;
            e.closed_at = at;
            e.closed_by = actor.user_id.to_string();
            Ok(())
        })
    }

    /// A dated, signed note added to an encounter, open or closed; never edited afterwards.
    pub fn add_encounter_addendum(
        &mut self,
        actor: &Actor,
        id: Uuid,
        text: &str,
    ) -> Result<EncounterView> {
        self.authorize(actor, Action::EncounterRecord)?;
        let mut v = clinic_domain::Validation::default();
        let text = v.required_text("text", text, ADDENDUM_MAX);
        v.finish(()).map_err(Error::Invalid)?;
        let addendum = Addendum {
            id: self.new_id().to_string(),
            text,
            by: actor.user_id.to_string(),
            at: self.clock.now().to_rfc3339(),
        };
        self.change_encounter(actor, id, "addendum", |e| {
            e.addenda.push(addendum);
            Ok(())
        })
    }

    /// Opens one encounter (loads its document) and audits the view.
    pub fn open_encounter_record(&mut self, actor: &Actor, id: Uuid) -> Result<EncounterView> {
        self.authorize(actor, Action::ChartView)?;
        let view = self.encounter_view(id)?;
        audit::append(
            &self.conn,
            actor,
            AuditAction::View,
            Subject::record(KIND, id),
            self.clock.now(),
        )?;
        Ok(view)
    }

    fn change_encounter(
        &mut self,
        actor: &Actor,
        id: Uuid,
        action: &str,
        edit: impl FnOnce(&mut Encounter) -> Result<()>,
    ) -> Result<EncounterView> {
        let at = self.clock.now();
        let tx = self.write()?;
        let Loaded { mut doc, .. } = records::load(&tx, KIND, id, actor.device_id)?
            .ok_or(Error::NotFound { what: "encounter" })?;
        let mut encounter: Encounter = records::hydrate(&doc)?;
        edit(&mut encounter)?;
        let ctx = WriteCtx {
            actor,
            action,
            source: ChangeSource::Ui,
            at,
        };
        records::update_projected(
            &tx,
            KIND,
            id,
            &mut doc,
            &encounter,
            &ctx,
            |tx, id, e, at| projection::write(tx, id, e, at),
        )?;
        tx.commit().context("saving the encounter")?;
        self.encounter_view(id)
    }

    pub(crate) fn encounter_view(&self, id: Uuid) -> Result<EncounterView> {
        let device = self.device()?;
        let loaded = records::load(&self.conn, KIND, id, device.id)?
            .ok_or(Error::NotFound { what: "encounter" })?;
        Ok(EncounterView {
            id: id.to_string(),
            encounter: records::hydrate(&loaded.doc)?,
            created_at: loaded.created_at,
            updated_at: loaded.updated_at,
        })
    }

    pub(crate) fn encounter_doc(&self, id: Uuid) -> Result<Encounter> {
        Ok(self.encounter_view(id)?.encounter)
    }
}
