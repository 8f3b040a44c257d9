//! Appointments and the day's queue: book, reschedule, cancel, walk in, check in, call in,
//! complete, no-show; the queue and the calendars. Every operation checks the actor's role, then
//! the domain rules, then writes the document, its projection, the change log and the audit trail
//! in one transaction, or nothing at all. Bookings that overlap an active booking of the same
//! clinician or patient are refused (`start`, code `conflict`).
pub(crate) mod double_booking;
pub(crate) mod projection;
mod queue;
pub(crate) mod schedules;

pub use queue::AppointmentDetail;
#[cfg(test)]
mod tests;

use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records::{self, WriteCtx};
use crate::store::{take_counter, Store};
use clinic_domain::appointment::{
    transition, Appointment, AppointmentInput, AppointmentKind, AppointmentStatus,
    AppointmentSummary, QueueAction, RescheduleInput, StatusChange, ValidBooking, WalkInInput,
};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, FieldError, RecordKind, Role};
use projection::Who;
use rusqlite::{Connection, OptionalExtension, Transaction};
use uuid::Uuid;

const KIND: RecordKind = RecordKind::Appointment;

fn status_change(actor: &Actor, status: AppointmentStatus, at: &str) -> StatusChange {
    StatusChange {
        status,
        user_id: actor.user_id.to_string(),
        username: actor.username.clone(),
        device_id: actor.device_id.to_string(),
        at: at.to_string(),
    }
}

