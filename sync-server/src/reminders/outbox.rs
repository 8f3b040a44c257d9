//! The central `outbox` table: rows projected from merged message documents in the push
//! transaction, and the sender's claims (a lease, so two instances or a restart never send the
//! same message twice in normal operation) and outcomes.
use chrono::{DateTime, Utc};
use clinic_domain::reminder::OutgoingMessage;
use deadpool_postgres::{GenericClient, Transaction};
use uuid::Uuid;

/// How long a claim holds a message: longer than one send can take.
pub const LEASE_SECONDS: f64 = 120.0;

#[derive(Default)]
pub struct OutboxRows {
    rows: Vec<(Uuid, OutgoingMessage)>,
}

impl OutboxRows {
    pub fn add(&mut self, id: Uuid, m: OutgoingMessage) {
        self.rows.push((id, m));
    }

    /// Upserts the projected columns; the sender's own columns are kept.
    pub async fn write(
        &self,
        tx: &Transaction<'_>,
        clinic_id: Uuid,
    ) -> Result<(), tokio_postgres::Error> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let ids: Vec<Uuid> = self.rows.iter().map(|(id, _)| *id).collect();
        let channels: Vec<&str> = self.rows.iter().map(|(_, m)| m.channel.as_str()).collect();
        let status: Vec<&str> = self.rows.iter().map(|(_, m)| m.status.as_str()).collect();
        let send_at: Vec<Option<DateTime<Utc>>> = self
            .rows
            .iter()
            .map(|(_, m)| {
                DateTime::parse_from_rfc3339(&m.send_at)
                    .ok()
                    .map(|t| t.with_timezone(&Utc))
            })
            .collect();
        write_rows(tx, clinic_id, &ids, &channels, &status, &send_at).await
    }
}

pub async fn write_rows(
    tx: &impl GenericClient,
    clinic_id: Uuid,
    ids: &[Uuid],
    channels: &[&str],
    status: &[&str],
    send_at: &[Option<DateTime<Utc>>],
) -> Result<(), tokio_postgres::Error> {
    let stmt = tx
        .prepare_cached(
            "INSERT INTO outbox (clinic_id, id, channel, status, send_at)
             SELECT $1, * FROM UNNEST($2::uuid[], $3::text[], $4::text[], $5::timestamptz[])
             ON CONFLICT (clinic_id, id) DO UPDATE SET channel = EXCLUDED.channel,
                status = EXCLUDED.status, send_at = EXCLUDED.send_at, updated_at = now()",
        )
        .await?;
    tx.execute(&stmt, &[&clinic_id, &ids, &channels, &status, &send_at])
        .await?;
    Ok(())
}

/// A message the sender holds.
pub struct Claimed {
    pub clinic_id: Uuid,
    pub id: Uuid,
    pub attempts: i32,
}

/// Claims up to `limit` due messages of `channels` for `owner`, skipping rows another instance
/// is claiming at the same moment.
pub async fn claim(
    client: &impl GenericClient,
    owner: Uuid,
    channels: &[&str],
    limit: i64,
) -> Result<Vec<Claimed>, tokio_postgres::Error> {
    let rows = client
        .query(
            "UPDATE outbox o SET lease_owner = $1,
                lease_until = now() + make_interval(secs => $4)
             FROM (SELECT clinic_id, id FROM outbox
                   WHERE status = 'queued' AND outcome = '' AND next_attempt_at <= now()
                     AND send_at IS NOT NULL AND send_at <= now() AND channel = ANY($2)
                     AND (lease_until IS NULL OR lease_until < now())
                   ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
             WHERE o.clinic_id = due.clinic_id AND o.id = due.id
             RETURNING o.clinic_id, o.id, o.attempts",
            &[&owner, &channels, &limit, &LEASE_SECONDS],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| Claimed {
            clinic_id: r.get(0),
            id: r.get(1),
            attempts: r.get(2),
        })
        .collect())
}

/// What one try gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent {
        provider_id: String,
    },
    /// Try again later (SMTP 4xx, gateway 5xx, timeouts, connection refused).
    Temporary {
        code: String,
    },
    /// Never going to work (SMTP 5xx, gateway 4xx, bad address).
    Permanent {
        code: String,
    },
}

/// Records a try on the claimed row (inside the status transaction) and releases the lease.
pub async fn finish(
    tx: &Transaction<'_>,
    c: &Claimed,
    owner: Uuid,
    outcome: &Outcome,
    final_failure: bool,
    retry_in_seconds: f64,
) -> Result<(), tokio_postgres::Error> {
    let (done, error, provider): (&str, &str, &str) = match outcome {
        Outcome::Sent { provider_id } => ("sent", "", provider_id),
        Outcome::Temporary { code } if final_failure => ("failed", code, ""),
        Outcome::Temporary { code } => ("", code, ""),
        Outcome::Permanent { code } => ("failed", code, ""),
    };
    tx.execute(
        "UPDATE outbox SET attempts = attempts + 1, outcome = $4, last_error = $5,
            provider_id = $6, lease_owner = NULL, lease_until = NULL,
            sent_at = CASE WHEN $4 = 'sent' THEN now() ELSE sent_at END,
            next_attempt_at = now() + make_interval(secs => $7), updated_at = now()
         WHERE clinic_id = $1 AND id = $2 AND lease_owner = $3",
        &[
            &c.clinic_id,
            &c.id,
            &owner,
            &done,
            &error,
            &provider,
            &retry_in_seconds,
        ],
    )
    .await?;
    Ok(())
}

/// Lets go of a claim without a try (the message was cancelled meanwhile, or is unreadable).
pub async fn release(
    client: &impl GenericClient,
    c: &Claimed,
    owner: Uuid,
) -> Result<(), tokio_postgres::Error> {
    client
        .execute(
            "UPDATE outbox SET lease_owner = NULL, lease_until = NULL,
                next_attempt_at = now() + interval '1 minute'
             WHERE clinic_id = $1 AND id = $2 AND lease_owner = $3",
            &[&c.clinic_id, &c.id, &owner],
        )
        .await?;
    Ok(())
}
