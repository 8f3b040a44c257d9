//! The in-app reminders of one user, each source an indexed query on a projection and each shown
//! only to roles allowed to see it: today's appointments (a clinician's own; for the front desk
//! the ones not checked in yet), unpaid balances, follow-ups due, and failed outgoing reminders.
use super::{follow_ups, projection};
use crate::error::{Context, Result};
use clinic_domain::appointment::{AppointmentStatus, AppointmentSummary};
use clinic_domain::reminder::{MessageStatus, ReminderItem, ReminderItemKind};
use clinic_domain::{Actor, Role};
use rusqlite::Connection;

const MAX_ITEMS: u32 = 200;

fn item(
    kind: ReminderItemKind,
    target: &str,
    patient: &str,
    name: &str,
    when: &str,
) -> ReminderItem {
    ReminderItem {
        kind,
        target_id: target.to_string(),
        patient_id: patient.to_string(),
        patient_name: name.to_string(),
        when: when.to_string(),
        detail: String::new(),
        amount: 0,
        currency: String::new(),
        currency_digits: 0,
    }
}

/// Today's appointments for `actor`: a doctor's or nurse's own (not cancelled, missed or done);
/// anyone else's view is the day's bookings still waiting for check-in.
pub(crate) fn appointments_today(actor: &Actor, day: &[AppointmentSummary]) -> Vec<ReminderItem> {
    let clinician = matches!(actor.role, Role::Doctor | Role::Nurse);
    let me = actor.user_id.to_string();
    day.iter()
        .filter(|a| {
            if clinician {
                a.clinician_id == me
                    && matches!(
                        a.status,
                        AppointmentStatus::Booked
                            | AppointmentStatus::CheckedIn
                            | AppointmentStatus::WithClinician
                    )
            } else {
                a.status == AppointmentStatus::Booked
            }
        })
        .map(|a| {
            let mut i = item(
                ReminderItemKind::AppointmentToday,
                &a.id,
                &a.patient_id,
                &a.patient_name,
                &a.start,
            );
            i.detail = a.reason.clone();
            i
        })
        .collect()
}

/// Issued invoices still holding a balance, oldest first.
pub(crate) fn unpaid(conn: &Connection) -> Result<Vec<ReminderItem>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, patient_id, patient_name, issued_at, number, balance, currency
             FROM invoices WHERE balance > 0 AND status = 'issued'
             ORDER BY issued_at LIMIT ?1",
        )
        .context("reading unpaid invoices")?;
    let rows = stmt
        .query_map([MAX_ITEMS], |r| {
            let (id, patient, name, at): (String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let mut i = item(ReminderItemKind::UnpaidBalance, &id, &patient, &name, &at);
            i.detail = r.get(4)?;
            i.amount = r.get(5)?;
            i.currency = r.get(6)?;
            i.currency_digits =
                clinic_domain::billing::Currency::parse(&i.currency).map_or(2, |c| c.minor_digits);
            Ok(i)
        })
        .context("reading unpaid invoices")?;
    rows.map(|r| r.context("reading unpaid invoices")).collect()
}

/// Follow-ups due by `today`: a clinician's own, or every one for the front desk.
pub(crate) fn follow_ups_due(
    conn: &Connection,
    actor: &Actor,
    today: &str,
) -> Result<Vec<ReminderItem>> {
    let me = actor.user_id.to_string();
    let clinician = matches!(actor.role, Role::Doctor | Role::Nurse).then_some(me.as_str());
    Ok(follow_ups::due(conn, today, clinician)?
        .into_iter()
        .map(|d| {
            let mut i = item(
                ReminderItemKind::FollowUpDue,
                &d.encounter_id,
                &d.patient_id,
                &d.patient_name,
                &d.follow_up,
            );
            i.detail = d.clinician_id;
            i
        })
        .collect())
}

/// Validated lab results the signed-in doctor ordered and has not acknowledged yet
/// (`lab::results_to_review`, from the `lab_orders` projection).
pub(crate) fn lab_results(store: &crate::store::Store, actor: &Actor) -> Result<Vec<ReminderItem>> {
    Ok(crate::lab::results_to_review(store, actor.user_id)?
        .into_iter()
        .map(|r| {
            let mut i = item(
                ReminderItemKind::LabResult,
                &r.order_id,
                &r.patient_id,
                &r.patient_name,
                &r.validated_at,
            );
            i.detail = r.tests;
            i.amount = i64::from(r.abnormal_count);
            i
        })
        .collect())
}

/// Outgoing reminders that could not be delivered.
pub(crate) fn failed_messages(conn: &Connection) -> Result<Vec<ReminderItem>> {
    Ok(
        projection::with_status(conn, MessageStatus::Failed, MAX_ITEMS)?
            .into_iter()
            .map(|m| {
                let mut i = item(
                    ReminderItemKind::MessageFailed,
                    &m.appointment_id,
                    &m.patient_id,
                    "",
                    &m.send_at,
                );
                i.detail = m.last_error;
                i
            })
            .collect(),
    )
}
