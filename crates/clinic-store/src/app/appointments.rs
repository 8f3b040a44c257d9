//! Appointments and the day's queue as the desktop window calls them: one line per IPC command.
use super::App;
use crate::appointments::AppointmentDetail;
use crate::error::Result;
use crate::patients::parse_id;
use clinic_domain::appointment::{
    AppointmentInput, AppointmentSummary, Clinician, RescheduleInput, Schedule, ScheduleInput,
    WalkInInput,
};

impl App {
    pub fn book_appointment(&self, input: AppointmentInput) -> Result<AppointmentSummary> {
        self.as_user(|store, actor| store.book_appointment(actor, &input))
    }

    pub fn register_walk_in(&self, input: WalkInInput) -> Result<AppointmentSummary> {
        self.as_user(|store, actor| store.register_walk_in(actor, &input))
    }

    pub fn reschedule_appointment(
        &self,
        id: &str,
        input: RescheduleInput,
    ) -> Result<AppointmentSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.reschedule_appointment(actor, id, &input))
    }

    pub fn cancel_appointment(&self, id: &str, reason: &str) -> Result<AppointmentSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.cancel_appointment(actor, id, reason))
    }

    pub fn check_in_appointment(&self, id: &str) -> Result<AppointmentSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.check_in_appointment(actor, id))
    }

    pub fn call_in_appointment(&self, id: &str, room: Option<&str>) -> Result<AppointmentSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.call_in_appointment(actor, id, room))
    }

    pub fn complete_appointment(&self, id: &str) -> Result<AppointmentSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.complete_appointment(actor, id))
    }

    pub fn mark_no_show(&self, id: &str) -> Result<AppointmentSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.mark_no_show(actor, id))
    }

    pub fn day_queue(&self, day: &str) -> Result<Vec<AppointmentSummary>> {
        self.as_user(|store, actor| store.day_queue(actor, day))
    }

    pub fn clinician_calendar(
        &self,
        clinician_id: &str,
        from: &str,
        days: u32,
    ) -> Result<Vec<AppointmentSummary>> {
        let id = parse_id(clinician_id)?;
        self.as_user(|store, actor| store.clinician_calendar(actor, id, from, days))
    }

    pub fn get_appointment(&self, id: &str) -> Result<AppointmentDetail> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.get_appointment(actor, id))
    }

    pub fn active_clinicians(&self) -> Result<Vec<Clinician>> {
        self.as_user(|store, actor| store.active_clinicians(actor))
    }

    pub fn double_booking_appointments(&self, issue_id: &str) -> Result<Vec<AppointmentSummary>> {
        let id = parse_id(issue_id)?;
        self.as_user(|store, actor| store.double_booking_appointments(actor, id))
    }

    pub fn resolve_double_booking(
        &self,
        issue_id: &str,
        cancel_id: &str,
        reason: &str,
    ) -> Result<AppointmentSummary> {
        let (issue, cancel) = (parse_id(issue_id)?, parse_id(cancel_id)?);
        self.as_user(|store, actor| store.resolve_double_booking(actor, issue, cancel, reason))
    }

    pub fn set_schedule(&self, clinician_id: &str, input: ScheduleInput) -> Result<Schedule> {
        let id = parse_id(clinician_id)?;
        self.as_user(|store, actor| store.set_schedule(actor, id, &input))
    }

    pub fn clinician_schedule(&self, clinician_id: &str) -> Result<Option<Schedule>> {
        let id = parse_id(clinician_id)?;
        self.as_user(|store, actor| store.clinician_schedule(actor, id))
    }

    pub fn free_slots(&self, clinician_id: &str, day: &str) -> Result<Vec<String>> {
        let id = parse_id(clinician_id)?;
        self.as_user(|store, actor| store.free_slots(actor, id, day))
    }
}
