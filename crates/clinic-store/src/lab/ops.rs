//! The operations of a lab order, each: authorize → validate → one write transaction.
use super::{load, projection, LabOrderView, KIND};
use crate::error::{Context, Error, Result};
use crate::prescriptions::display_name;
use crate::records::{self, WriteCtx};
use crate::store::{take_counter, Store};
use clinic_domain::lab::{
    sample_id, LabAmendInput, LabCancelInput, LabOrder, LabOrderInput, LabResultsInput, LabStamp,
    LabStatus,
};
use clinic_domain::roles::allowed;
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, FieldError};
use rusqlite::{OptionalExtension, Transaction};
use uuid::Uuid;

/// The patient of an encounter, from the projections: (id, number, name, sex).
type EncounterPatient = (String, String, String, String);

impl Store {
    fn stamp(&self, actor: &Actor) -> Result<LabStamp> {
        Ok(LabStamp {
            user_id: actor.user_id.to_string(),
            name: display_name(&self.conn, actor.user_id, &actor.username)?,
            at: self.clock.now().to_rfc3339(),
        })
    }

    fn encounter_patient(&self, encounter_id: Uuid) -> Result<Option<EncounterPatient>> {
        self.conn
            .prepare_cached(
                "SELECT p.id, p.number, p.given_name || ' ' || p.family_name, p.sex
                 FROM encounters e JOIN patients p ON p.id = e.patient_id
                 WHERE e.id = ?1 AND p.deleted = 0",
            )
            .and_then(|mut s| {
                s.query_row([encounter_id.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()
            })
            .context("reading the encounter")
    }

    /// Orders tests for the patient of an encounter, by the acting doctor, now.
    pub fn order_lab_tests(
        &mut self,
        actor: &Actor,
        input: &LabOrderInput,
    ) -> Result<LabOrderView> {
        self.authorize(actor, Action::LabOrder)?;
        let checked = input.validate().map_err(Error::Invalid)?;
        let Some((patient_id, number, name, sex)) = self.encounter_patient(checked.encounter_id)?
        else {
            return Err(Error::Invalid(vec![FieldError::new(
                "encounter_id",
                ErrorCode::NotFound,
                "is not an encounter of a registered patient",
            )]));
        };
        let by = self.stamp(actor)?;
        let order = LabOrder {
            patient_id,
            patient_number: number,
            patient_name: name,
            patient_sex: sex,
            encounter_id: checked.encounter_id.to_string(),
            ordered_by: by.user_id,
            ordered_by_name: by.name,
            ordered_at: by.at,
            priority: input.priority,
            clinical_note: checked.clinical_note,
            status: LabStatus::Ordered,
            tests: checked.lines,
            ..LabOrder::default()
        };
        let (id, at) = (self.new_id(), self.clock.now());
        let ctx = WriteCtx {
            actor,
            action: "order",
            source: ChangeSource::Ui,
            at,
        };
        let tx = self.write()?;
        records::create_projected(&tx, KIND, id, &order, &ctx, projection::write)?;
        tx.commit().context("saving the lab order")?;
        Ok(LabOrderView::new(id, order))
    }

    /// Loads order `id` in a write transaction, applies `change`, writes it back with its
    /// projection and audit entry. An error from `change` writes nothing.
    fn change_lab_order(
        &mut self,
        actor: &Actor,
        id: Uuid,
        action: &str,
        change: impl FnOnce(&mut LabOrder, &Transaction<'_>) -> Result<()>,
    ) -> Result<LabOrderView> {
        let at = self.clock.now();
        let tx = self.write()?;
        let (loaded, mut order) = load(&tx, id, actor.device_id)?;
        change(&mut order, &tx)?;
        let mut doc = loaded.doc;
        let ctx = WriteCtx {
            actor,
            action,
            source: ChangeSource::Ui,
            at,
        };
        records::update_projected(&tx, KIND, id, &mut doc, &order, &ctx, projection::write)?;
        tx.commit().context("saving the lab order")?;
        Ok(LabOrderView::new(id, order))
    }

    /// Collects the sample: its id `LAB-<clinic>-<device>-<sequence>` is taken from this PC's
    /// counter in the same transaction (never skipped on error, never shared with another PC).
    pub fn collect_lab_sample(&mut self, actor: &Actor, id: Uuid) -> Result<LabOrderView> {
        self.authorize(actor, Action::LabCollect)?;
        let clinic = self.clinic()?;
        let by = self.stamp(actor)?;
        self.change_lab_order(actor, id, "collect", |order, tx| {
            if order.status != LabStatus::Ordered {
                return order.collect(String::new(), &by).map_err(Error::Invalid);
            }
            let seq = take_counter(tx, "lab_sample", 1)?;
            let sample = sample_id(&clinic.code, &clinic.device_code, seq);
            order.collect(sample, &by).map_err(Error::Invalid)
        })
    }

    /// The sample arrives in the laboratory.
    pub fn receive_lab_sample(&mut self, actor: &Actor, id: Uuid) -> Result<LabOrderView> {
        self.authorize(actor, Action::LabResult)?;
        let by = self.stamp(actor)?;
        self.change_lab_order(actor, id, "receive", |order, _| {
            order.receive(&by).map_err(Error::Invalid)
        })
    }

    /// Enters (or corrects, before validation) some or all results.
    pub fn enter_lab_results(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &LabResultsInput,
    ) -> Result<LabOrderView> {
        self.authorize(actor, Action::LabResult)?;
        let by = self.stamp(actor)?;
        self.change_lab_order(actor, id, "results", |order, _| {
            let results = input.validate(&order.tests).map_err(Error::Invalid)?;
            order.enter_results(&results, &by).map_err(Error::Invalid)
        })
    }

    /// Validates the results: refused to anyone who entered one of them.
    pub fn validate_lab_results(&mut self, actor: &Actor, id: Uuid) -> Result<LabOrderView> {
        self.authorize(actor, Action::LabValidate)?;
        let by = self.stamp(actor)?;
        self.change_lab_order(actor, id, "validate", |order, _| {
            order.validate_results(&by).map_err(Error::Invalid)
        })
    }

    /// Cancels an order not yet validated, with a reason. The lab cancels (a rejected sample) as
    /// well as the doctor.
    pub fn cancel_lab_order(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &LabCancelInput,
    ) -> Result<LabOrderView> {
        let action = if allowed(actor.role, Action::LabResult) {
            Action::LabResult
        } else {
            Action::LabOrder
        };
        self.authorize(actor, action)?;
        let reason = input.validate().map_err(Error::Invalid)?;
        let by = self.stamp(actor)?;
        self.change_lab_order(actor, id, "cancel", |order, _| {
            order.cancel(reason, &by).map_err(Error::Invalid)
        })
    }

    /// Corrects a validated result with a reason: the old value is kept, and the order goes
    /// back to `resulted` for a second person to validate again.
    pub fn amend_lab_result(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &LabAmendInput,
    ) -> Result<LabOrderView> {
        self.authorize(actor, Action::LabResult)?;
        let by = self.stamp(actor)?;
        let amendment_id = self.new_id().to_string();
        self.change_lab_order(actor, id, "amend", |order, _| {
            let checked = input.validate(&order.tests).map_err(Error::Invalid)?;
            order
                .amend(amendment_id, checked, &by)
                .map_err(Error::Invalid)
        })
    }

    /// The ordering doctor has seen the validated results: the reminder goes away.
    pub fn acknowledge_lab_results(&mut self, actor: &Actor, id: Uuid) -> Result<LabOrderView> {
        self.authorize(actor, Action::LabOrder)?;
        let by = self.stamp(actor)?;
        self.change_lab_order(actor, id, "acknowledge", |order, _| {
            order.acknowledge(&by).map_err(Error::Invalid)
        })
    }

    /// One order with its results.
    pub fn lab_order(&self, actor: &Actor, id: Uuid) -> Result<LabOrderView> {
        self.authorize(actor, Action::LabView)?;
        let (_, order) = load(&self.conn, id, actor.device_id)?;
        Ok(LabOrderView::new(id, order))
    }
}
