//! The day's queue and the calendars: check in, call in, complete, no-show; what the queue screen,
//! the calendars and the booking form read.
use super::{check_in, projection, KIND};
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records;
use crate::store::Store;
use clinic_domain::appointment::{Appointment, AppointmentSummary, Clinician, QueueAction};
use clinic_domain::{Action, Actor, ErrorCode, Role};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// One appointment opened: its row and its document (cancel reason, every status change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppointmentDetail {
    pub summary: AppointmentSummary,
    pub appointment: Appointment,
}

fn parse_day(field: &str, day: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
        Error::field(
            field,
            ErrorCode::InvalidFormat,
            "must be a date like 2026-11-23",
        )
    })
}

impl Store {
    /// The patient arrived: checked in with a queue token.
    pub fn check_in_appointment(&mut self, actor: &Actor, id: Uuid) -> Result<AppointmentSummary> {
        self.authorize(actor, Action::QueueUpdate)?;
        let code = self.device()?.code;
        self.change(actor, id, QueueAction::CheckIn, |tx, a, at| {
            check_in(tx, a, &code, actor, at)
        })
    }

    /// The clinician calls the patient in, to `room` when given, else to the room the clinician
    /// is assigned now (`rooms`), so the queue tells the patient where to go.
    pub fn call_in_appointment(
        &mut self,
        actor: &Actor,
        id: Uuid,
        room: Option<&str>,
    ) -> Result<AppointmentSummary> {
        self.authorize(actor, Action::QueueUpdate)?;
        let mut v = clinic_domain::Validation::default();
        let room = room.map(|r| v.optional_text("room", r, 40));
        v.finish(()).map_err(Error::Invalid)?;
        let now = self.local_now();
        self.change(actor, id, QueueAction::CallIn, |tx, a, _| {
            let room = match room.filter(|r| !r.is_empty()) {
                Some(r) => Some(r),
                None => crate::rooms::assigned_room(tx, &a.clinician_id, now)?,
            };
            if let Some(r) = room {
                a.room = r.chars().take(40).collect();
            }
            Ok(())
        })
    }

    pub fn complete_appointment(&mut self, actor: &Actor, id: Uuid) -> Result<AppointmentSummary> {
        self.authorize(actor, Action::QueueUpdate)?;
        self.change(actor, id, QueueAction::Complete, |_, _, _| Ok(()))
    }

    pub fn mark_no_show(&mut self, actor: &Actor, id: Uuid) -> Result<AppointmentSummary> {
        self.authorize(actor, Action::QueueUpdate)?;
        self.change(actor, id, QueueAction::NoShow, |_, _, _| Ok(()))
    }

    /// The queue of `day` (`YYYY-MM-DD`): checked-in visits in check-in order, then the booked.
    pub fn day_queue(&self, actor: &Actor, day: &str) -> Result<Vec<AppointmentSummary>> {
        self.authorize(actor, Action::AppointmentView)?;
        let day = parse_day("day", day)?;
        projection::day_queue(&self.conn, &day.format("%Y-%m-%d").to_string())
    }

    /// A clinician's appointments over `days` days (1 to 31) from `from` (`YYYY-MM-DD`).
    pub fn clinician_calendar(
        &self,
        actor: &Actor,
        clinician_id: Uuid,
        from: &str,
        days: u32,
    ) -> Result<Vec<AppointmentSummary>> {
        self.authorize(actor, Action::AppointmentView)?;
        let first = parse_day("from", from)?;
        if !(1..=31).contains(&days) {
            return Err(Error::field(
                "days",
                ErrorCode::OutOfRange,
                "must be 1 to 31",
            ));
        }
        let last = first + chrono::Duration::days(i64::from(days));
        projection::calendar(
            &self.conn,
            &clinician_id.to_string(),
            &first.format("%Y-%m-%d").to_string(),
            &last.format("%Y-%m-%d").to_string(),
        )
    }

    /// Opens one appointment (audited as a view).
    pub fn get_appointment(&mut self, actor: &Actor, id: Uuid) -> Result<AppointmentDetail> {
        self.authorize(actor, Action::AppointmentView)?;
        let summary = self.appointment_summary(id)?;
        let loaded =
            records::load(&self.conn, KIND, id, actor.device_id)?.ok_or(Error::NotFound {
                what: "appointment",
            })?;
        let appointment = records::hydrate(&loaded.doc)?;
        let subject = Subject::record(KIND, id);
        audit::append(
            &self.conn,
            actor,
            AuditAction::View,
            subject,
            self.clock.now(),
        )?;
        Ok(AppointmentDetail {
            summary,
            appointment,
        })
    }

    /// Active doctors and nurses, by name: who can be booked.
    pub fn active_clinicians(&self, actor: &Actor) -> Result<Vec<Clinician>> {
        self.authorize(actor, Action::AppointmentView)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, display_name, role FROM users
                 WHERE active = 1 AND role IN ('doctor', 'nurse') ORDER BY display_name, id",
            )
            .context("listing clinicians")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .context("listing clinicians")?;
        let mut out = Vec::new();
        for row in rows {
            let (id, display_name, role) = row.context("listing clinicians")?;
            let role =
                Role::parse(&role).ok_or_else(|| Error::Storage("reading a user's role".into()))?;
            out.push(Clinician {
                id,
                display_name,
                role,
            });
        }
        Ok(out)
    }
}
