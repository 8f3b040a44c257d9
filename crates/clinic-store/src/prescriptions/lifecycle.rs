//! Status changes: issue (warnings, override reason), cancel, amend (new version); dispensing is
//! in `dispense`.
use super::{
    ctx, display_name, load, load_patient, named, projection, warnings_for, PrescriptionView, KIND,
};
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records;
use crate::store::Store;
use clinic_domain::drugs::RxWarning;
use clinic_domain::prescription::{
    check_transition, Prescription, PrescriptionInput, PrescriptionStatus,
};
use clinic_domain::{Action, Actor, ErrorCode};
use rusqlite::Transaction;
use uuid::Uuid;

const MAX_REASON: usize = 500;

/// The override reason when a warning needs one: required then, and at most `MAX_REASON` chars.
fn override_reason(warnings: &[RxWarning], reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.chars().count() > MAX_REASON {
        return Err(Error::field(
            "override_reason",
            ErrorCode::TooLong,
            "is too long",
        ));
    }
    if warnings.iter().any(|w| w.requires_override) && reason.is_empty() {
        return Err(Error::field(
            "override_reason",
            ErrorCode::Required,
            "the allergy or interaction warnings need a reason to issue anyway",
        ));
    }
    Ok(reason.to_string())
}

/// Marks `rx` issued now with its warnings; audits an override on its own line.
fn issue_into(
    tx: &Transaction<'_>,
    actor: &Actor,
    id: Uuid,
    rx: &mut Prescription,
    warnings: &[RxWarning],
    reason: String,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    rx.status = PrescriptionStatus::Issued;
    rx.issued_at = at.to_rfc3339();
    rx.issue_warnings = warnings
        .iter()
        .map(|w| format!("{}: {}", w.drug, w.advice))
        .collect();
    rx.override_reason = if warnings.is_empty() {
        String::new()
    } else {
        reason
    };
    if !rx.override_reason.is_empty() && warnings.iter().any(|w| w.requires_override) {
        let subject = Subject {
            kind: "prescription_override",
            id: id.to_string(),
        };
        audit::append(tx, actor, AuditAction::Update, subject, at)?;
    }
    Ok(())
}

impl Store {
    /// Issues a draft. Allergy or severe interaction warnings need `override_reason`; every
    /// warning shown is recorded in the document.
    pub fn issue_prescription(
        &mut self,
        actor: &Actor,
        id: Uuid,
        override_reason_text: &str,
    ) -> Result<PrescriptionView> {
        self.authorize(actor, Action::PrescriptionWrite)?;
        let at = self.clock.now();
        let tx = self.write()?;
        let (loaded, mut rx) = load(&tx, id, actor.device_id)?;
        let mut doc = loaded.doc;
        check_transition(rx.status, PrescriptionStatus::Issued).map_err(Error::Invalid)?;
        let patient = load_patient(&tx, &rx.patient_id, actor.device_id)?;
        let warnings = warnings_for(
            &tx,
            &rx.patient_id,
            &patient,
            &named(&rx.items),
            &[id.to_string()],
        )?;
        let reason = override_reason(&warnings, override_reason_text)?;
        issue_into(&tx, actor, id, &mut rx, &warnings, reason, at)?;
        let w = ctx(actor, "issue", at);
        records::update_projected(&tx, KIND, id, &mut doc, &rx, &w, projection::write)?;
        tx.commit().context("issuing the prescription")?;
        self.rx_view(id)
    }

    /// Cancels a draft or an issued prescription (not one dispensed). `reason` is required.
    pub fn cancel_prescription(
        &mut self,
        actor: &Actor,
        id: Uuid,
        reason: &str,
    ) -> Result<PrescriptionView> {
        self.authorize(actor, Action::PrescriptionWrite)?;
        let mut v = clinic_domain::Validation::default();
        let reason = v.required_text("reason", reason, MAX_REASON);
        v.finish(()).map_err(Error::Invalid)?;
        let at = self.clock.now();
        let tx = self.write()?;
        let (loaded, mut rx) = load(&tx, id, actor.device_id)?;
        let mut doc = loaded.doc;
        check_transition(rx.status, PrescriptionStatus::Cancelled).map_err(Error::Invalid)?;
        rx.status = PrescriptionStatus::Cancelled;
        rx.cancel_reason = reason;
        rx.cancelled_at = at.to_rfc3339();
        rx.cancelled_by = actor.user_id.to_string();
        let w = ctx(actor, "cancel", at);
        records::update_projected(&tx, KIND, id, &mut doc, &rx, &w, projection::write)?;
        tx.commit().context("cancelling the prescription")?;
        self.rx_view(id)
    }

    /// Amends an issued prescription: a NEW prescription (version n+1, `supersedes` the old one) is
    /// issued with `input`, and the old one becomes `amended` (kept, readable). Returns the new one.
    pub fn amend_prescription(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &PrescriptionInput,
        override_reason_text: &str,
    ) -> Result<PrescriptionView> {
        self.authorize(actor, Action::PrescriptionWrite)?;
        let checked = self.checked(input)?;
        let (new_id, at) = (self.new_id(), self.clock.now());
        let prescriber = display_name(&self.conn, actor.user_id, &actor.username)?;
        let tx = self.write()?;
        let (loaded, mut old) = load(&tx, id, actor.device_id)?;
        let mut old_doc = loaded.doc;
        check_transition(old.status, PrescriptionStatus::Amended).map_err(Error::Invalid)?;
        if checked.patient_id != old.patient_id {
            return Err(Error::field(
                "patient_id",
                ErrorCode::InvalidValue,
                "cannot change",
            ));
        }
        let patient = load_patient(&tx, &old.patient_id, actor.device_id)?;
        let warnings = warnings_for(
            &tx,
            &old.patient_id,
            &patient,
            &named(&checked.items),
            &[id.to_string()],
        )?;
        let reason = override_reason(&warnings, override_reason_text)?;
        let mut rx = Prescription {
            patient_id: old.patient_id.clone(),
            encounter_id: checked.encounter_id,
            prescriber_id: actor.user_id.to_string(),
            prescriber_name: prescriber,
            items: checked.items,
            notes: checked.notes,
            version: old.version.saturating_add(1),
            supersedes: id.to_string(),
            created_at: at.to_rfc3339(),
            ..Default::default()
        };
        issue_into(&tx, actor, new_id, &mut rx, &warnings, reason, at)?;
        records::create(&tx, KIND, new_id, &rx, &ctx(actor, "amend", at))?;
        projection::write(&tx, new_id, &rx, &at.to_rfc3339())?;
        audit::append(
            &tx,
            actor,
            AuditAction::Create,
            Subject::record(KIND, new_id),
            at,
        )?;
        old.status = PrescriptionStatus::Amended;
        old.superseded_by = new_id.to_string();
        let w = ctx(actor, "amended", at);
        records::update_projected(&tx, KIND, id, &mut old_doc, &old, &w, projection::write)?;
        tx.commit().context("amending the prescription")?;
        self.rx_view(new_id)
    }
}
