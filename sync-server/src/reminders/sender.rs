//! The sender loop: claim due messages, send each, record the outcome. Logs carry ids and error
//! codes only, never recipients or texts.
use super::config::RemindersConfig;
use super::outbox::{self, Claimed, Outcome};
use super::status::{self, Delivery};
use super::transport::{Sms, Smtp};
use clinic_domain::reminder::{MessageStatus, OutgoingMessage, ReminderChannel, MAX_ATTEMPTS};
use deadpool_postgres::Pool;
use std::time::Duration;
use uuid::Uuid;

const BATCH: i64 = 20;
const MAX_RETRY_SECONDS: f64 = 3600.0;

pub struct Sender {
    pool: Pool,
    owner: Uuid,
    smtp: Option<Smtp>,
    sms: Option<Sms>,
    retry_base: f64,
    poll: Duration,
}

impl Sender {
    pub fn new(pool: Pool, config: &RemindersConfig) -> anyhow::Result<Sender> {
        Ok(Sender {
            pool,
            owner: Uuid::new_v4(),
            smtp: config.smtp.as_ref().map(Smtp::new).transpose()?,
            sms: config.sms.as_ref().map(Sms::new).transpose()?,
            retry_base: config.retry_base_seconds as f64,
            poll: Duration::from_secs(config.poll_seconds.max(1)),
        })
    }

    fn channels(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.smtp.is_some() {
            out.push(ReminderChannel::Email.as_str());
        }
        if self.sms.is_some() {
            out.push(ReminderChannel::Sms.as_str());
        }
        out
    }

    /// Sends every due message once; returns how many were tried.
    pub async fn run_once(&self) -> anyhow::Result<usize> {
        let client = self.pool.get().await?;
        let claimed = outbox::claim(&client, self.owner, &self.channels(), BATCH).await?;
        drop(client);
        let n = claimed.len();
        for c in claimed {
            if let Err(e) = self.one(&c).await {
                tracing::warn!(message = %c.id, error = %e, "reminder not recorded");
                if let Ok(client) = self.pool.get().await {
                    let _ = outbox::release(&client, &c, self.owner).await;
                }
            }
        }
        Ok(n)
    }

    async fn load(&self, c: &Claimed) -> anyhow::Result<Option<OutgoingMessage>> {
        let client = self.pool.get().await?;
        let row = client
            .query_opt(
                "SELECT doc FROM records WHERE id = $1 AND clinic_id = $2",
                &[&c.id, &c.clinic_id],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let doc = automerge::AutoCommit::load(&row.get::<_, Vec<u8>>(0))?;
        Ok(autosurgeon::hydrate(&doc).ok())
    }

    async fn one(&self, c: &Claimed) -> anyhow::Result<()> {
        let Some(m) = self.load(c).await? else {
            let client = self.pool.get().await?;
            outbox::release(&client, c, self.owner).await?;
            return Ok(());
        };
        if m.status != MessageStatus::Queued {
            let client = self.pool.get().await?;
            outbox::release(&client, c, self.owner).await?;
            return Ok(());
        }
        let outcome = match (m.channel, &self.smtp, &self.sms) {
            (ReminderChannel::Email, Some(smtp), _) => smtp.send(&m).await,
            (ReminderChannel::Sms, _, Some(sms)) => sms.send(&m).await,
            _ => Outcome::Permanent {
                code: "no_channel".into(),
            },
        };
        let attempts = u32::try_from(c.attempts).unwrap_or(0).saturating_add(1);
        let final_failure = attempts >= MAX_ATTEMPTS;
        let retry =
            (self.retry_base * 2f64.powi(attempts as i32 - 1)).clamp(1.0, MAX_RETRY_SECONDS);
        match &outcome {
            Outcome::Sent { .. } => tracing::info!(message = %c.id, "reminder sent"),
            Outcome::Temporary { code } | Outcome::Permanent { code } => {
                tracing::warn!(message = %c.id, code = %code, attempts, "reminder not sent")
            }
        }
        let d = Delivery {
            outcome: &outcome,
            final_failure,
            retry_in_seconds: retry,
            now: chrono::Utc::now(),
        };
        status::record(&self.pool, c, self.owner, &d).await
    }
}

/// Runs the sender until the task is dropped: one round every `poll_seconds`.
pub async fn run(sender: Sender) {
    loop {
        match sender.run_once().await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "reminder round failed"),
        }
        tokio::time::sleep(sender.poll).await;
    }
}
