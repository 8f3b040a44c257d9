//! Queuing and cancelling outgoing appointment reminders. Booking queues one when the patient
//! agreed to reminders and has the address; rescheduling cancels the pending one and queues a new
//! one for the new time; cancelling (or any other move of the appointment) cancels it. Each runs
//! inside the appointment's own write transaction.
use super::projection;
use crate::error::{Error, Result};
use crate::records::{self, WriteCtx};
use chrono::{DateTime, Local, TimeZone, Utc};
use clinic_domain::appointment::{parse_start, Appointment, AppointmentStatus, QueueAction};
use clinic_domain::patient::Patient;
use clinic_domain::reminder::{
    message_id, render, send_time, MessageStatus, OutgoingMessage, ReminderChannel, TemplateInput,
};
use clinic_domain::{Actor, ChangeSource, ErrorCode, RecordKind};
use rusqlite::{OptionalExtension, Transaction};
use uuid::Uuid;

const KIND: RecordKind = RecordKind::OutgoingMessage;

/// Whether a reminder was asked for by a person (errors explain why not) or by booking (skipped
/// quietly when the patient has no consent or address).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    Booking,
    Explicit,
}

fn skip_or(trigger: Trigger, field: &str, code: ErrorCode, why: &str) -> Result<Option<Uuid>> {
    match trigger {
        Trigger::Booking => Ok(None),
        Trigger::Explicit => Err(Error::field(field, code, why)),
    }
}

fn ctx<'a>(actor: &'a Actor, action: &'a str, at: DateTime<Utc>) -> WriteCtx<'a> {
    WriteCtx {
        actor,
        action,
        source: ChangeSource::Ui,
        at,
    }
}

fn clinician_name(tx: &Transaction<'_>, id: &str) -> Result<String> {
    use crate::error::Context;
    let name: Option<String> = tx
        .prepare_cached("SELECT display_name FROM users WHERE id = ?1")
        .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
        .context("reading users")?;
    Ok(name.unwrap_or_default())
}

/// The clinic's wall-clock start as a UTC instant (the PC's time zone is the clinic's).
fn start_utc(start: &str) -> Option<DateTime<Utc>> {
    let naive = parse_start(start)?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Queues a reminder for appointment `appointment_id` (cancelling a pending one first).
pub(crate) fn queue(
    tx: &Transaction<'_>,
    actor: &Actor,
    appointment_id: Uuid,
    a: &Appointment,
    now: DateTime<Utc>,
    trigger: Trigger,
) -> Result<Option<Uuid>> {
    if a.status != AppointmentStatus::Booked {
        let why = "only a booked appointment gets a reminder";
        return skip_or(trigger, "appointment_id", ErrorCode::InvalidValue, why);
    }
    let start = match start_utc(&a.start) {
        Some(s) if s > now => s,
        _ => {
            let why = "the appointment has already started";
            return skip_or(trigger, "start", ErrorCode::OutOfRange, why);
        }
    };
    let patient_id = crate::patients::parse_id(&a.patient_id)?;
    let patient: Patient =
        match records::load(tx, RecordKind::Patient, patient_id, actor.device_id)? {
            Some(l) => records::hydrate(&l.doc)?,
            None => return Err(Error::NotFound { what: "patient" }),
        };
    let recipient = match patient.reminder_channel {
        ReminderChannel::None => {
            let why = "the patient has not agreed to reminders";
            return skip_or(trigger, "reminder_channel", ErrorCode::InvalidValue, why);
        }
        ReminderChannel::Sms => patient.phone.clone(),
        ReminderChannel::Email => patient.email.clone(),
    };
    if recipient.trim().is_empty() {
        let why = "the patient has no address for this channel";
        return skip_or(trigger, "reminder_channel", ErrorCode::Required, why);
    }
    cancel_pending(tx, actor, appointment_id, "replaced", now)?;
    let language = crate::store::get_meta(tx, "locale")?.unwrap_or_else(|| "en".into());
    let clinic_name = crate::store::get_meta(tx, "clinic_name")?.unwrap_or_default();
    let text = render(&TemplateInput {
        language: &language,
        clinic_name: &clinic_name,
        patient_given_name: &patient.given_name,
        clinician_name: &clinician_name(tx, &a.clinician_id)?,
        start_local: &a.start,
    });
    let at = now.to_rfc3339();
    let id = message_id(
        &appointment_id.to_string(),
        &actor.device_id.to_string(),
        &at,
    );
    let m = OutgoingMessage {
        patient_id: a.patient_id.clone(),
        appointment_id: appointment_id.to_string(),
        channel: patient.reminder_channel,
        recipient: recipient.trim().to_string(),
        subject: if patient.reminder_channel == ReminderChannel::Email {
            text.subject
        } else {
            String::new()
        },
        body: text.body,
        language,
        send_at: send_time(start, now).to_rfc3339(),
        created_by: actor.user_id.to_string(),
        created_at: at,
        ..OutgoingMessage::default()
    };
    let w = ctx(actor, "queue", now);
    records::create_projected(tx, KIND, id, &m, &w, projection::write)?;
    Ok(Some(id))
}

/// Cancels message `id` if it is still queued. Returns whether it was.
pub(crate) fn cancel(
    tx: &Transaction<'_>,
    actor: &Actor,
    id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let loaded = records::load(tx, KIND, id, actor.device_id)?.ok_or(Error::NotFound {
        what: "outgoing message",
    })?;
    let mut doc = loaded.doc;
    let mut m: OutgoingMessage = records::hydrate(&doc)?;
    if m.status != MessageStatus::Queued {
        return Ok(false);
    }
    m.status = MessageStatus::Cancelled;
    m.cancel_reason = reason.to_string();
    let w = ctx(actor, "cancel", now);
    records::update_projected(tx, KIND, id, &mut doc, &m, &w, projection::write)?;
    Ok(true)
}

/// Cancels every queued reminder of an appointment.
pub(crate) fn cancel_pending(
    tx: &Transaction<'_>,
    actor: &Actor,
    appointment_id: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u32> {
    let mut n = 0;
    for id in projection::queued_of_appointment(tx, &appointment_id.to_string())? {
        let id = Uuid::parse_str(&id).map_err(|_| Error::NotFound {
            what: "outgoing message",
        })?;
        n += u32::from(cancel(tx, actor, id, reason, now)?);
    }
    Ok(n)
}

/// Called by the appointment operations inside their transaction, after the change.
pub(crate) fn after_appointment_change(
    tx: &Transaction<'_>,
    actor: &Actor,
    appointment_id: Uuid,
    a: &Appointment,
    action: QueueAction,
    now: DateTime<Utc>,
) -> Result<()> {
    match action {
        QueueAction::Reschedule => {
            cancel_pending(tx, actor, appointment_id, "rescheduled", now)?;
            queue(tx, actor, appointment_id, a, now, Trigger::Booking)?;
        }
        other => {
            cancel_pending(tx, actor, appointment_id, other.as_str(), now)?;
        }
    }
    Ok(())
}
