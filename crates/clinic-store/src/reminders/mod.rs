//! Reminders. In-app: one list per user computed from the projections (`items`). Outgoing: an
//! appointment reminder is an `OutgoingMessage` record queued on the PC (offline is fine), sent
//! by the sync server when it is due, whose delivery status comes back by sync as a change the
//! server made to the same document (`outgoing`, `projection`). Follow-up dates of encounters are
//! projected by `follow_ups`.
pub(crate) mod follow_ups;
mod items;
pub(crate) mod outgoing;
pub(crate) mod projection;

use crate::error::{Context, Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use clinic_domain::reminder::{OutgoingMessage, OutgoingMessageSummary, ReminderItem};
use clinic_domain::{Action, Actor, ErrorCode, RecordKind};
use outgoing::Trigger;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// One outgoing message with its text, as the appointment screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutgoingMessageView {
    pub id: String,
    pub message: OutgoingMessage,
}

impl Store {
    fn allowed(&self, actor: &Actor, action: Action) -> bool {
        clinic_domain::roles::allowed(actor.role, action)
    }

    /// The reminders of `actor` for `today` (the clinic's local date), each source only when the
    /// role may see it.
    pub fn reminders(&self, actor: &Actor, today: NaiveDate) -> Result<Vec<ReminderItem>> {
        self.authorize(actor, Action::PatientView)?;
        let day = today.format("%Y-%m-%d").to_string();
        let mut out = Vec::new();
        if self.allowed(actor, Action::AppointmentView) {
            let day_list = crate::appointments::projection::day_queue(&self.conn, &day)?;
            out.extend(items::appointments_today(actor, &day_list));
        }
        if self.allowed(actor, Action::ChartView) || self.allowed(actor, Action::AppointmentBook) {
            out.extend(items::follow_ups_due(&self.conn, actor, &day)?);
        }
        if self.allowed(actor, Action::BillingView) {
            out.extend(items::unpaid(&self.conn)?);
        }
        if self.allowed(actor, Action::AppointmentBook) {
            out.extend(items::failed_messages(&self.conn)?);
        }
        if self.allowed(actor, Action::LabOrder) {
            out.extend(items::lab_results(self, actor)?);
        }
        Ok(out)
    }

    /// Queues a reminder for a booked appointment now (replacing a pending one). Refused, with
    /// the field and reason, when the patient has no consent or address or the time has passed.
    pub fn send_appointment_reminder(
        &mut self,
        actor: &Actor,
        appointment_id: Uuid,
    ) -> Result<OutgoingMessageSummary> {
        self.authorize(actor, Action::AppointmentBook)?;
        let now = self.clock.now();
        let tx = self.write()?;
        let loaded = crate::records::load(
            &tx,
            RecordKind::Appointment,
            appointment_id,
            actor.device_id,
        )?
        .ok_or(Error::NotFound {
            what: "appointment",
        })?;
        let a = crate::records::hydrate(&loaded.doc)?;
        let id = outgoing::queue(&tx, actor, appointment_id, &a, now, Trigger::Explicit)?.ok_or(
            Error::NotFound {
                what: "outgoing message",
            },
        )?;
        tx.commit().context("saving the reminder")?;
        self.outgoing_message_row(id)
    }

    /// Cancels a queued reminder. Refused (field `status`) once it was sent, failed or cancelled.
    pub fn cancel_outgoing_message(
        &mut self,
        actor: &Actor,
        id: Uuid,
    ) -> Result<OutgoingMessageSummary> {
        self.authorize(actor, Action::AppointmentBook)?;
        let now = self.clock.now();
        let tx = self.write()?;
        if !outgoing::cancel(&tx, actor, id, "cancelled_by_user", now)? {
            return Err(Error::field(
                "status",
                ErrorCode::InvalidValue,
                "is no longer queued",
            ));
        }
        tx.commit().context("cancelling the reminder")?;
        self.outgoing_message_row(id)
    }

    /// An appointment's reminders, newest first.
    pub fn appointment_messages(
        &self,
        actor: &Actor,
        appointment_id: Uuid,
    ) -> Result<Vec<OutgoingMessageSummary>> {
        self.authorize(actor, Action::AppointmentView)?;
        projection::of_appointment(&self.conn, &appointment_id.to_string())
    }

    /// One message with its text.
    pub fn outgoing_message(&self, actor: &Actor, id: Uuid) -> Result<OutgoingMessageView> {
        self.authorize(actor, Action::AppointmentView)?;
        let loaded =
            crate::records::load(&self.conn, RecordKind::OutgoingMessage, id, actor.device_id)?
                .ok_or(Error::NotFound {
                    what: "outgoing message",
                })?;
        Ok(OutgoingMessageView {
            id: id.to_string(),
            message: crate::records::hydrate(&loaded.doc)?,
        })
    }

    fn outgoing_message_row(&self, id: Uuid) -> Result<OutgoingMessageSummary> {
        projection::of_id(&self.conn, &id.to_string())?.ok_or(Error::NotFound {
            what: "outgoing message",
        })
    }
}
