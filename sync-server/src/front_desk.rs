//! Central projections of the front desk: appointments (visits) and invoices (revenue), one row per
//! record, rewritten from the merged document in the push batch's transaction. They feed the
//! "Visits and revenue" report. Only ids, dates, statuses and amounts: no patient names.
use chrono::NaiveDate;
use clinic_domain::appointment::Appointment;
use clinic_domain::billing::Invoice;
use deadpool_postgres::Transaction;
use uuid::Uuid;

#[derive(Default)]
pub struct FrontDesk {
    appointments: Vec<(Uuid, Appointment)>,
    invoices: Vec<(Uuid, Invoice)>,
}

/// The date of a `YYYY-MM-DD…` text, if it is one.
fn day_of(text: &str) -> Option<NaiveDate> {
    text.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

impl FrontDesk {
    pub fn add_appointment(&mut self, id: Uuid, a: Appointment) {
        self.appointments.push((id, a));
    }

    pub fn add_invoice(&mut self, id: Uuid, i: Invoice) {
        self.invoices.push((id, i));
    }

    pub async fn write(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        if !self.appointments.is_empty() {
            self.write_appointments(tx, clinic_id).await?;
        }
        if !self.invoices.is_empty() {
            self.write_invoices(tx, clinic_id).await?;
        }
        Ok(())
    }

    async fn write_appointments(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        let rows = &self.appointments;
        let col =
            |f: fn(&Appointment) -> &str| -> Vec<&str> { rows.iter().map(|(_, a)| f(a)).collect() };
        let ids: Vec<Uuid> = rows.iter().map(|(id, _)| *id).collect();
        let days: Vec<Option<NaiveDate>> = rows.iter().map(|(_, a)| day_of(&a.start)).collect();
        let stmt = tx
            .prepare_cached(
                "INSERT INTO appointments (clinic_id, id, patient_id, clinician_id, start_local, day,
                    kind, status)
                 SELECT $1, * FROM UNNEST($2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[],
                    $7::text[], $8::text[])
                 ON CONFLICT (clinic_id, id) DO UPDATE SET
                    patient_id = EXCLUDED.patient_id, clinician_id = EXCLUDED.clinician_id,
                    start_local = EXCLUDED.start_local, day = EXCLUDED.day, kind = EXCLUDED.kind,
                    status = EXCLUDED.status, updated_at = now()",
            )
            .await?;
        tx.execute(
            &stmt,
            &[
                &clinic_id,
                &ids,
                &col(|a| &a.patient_id),
                &col(|a| &a.clinician_id),
                &col(|a| &a.start),
                &days,
                &col(|a| a.kind.as_str()),
                &col(|a| a.status.as_str()),
            ],
        )
        .await?;
        Ok(())
    }

    async fn write_invoices(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        let rows = &self.invoices;
        let col =
            |f: fn(&Invoice) -> &str| -> Vec<&str> { rows.iter().map(|(_, i)| f(i)).collect() };
        let ids: Vec<Uuid> = rows.iter().map(|(id, _)| *id).collect();
        let totals: Vec<_> = rows.iter().map(|(_, i)| i.totals()).collect();
        let total: Vec<i64> = totals.iter().map(|t| t.total).collect();
        let paid: Vec<i64> = totals.iter().map(|t| t.paid).collect();
        let days: Vec<Option<NaiveDate>> = rows.iter().map(|(_, i)| day_of(&i.issued_at)).collect();
        let stmt = tx
            .prepare_cached(
                "INSERT INTO invoices (clinic_id, id, number, status, currency, total, paid, issued_day)
                 SELECT $1, * FROM UNNEST($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int8[],
                    $7::int8[], $8::date[])
                 ON CONFLICT (clinic_id, id) DO UPDATE SET
                    number = EXCLUDED.number, status = EXCLUDED.status, currency = EXCLUDED.currency,
                    total = EXCLUDED.total, paid = EXCLUDED.paid, issued_day = EXCLUDED.issued_day,
                    updated_at = now()",
            )
            .await?;
        tx.execute(
            &stmt,
            &[
                &clinic_id,
                &ids,
                &col(|i| &i.number),
                &col(|i| i.status.as_str()),
                &col(|i| &i.currency),
                &total,
                &paid,
                &days,
            ],
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::day_of;

    #[test]
    fn days_come_from_the_start_of_the_text() {
        assert_eq!(
            day_of("2026-11-22T09:30").map(|d| d.to_string()),
            Some("2026-11-22".into())
        );
        assert_eq!(
            day_of("2026-11-22T09:30:00+03:00").map(|d| d.to_string()),
            Some("2026-11-22".into())
        );
        assert_eq!(day_of(""), None);
        assert_eq!(day_of("yesterday"), None);
        assert_eq!(day_of("2026-02-30"), None);
    }
}
