//! The front-desk dashboard: today's queue by status, the day's appointments and payments, patients
//! added, and the last 30 days as daily series. Read from the projections only (appointments,
//! invoice payments, records), each an indexed range query, so it opens at once on a large store.
//! Days are the clinic's local days: the caller passes today and the UTC offset of its midnight.
use crate::error::{Context, Result};
use crate::store::Store;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use clinic_domain::{Action, Actor};
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

/// Days in the dashboard's series.
pub const SERIES_DAYS: i64 = 30;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QueueCounts {
    /// Booked for today, not arrived yet.
    pub booked: u32,
    /// Checked in, waiting.
    pub waiting: u32,
    pub with_clinician: u32,
    pub done: u32,
    pub no_show: u32,
    pub cancelled: u32,
}

/// One day of the series.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayActivity {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// Appointments and walk-ins that were checked in.
    pub visits: u32,
    /// Payments minus refunds taken that day, in minor units.
    #[ts(type = "number")]
    pub collected: i64,
    /// Patients added to this PC's records that day (registered here or received by sync).
    pub patients: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Dashboard {
    /// The clinic's currency, for the amounts.
    pub currency: clinic_domain::billing::Currency,
    pub today: DayActivity,
    pub queue: QueueCounts,
    /// Today's appointments, whatever their status.
    pub appointments: u32,
    /// Payments taken today (refunds not counted).
    pub payments: u32,
    /// The last `SERIES_DAYS` days, oldest first, today last.
    pub series: Vec<DayActivity>,
}

/// `[start, end)` of a local day in UTC.
fn utc_bounds(day: NaiveDate, offset: FixedOffset) -> (DateTime<Utc>, DateTime<Utc>) {
    let at = |d: NaiveDate| -> DateTime<Utc> {
        let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        offset
            .from_local_datetime(&local)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&local))
    };
    (at(day), at(day + Duration::days(1)))
}

/// Bounds as texts comparable with payment times (`billing::stamp_time`: milliseconds, `Z`).
fn payment_bounds(b: &(DateTime<Utc>, DateTime<Utc>)) -> (String, String) {
    let t = |d: &DateTime<Utc>| crate::billing::stamp_time(*d);
    (t(&b.0), t(&b.1))
}

/// Bounds as texts comparable with record times (`to_rfc3339`, `+00:00`).
fn record_bounds(b: &(DateTime<Utc>, DateTime<Utc>)) -> (String, String) {
    (b.0.to_rfc3339(), b.1.to_rfc3339())
}

impl Store {
    /// The dashboard for `today` (the clinic's local date; `offset`: its UTC offset).
    pub fn dashboard(
        &self,
        actor: &Actor,
        today: NaiveDate,
        offset: FixedOffset,
    ) -> Result<Dashboard> {
        self.authorize(actor, Action::AppointmentView)?;
        let mut out = Dashboard {
            currency: self.currency()?,
            today: DayActivity::default(),
            queue: self.queue_counts(today)?,
            appointments: 0,
            payments: 0,
            series: Vec::with_capacity(SERIES_DAYS as usize),
        };
        let day = today.format("%Y-%m-%d").to_string();
        out.appointments = self.count(
            "SELECT count(*) FROM appointments WHERE day = ?1",
            params![day],
        )?;
        let (from, to) = payment_bounds(&utc_bounds(today, offset));
        out.payments = self.count(
            "SELECT count(*) FROM invoice_payments WHERE at >= ?1 AND at < ?2 AND amount > 0",
            params![from, to],
        )?;
        for back in (0..SERIES_DAYS).rev() {
            out.series
                .push(self.day_activity(today - Duration::days(back), offset)?);
        }
        out.today = out.series.last().cloned().unwrap_or_default();
        Ok(out)
    }

    fn count(&self, sql: &str, args: impl rusqlite::Params) -> Result<u32> {
        self.conn
            .prepare_cached(sql)
            .and_then(|mut s| s.query_row(args, |r| r.get::<_, u32>(0)))
            .context("reading the dashboard")
    }

    fn queue_counts(&self, today: NaiveDate) -> Result<QueueCounts> {
        let mut q = QueueCounts::default();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT status, count(*) FROM appointments WHERE day = ?1 GROUP BY status",
            )
            .context("reading the dashboard")?;
        let rows = stmt
            .query_map([today.format("%Y-%m-%d").to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
            })
            .context("reading the dashboard")?;
        for row in rows {
            let (status, n) = row.context("reading the dashboard")?;
            match status.as_str() {
                "booked" => q.booked = n,
                "checked_in" => q.waiting = n,
                "with_clinician" => q.with_clinician = n,
                "done" => q.done = n,
                "no_show" => q.no_show = n,
                "cancelled" => q.cancelled = n,
                _ => {}
            }
        }
        Ok(q)
    }

    fn day_activity(&self, day: NaiveDate, offset: FixedOffset) -> Result<DayActivity> {
        let bounds = utc_bounds(day, offset);
        let (from, to) = payment_bounds(&bounds);
        let text = day.format("%Y-%m-%d").to_string();
        let visits = self.count(
            "SELECT count(*) FROM appointments
             WHERE day = ?1 AND status IN ('checked_in', 'with_clinician', 'done')",
            params![text],
        )?;
        let collected: i64 = self
            .conn
            .prepare_cached(
                "SELECT coalesce(sum(amount), 0) FROM invoice_payments WHERE at >= ?1 AND at < ?2",
            )
            .and_then(|mut s| s.query_row(params![from, to], |r| r.get(0)))
            .context("reading the dashboard")?;
        let (from, to) = record_bounds(&bounds);
        let patients = self.count(
            "SELECT count(*) FROM records WHERE kind = 'patient' AND created_at >= ?1 AND created_at < ?2",
            params![from, to],
        )?;
        Ok(DayActivity {
            day: text,
            visits,
            collected,
            patients,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_days_map_to_utc_bounds() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let east = FixedOffset::east_opt(3 * 3600).unwrap();
        let b = utc_bounds(day, east);
        assert_eq!(
            payment_bounds(&b),
            (
                "2026-11-21T21:00:00.000Z".to_string(),
                "2026-11-22T21:00:00.000Z".to_string()
            )
        );
        assert_eq!(record_bounds(&b).1, "2026-11-22T21:00:00+00:00");
        let utc = FixedOffset::east_opt(0).unwrap();
        assert_eq!(
            record_bounds(&utc_bounds(day, utc)).0,
            "2026-11-22T00:00:00+00:00"
        );
    }
}
