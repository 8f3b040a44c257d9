//! The daily cash-up and revenue reports, read from the projections only (never the documents).
//!
//! Cash-up: every payment and refund whose time falls on the local day, per cashier (who recorded
//! it) and method; refunds are summed apart and subtracted for the net.
//! Revenue: lines of issued invoices (void ones left out) issued within the local days
//! `from..=to`, net of discount, with tax apart. By clinician, an invoice counts for the user its
//! visit was with when the invoice names one (`clinician_id`), else for the user who created it.
use super::{stamp_time, CashUp, CashUpRow, Revenue, RevenueGroup, RevenueRow};
use crate::error::{Context, Error, Result};
use crate::store::Store;
use chrono::{Local, NaiveDate, TimeZone, Utc};
use clinic_domain::{Action, Actor, ErrorCode};
use rusqlite::params;

/// UTC stamp of the start of local day `day`.
fn day_start(day: NaiveDate) -> Result<String> {
    let naive = day.and_hms_opt(0, 0, 0).ok_or_else(|| bad_day("day"))?;
    let local = Local
        .from_local_datetime(&naive)
        .earliest()
        .ok_or_else(|| bad_day("day"))?;
    Ok(stamp_time(local.with_timezone(&Utc)))
}

/// A sum that saturates instead of overflowing (amounts may come from another PC).
fn total(values: impl Iterator<Item = i64>) -> i64 {
    values.fold(0, i64::saturating_add)
}

fn bad_day(field: &str) -> Error {
    Error::field(field, ErrorCode::InvalidValue, "is not a valid day")
}

pub(crate) fn parse_day(field: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad_day(field))
}

fn next(day: NaiveDate, field: &str) -> Result<NaiveDate> {
    day.succ_opt().ok_or_else(|| bad_day(field))
}

impl Store {
    pub fn cash_up(&self, actor: &Actor, day: NaiveDate) -> Result<CashUp> {
        self.authorize(actor, Action::BillingView)?;
        let (from, to) = (day_start(day)?, day_start(next(day, "day")?)?);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT cashier_id, max(cashier), method,
                    sum(CASE WHEN amount > 0 THEN amount ELSE 0 END),
                    sum(CASE WHEN amount < 0 THEN -amount ELSE 0 END), sum(amount), count(*)
                 FROM invoice_payments WHERE at >= ?1 AND at < ?2
                 GROUP BY cashier_id, method ORDER BY 2, 1, 3",
            )
            .context("reading the cash-up")?;
        let rows = stmt
            .query_map(params![from, to], |r| {
                Ok(CashUpRow {
                    cashier_id: r.get(0)?,
                    cashier: r.get(1)?,
                    method: r.get(2)?,
                    payments: r.get(3)?,
                    refunds: r.get(4)?,
                    net: r.get(5)?,
                    count: r.get(6)?,
                })
            })
            .context("reading the cash-up")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("reading the cash-up")?;
        Ok(CashUp {
            day: day.to_string(),
            currency: self.currency()?,
            payments: total(rows.iter().map(|r| r.payments)),
            refunds: total(rows.iter().map(|r| r.refunds)),
            net: total(rows.iter().map(|r| r.net)),
            rows,
        })
    }

    pub fn revenue(
        &self,
        actor: &Actor,
        from: NaiveDate,
        to: NaiveDate,
        group: RevenueGroup,
    ) -> Result<Revenue> {
        self.authorize(actor, Action::BillingView)?;
        if to < from {
            return Err(Error::field(
                "to",
                ErrorCode::OutOfRange,
                "must not be before the first day",
            ));
        }
        let (start, end) = (day_start(from)?, day_start(next(to, "to")?)?);
        let (key, label) = match group {
            RevenueGroup::Category => ("l.category", "l.category"),
            RevenueGroup::Item => ("l.code", "max(l.description)"),
            RevenueGroup::Clinician => (
                "i.clinician_id",
                "coalesce(max(u.username), i.clinician_id)",
            ),
        };
        let sql = format!(
            "SELECT {key}, {label}, sum(l.net), sum(l.tax), sum(l.total), count(*)
             FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
             LEFT JOIN users u ON u.id = i.clinician_id
             WHERE i.status = 'issued' AND i.issued_at >= ?1 AND i.issued_at < ?2
             GROUP BY {key} ORDER BY 5 DESC, 1"
        );
        let mut stmt = self.conn.prepare(&sql).context("reading revenue")?;
        let rows = stmt
            .query_map(params![start, end], |r| {
                Ok(RevenueRow {
                    key: r.get(0)?,
                    label: r.get(1)?,
                    net: r.get(2)?,
                    tax: r.get(3)?,
                    total: r.get(4)?,
                    lines: r.get(5)?,
                })
            })
            .context("reading revenue")?
            .collect::<rusqlite::Result<Vec<_>>>()
            .context("reading revenue")?;
        Ok(Revenue {
            from: from.to_string(),
            to: to.to_string(),
            group,
            currency: self.currency()?,
            net: total(rows.iter().map(|r| r.net)),
            tax: total(rows.iter().map(|r| r.tax)),
            total: total(rows.iter().map(|r| r.total)),
            rows,
        })
    }
}
