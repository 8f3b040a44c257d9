//! Central projection of lab orders: each pushed order's row is rewritten (upserted) in the push
//! batch's transaction, so an order collected on one PC and validated on another is one row. It
//! feeds the "Lab turnaround time" report. Times, priority, status and test codes only: no
//! patient, no names, no result values.
use chrono::{DateTime, Utc};
use clinic_domain::lab::LabOrder;
use deadpool_postgres::Transaction;
use uuid::Uuid;

/// One row of `lab_orders`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabOrderRow {
    pub id: Uuid,
    pub priority: &'static str,
    pub test_codes: String,
    pub test_count: i32,
    pub status: &'static str,
    pub ordered_at: Option<DateTime<Utc>>,
    pub collected_at: Option<DateTime<Utc>>,
    pub received_at: Option<DateTime<Utc>>,
    pub validated_at: Option<DateTime<Utc>>,
}

#[derive(Default)]
pub struct LabOrders {
    rows: Vec<LabOrderRow>,
}

/// An RFC 3339 text as a time; empty or unreadable is none.
fn time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The first validation: an amendment keeps the validation it undid, so the earliest of those
/// and the current one.
fn first_validation(o: &LabOrder) -> Option<DateTime<Utc>> {
    o.amendments
        .iter()
        .map(|a| time(&a.old_validated_at))
        .chain([time(&o.validated_at)])
        .flatten()
        .min()
}

pub fn row_of(id: Uuid, o: &LabOrder) -> LabOrderRow {
    LabOrderRow {
        id,
        priority: o.priority.as_str(),
        test_codes: o
            .tests
            .iter()
            .map(|t| t.test_id.as_str())
            .collect::<Vec<_>>()
            .join(","),
        test_count: i32::try_from(o.tests.len()).unwrap_or(i32::MAX),
        status: o.status.as_str(),
        ordered_at: time(&o.ordered_at),
        collected_at: time(&o.collected_at),
        received_at: time(&o.received_at),
        validated_at: first_validation(o),
    }
}

impl LabOrders {
    pub fn add(&mut self, id: Uuid, o: &LabOrder) {
        self.rows.push(row_of(id, o));
    }

    pub async fn write(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = &self.rows;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let priority: Vec<&str> = rows.iter().map(|r| r.priority).collect();
        let codes: Vec<&str> = rows.iter().map(|r| r.test_codes.as_str()).collect();
        let counts: Vec<i32> = rows.iter().map(|r| r.test_count).collect();
        let status: Vec<&str> = rows.iter().map(|r| r.status).collect();
        let times = |f: fn(&LabOrderRow) -> Option<DateTime<Utc>>| -> Vec<Option<DateTime<Utc>>> {
            rows.iter().map(f).collect()
        };
        let stmt = tx
            .prepare_cached(
                "INSERT INTO lab_orders (clinic_id, id, priority, test_codes, test_count, status,
                    ordered_at, collected_at, received_at, validated_at)
                 SELECT $1, * FROM UNNEST($2::uuid[], $3::text[], $4::text[], $5::int4[],
                    $6::text[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[],
                    $10::timestamptz[])
                 ON CONFLICT (clinic_id, id) DO UPDATE SET
                    priority = EXCLUDED.priority, test_codes = EXCLUDED.test_codes,
                    test_count = EXCLUDED.test_count, status = EXCLUDED.status,
                    ordered_at = EXCLUDED.ordered_at, collected_at = EXCLUDED.collected_at,
                    received_at = EXCLUDED.received_at, validated_at = EXCLUDED.validated_at,
                    updated_at = now()",
            )
            .await?;
        tx.execute(
            &stmt,
            &[
                &clinic_id,
                &ids,
                &priority,
                &codes,
                &counts,
                &status,
                &times(|r| r.ordered_at),
                &times(|r| r.collected_at),
                &times(|r| r.received_at),
                &times(|r| r.validated_at),
            ],
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clinic_domain::lab::{LabAmendment, LabPriority, LabStatus, LabTestLine};

    fn line(id: &str) -> LabTestLine {
        LabTestLine {
            test_id: id.into(),
            ..LabTestLine::default()
        }
    }

    #[test]
    fn an_amended_order_keeps_its_first_validation() {
        let o = LabOrder {
            priority: LabPriority::Urgent,
            status: LabStatus::Validated,
            tests: vec![line("hb"), line("k")],
            ordered_at: "2026-11-02T08:00:00+03:00".into(),
            collected_at: "".into(),
            received_at: "not a time".into(),
            validated_at: "2026-11-02T12:00:00Z".into(),
            amendments: vec![LabAmendment {
                old_validated_at: "2026-11-02T09:30:00Z".into(),
                ..LabAmendment::default()
            }],
            ..LabOrder::default()
        };
        let r = row_of(Uuid::nil(), &o);
        assert_eq!((r.priority, r.status), ("urgent", "validated"));
        assert_eq!((r.test_codes.as_str(), r.test_count), ("hb,k", 2));
        assert_eq!(
            r.ordered_at.map(|t| t.to_rfc3339()),
            Some("2026-11-02T05:00:00+00:00".into())
        );
        assert_eq!((r.collected_at, r.received_at), (None, None));
        assert_eq!(
            r.validated_at.map(|t| t.to_rfc3339()),
            Some("2026-11-02T09:30:00+00:00".into())
        );
    }

    #[test]
    fn a_never_validated_order_has_no_validation_time() {
        let r = row_of(Uuid::nil(), &LabOrder::default());
        assert_eq!(
            (r.validated_at, r.status, r.test_count),
            (None, "ordered", 0)
        );
    }
}
