//! Clinicians' weekly schedules (a record per clinician, id derived from the clinician's): set by
//! `schedule_manage`, read by the booking checks and the free-slot list. A clinician without a
//! schedule can be booked at any time; with one, only inside working hours and not on leave.
use super::projection;
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records::{self, WriteCtx};
use crate::store::Store;
use clinic_domain::appointment::{
    parse_start, schedule_id, Appointment, AppointmentStatus, Schedule, ScheduleInput,
};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, FieldError, RecordKind, Role};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

const KIND: RecordKind = RecordKind::ClinicianSchedule;

/// Writes the projection row: the schedule as JSON, found by clinician.
pub(crate) fn write(conn: &Connection, id: Uuid, s: &Schedule, at: &str) -> Result<()> {
    let json = serde_json::to_string(s).context("writing a schedule")?;
    conn.prepare_cached(
        "INSERT INTO clinician_schedules (id, clinician_id, schedule, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET clinician_id = excluded.clinician_id,
            schedule = excluded.schedule, updated_at = excluded.updated_at",
    )
    .and_then(|mut st| st.execute(params![id.to_string(), s.clinician_id, json, at]))
    .context("updating the schedules")?;
    Ok(())
}

pub(crate) fn read(conn: &Connection, clinician_id: &str) -> Result<Option<Schedule>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT schedule FROM clinician_schedules WHERE id = ?1")
        .and_then(|mut s| {
            s.query_row([schedule_id(clinician_id).to_string()], |r| r.get(0))
                .optional()
        })
        .context("reading the schedules")?;
    json.map(|j| serde_json::from_str(&j).context("reading a schedule"))
        .transpose()
}

/// Refuses a booking outside the clinician's working hours (when they have a schedule).
pub(crate) fn check_hours(conn: &Connection, a: &Appointment) -> Result<()> {
    let Some(schedule) = read(conn, &a.clinician_id)? else {
        return Ok(());
    };
    match parse_start(&a.start) {
        Some(start) if !schedule.covers(start, a.duration_minutes) => {
            Err(Error::Invalid(vec![FieldError::new(
                "start",
                ErrorCode::OutOfRange,
                "is outside the clinician's working hours or on leave",
            )]))
        }
        _ => Ok(()),
    }
}

impl Store {
    /// Sets a doctor's or nurse's weekly schedule (creates it the first time).
    pub fn set_schedule(
        &mut self,
        actor: &Actor,
        clinician_id: Uuid,
        input: &ScheduleInput,
    ) -> Result<Schedule> {
        self.authorize(actor, Action::ScheduleManage)?;
        let schedule = input
            .validate(&clinician_id.to_string())
            .map_err(Error::Invalid)?;
        let role: Option<(String, bool)> = self
            .conn
            .prepare_cached("SELECT role, active FROM users WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([clinician_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .context("reading the users")?;
        if !role.is_some_and(|(r, active)| {
            active && matches!(Role::parse(&r), Some(Role::Doctor | Role::Nurse))
        }) {
            return Err(Error::field(
                "clinician_id",
                ErrorCode::InvalidValue,
                "is not an active doctor or nurse",
            ));
        }
        let id = schedule_id(&clinician_id.to_string());
        let now = self.clock.now();
        let at = now.to_rfc3339();
        let tx = self.write()?;
        let ctx = WriteCtx {
            actor,
            action: "schedule",
            source: ChangeSource::Ui,
            at: now,
        };
        let audit_action = match records::load(&tx, KIND, id, actor.device_id)? {
            Some(loaded) => {
                let mut doc = loaded.doc;
                records::update(&tx, KIND, id, &mut doc, &schedule, &ctx)?;
                AuditAction::Update
            }
            None => {
                records::create(&tx, KIND, id, &schedule, &ctx)?;
                AuditAction::Create
            }
        };
        write(&tx, id, &schedule, &at)?;
        audit::append(&tx, actor, audit_action, Subject::record(KIND, id), now)?;
        tx.commit().context("saving the schedule")?;
        Ok(schedule)
    }

    pub fn clinician_schedule(
        &self,
        actor: &Actor,
        clinician_id: Uuid,
    ) -> Result<Option<Schedule>> {
        self.authorize(actor, Action::AppointmentView)?;
        read(&self.conn, &clinician_id.to_string())
    }

    /// Free slot starts of `day` for the clinician (empty without a schedule).
    pub fn free_slots(&self, actor: &Actor, clinician_id: Uuid, day: &str) -> Result<Vec<String>> {
        self.authorize(actor, Action::AppointmentView)?;
        let date = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| {
            Error::field(
                "day",
                ErrorCode::InvalidFormat,
                "must be a date like 2026-11-23",
            )
        })?;
        let Some(schedule) = read(&self.conn, &clinician_id.to_string())? else {
            return Ok(Vec::new());
        };
        let first = date.format("%Y-%m-%d").to_string();
        let next = (date + chrono::Duration::days(1))
            .format("%Y-%m-%d")
            .to_string();
        let busy: Vec<(String, String)> =
            projection::calendar(&self.conn, &clinician_id.to_string(), &first, &next)?
                .into_iter()
                .filter(|a| {
                    matches!(
                        a.status,
                        AppointmentStatus::Booked
                            | AppointmentStatus::CheckedIn
                            | AppointmentStatus::WithClinician
                    )
                })
                .map(|a| (a.start, a.end))
                .collect();
        Ok(schedule.free_slots(date, &busy))
    }
}