/// The clinician must be an active doctor or nurse; the patient a patient not deleted or merged.
fn check_people(conn: &Connection, patient: Uuid, clinician: Option<Uuid>) -> Result<()> {
    let mut errors = Vec::new();
    let hidden: Option<bool> = conn
        .prepare_cached("SELECT deleted FROM patients WHERE id = ?1")
        .and_then(|mut s| s.query_row([patient.to_string()], |r| r.get(0)).optional())
        .context("reading the patient list")?;
    if hidden != Some(false) {
        errors.push(FieldError::new(
            "patient_id",
            ErrorCode::NotFound,
            "is not a patient",
        ));
    }
    if let Some(c) = clinician {
        let user: Option<(String, bool)> = conn
            .prepare_cached("SELECT role, active FROM users WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([c.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .context("reading the users")?;
        let ok = user.is_some_and(|(role, active)| {
            active && matches!(Role::parse(&role), Some(Role::Doctor | Role::Nurse))
        });
        if !ok {
            errors.push(FieldError::new(
                "clinician_id",
                ErrorCode::InvalidValue,
                "is not an active doctor or nurse",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

fn name_of(conn: &Connection, who: Who, id: &str) -> Result<String> {
    let sql = match who {
        Who::Clinician => "SELECT display_name FROM users WHERE id = ?1",
        Who::Patient => "SELECT given_name || ' ' || family_name FROM patients WHERE id = ?1",
    };
    let name: Option<String> = conn
        .prepare_cached(sql)
        .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
        .context("reading a name")?;
    Ok(name.unwrap_or_else(|| "someone".into()))
}

/// Refuses a slot that overlaps an active booking of the clinician or of the patient: one field
/// error on `start` per person busy, naming who and when. Reads the projection's index only.
pub(crate) fn check_free(conn: &Connection, a: &Appointment, id: Uuid) -> Result<()> {
    let end = a.end();
    let mut errors = Vec::new();
    for (who, who_id) in [
        (Who::Clinician, &a.clinician_id),
        (Who::Patient, &a.patient_id),
    ] {
        let overlaps = projection::overlapping(conn, who, who_id, &a.start, &end, id)?;
        if let Some((_, start, end)) = overlaps.first() {
            let name = name_of(conn, who, who_id)?;
            errors.push(FieldError::new(
                "start",
                ErrorCode::Conflict,
                format!(
                    "{name} is already booked from {} to {}",
                    start.replace('T', " "),
                    end.replace('T', " ")
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

impl Store {
    fn local_now(&self) -> chrono::NaiveDateTime {
        self.clock.now().with_timezone(&chrono::Local).naive_local()
    }

    /// Books an appointment; refused when the clinician or the patient is busy then.
    pub fn book_appointment(
        &mut self,
        actor: &Actor,
        input: &AppointmentInput,
    ) -> Result<AppointmentSummary> {
        self.authorize(actor, Action::AppointmentBook)?;
        let valid = input
            .validate(self.local_now().date())
            .map_err(Error::Invalid)?;
        self.create(actor, valid, AppointmentKind::Booked)
    }

    /// A patient who came without an appointment: checked in at once, with a queue token.
    pub fn register_walk_in(
        &mut self,
        actor: &Actor,
        input: &WalkInInput,
    ) -> Result<AppointmentSummary> {
        self.authorize(actor, Action::AppointmentBook)?;
        let valid = input.validate(self.local_now()).map_err(Error::Invalid)?;
        self.create(actor, valid, AppointmentKind::WalkIn)
    }

    fn create(
        &mut self,
        actor: &Actor,
        v: ValidBooking,
        kind: AppointmentKind,
    ) -> Result<AppointmentSummary> {
        check_people(&self.conn, v.patient_id, Some(v.clinician_id))?;
        let device_code = self.device()?.code;
        let (id, now) = (self.new_id(), self.clock.now());
        let at = now.to_rfc3339();
        let mut a = Appointment {
            patient_id: v.patient_id.to_string(),
            clinician_id: v.clinician_id.to_string(),
            start: v.start,
            duration_minutes: v.duration_minutes,
            reason: v.reason,
            kind,
            changes: vec![status_change(actor, AppointmentStatus::Booked, &at)],
            ..Appointment::default()
        };
        let tx = self.write()?;
        if kind == AppointmentKind::WalkIn {
            check_in(&tx, &mut a, &device_code, actor, &at)?;
        } else {
            schedules::check_hours(&tx, &a)?;
            check_free(&tx, &a, id)?;
        }
        let ctx = WriteCtx {
            actor,
            action: "create",
            source: ChangeSource::Ui,
            at: now,
        };
        records::create(&tx, KIND, id, &a, &ctx)?;
        projection::write(&tx, id, &a, &at)?;
        audit::append(
            &tx,
            actor,
            AuditAction::Create,
            Subject::record(KIND, id),
            now,
        )?;
        if kind == AppointmentKind::Booked {
            use crate::reminders::outgoing::{queue, Trigger};
            queue(&tx, actor, id, &a, now, Trigger::Booking)?;
        }
        tx.commit().context("saving the appointment")?;
        self.appointment_summary(id)
    }

    /// Moves a booked appointment (and may change the clinician); the new slot must be free.
    pub fn reschedule_appointment(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &RescheduleInput,
    ) -> Result<AppointmentSummary> {
        self.authorize(actor, Action::AppointmentBook)?;
        let (clinician, start, minutes) = input
            .validate(self.local_now().date())
            .map_err(Error::Invalid)?;
        self.change(actor, id, QueueAction::Reschedule, |tx, a, _| {
            a.clinician_id = clinician.to_string();
            a.start = start;
            a.duration_minutes = minutes;
            let patient = crate::patients::parse_id(&a.patient_id)?;
            check_people(tx, patient, Some(clinician))?;
            schedules::check_hours(tx, a)?;
            check_free(tx, a, id)
        })
    }

    /// Cancels a booked or checked-in appointment; `reason` is required.
    pub fn cancel_appointment(
        &mut self,
        actor: &Actor,
        id: Uuid,
        reason: &str,
    ) -> Result<AppointmentSummary> {
        self.authorize(actor, Action::AppointmentBook)?;
        let mut v = clinic_domain::Validation::default();
        let reason = v.required_text("cancel_reason", reason, 200);
        v.finish(()).map_err(Error::Invalid)?;
        self.change(actor, id, QueueAction::Cancel, |_, a, _| {
            a.cancel_reason = reason;
            Ok(())
        })
    }

    /// Loads appointment `id`, checks `action` against its status, applies `edit`, records the
    /// status change (who, device, when) and saves document, projection and audit in one
    /// transaction.
    pub(crate) fn change(
        &mut self,
        actor: &Actor,
        id: Uuid,
        action: QueueAction,
        edit: impl FnOnce(&Transaction<'_>, &mut Appointment, &str) -> Result<()>,
    ) -> Result<AppointmentSummary> {
        let now = self.clock.now();
        let at = now.to_rfc3339();
        let tx = self.write()?;
        let loaded = records::load(&tx, KIND, id, actor.device_id)?.ok_or(Error::NotFound {
            what: "appointment",
        })?;
        let mut doc = loaded.doc;
        let mut a: Appointment = records::hydrate(&doc)?;
        let to = transition(a.status, action).map_err(|e| Error::Invalid(vec![e]))?;
        edit(&tx, &mut a, &at)?;
        if to != a.status || action == QueueAction::Reschedule {
            a.status = to;
            a.changes.push(status_change(actor, to, &at));
        }
        let ctx = WriteCtx {
            actor,
            action: action.as_str(),
            source: ChangeSource::Ui,
            at: now,
        };
        records::update(&tx, KIND, id, &mut doc, &a, &ctx)?;
        projection::write(&tx, id, &a, &at)?;
        crate::reminders::outgoing::after_appointment_change(&tx, actor, id, &a, action, now)?;
        audit::append(
            &tx,
            actor,
            AuditAction::Update,
            Subject::record(KIND, id),
            now,
        )?;
        tx.commit().context("saving the appointment")?;
        self.appointment_summary(id)
    }

    pub(crate) fn appointment_summary(&self, id: Uuid) -> Result<AppointmentSummary> {
        projection::summaries_of(&self.conn, &[id.to_string()])?
            .into_iter()
            .next()
            .ok_or(Error::NotFound {
                what: "appointment",
            })
    }
}

/// Checks `a` in: status, time and a queue token `<device code>-<n>`, where `n` counts this
/// PC's check-ins of the appointment's day, so two PCs never give the same token.
pub(crate) fn check_in(
    tx: &Transaction<'_>,
    a: &mut Appointment,
    device_code: &str,
    actor: &Actor,
    at: &str,
) -> Result<()> {
    let day: String = a.start.chars().take(10).collect();
    let n = take_counter(tx, &format!("queue_token:{day}"), 1)?;
    a.queue_token = format!("{device_code}-{n:03}");
    a.checked_in_at = at.to_string();
    a.status = AppointmentStatus::CheckedIn;
    a.changes
        .push(status_change(actor, AppointmentStatus::CheckedIn, at));
    Ok(())
}
