//! Delivery status back to the clinic: the server authors an Automerge change on the message's
//! own document (status, attempts, error code, provider id, sent time) with its own actor, and
//! stores it like a pushed change, under the clinic's next sequence. PCs pull it on their next
//! sync and project it like any other change. One transaction with the outbox row.
use super::outbox::{self, Claimed, Outcome};
use automerge::transaction::CommitOptions;
use automerge::{ActorId, AutoCommit};
use chrono::{DateTime, Utc};
use clinic_domain::reminder::{MessageStatus, OutgoingMessage, DELIVERY_ACTION};
use clinic_domain::{ChangeMeta, RecordKind};
use deadpool_postgres::Pool;
use uuid::Uuid;

/// The server's Automerge actor and the device id its changes are stored under (no PC has it,
/// so every PC pulls them).
pub const SERVER_ACTOR: Uuid = Uuid::from_u128(0x636c_696e_6963_0000_8000_7365_7276_6572);

/// What a try changes in the document.
pub struct Delivery<'a> {
    pub outcome: &'a Outcome,
    pub final_failure: bool,
    pub retry_in_seconds: f64,
    pub now: DateTime<Utc>,
}

fn apply(m: &mut OutgoingMessage, d: &Delivery<'_>) {
    m.attempts = m.attempts.saturating_add(1);
    match d.outcome {
        Outcome::Sent { provider_id } => {
            m.status = MessageStatus::Sent;
            m.provider_message_id = provider_id.clone();
            m.sent_at = d.now.to_rfc3339();
            m.last_error = String::new();
        }
        Outcome::Temporary { code } => {
            m.last_error = code.clone();
            if d.final_failure {
                m.status = MessageStatus::Failed;
            }
        }
        Outcome::Permanent { code } => {
            m.last_error = code.clone();
            m.status = MessageStatus::Failed;
        }
    }
}

/// Writes the try into the document (a server change) and the outbox row, in one transaction.
pub async fn record(pool: &Pool, c: &Claimed, owner: Uuid, d: &Delivery<'_>) -> anyhow::Result<()> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let head: i64 = tx
        .query_one(
            "SELECT head_seq FROM clinics WHERE id = $1 FOR UPDATE",
            &[&c.clinic_id],
        )
        .await?
        .get(0);
    let row = tx
        .query_opt(
            "SELECT doc FROM records WHERE id = $1 AND clinic_id = $2 AND kind = $3 FOR UPDATE",
            &[&c.id, &c.clinic_id, &RecordKind::OutgoingMessage.as_str()],
        )
        .await?;
    let Some(row) = row else {
        anyhow::bail!("the message's document is gone");
    };
    let mut doc = AutoCommit::load(&row.get::<_, Vec<u8>>(0))?;
    doc.set_actor(ActorId::from(SERVER_ACTOR.as_bytes().as_slice()));
    let mut m: OutgoingMessage = autosurgeon::hydrate(&doc)?;
    apply(&mut m, d);
    autosurgeon::reconcile(&mut doc, &m)?;
    let meta = ChangeMeta {
        user_id: Uuid::nil(),
        username: "sync-server".into(),
        device_id: SERVER_ACTOR,
        action: DELIVERY_ACTION.into(),
        fields: vec!["status".into(), "attempts".into(), "last_error".into()],
    };
    doc.commit_with(
        CommitOptions::default()
            .with_message(meta.to_message())
            .with_time(d.now.timestamp_millis()),
    );
    let change = doc
        .get_last_local_change()
        .ok_or_else(|| anyhow::anyhow!("no change was made"))?
        .clone();
    let seq = head + 1;
    tx.execute(
        "INSERT INTO changes (clinic_id, device_id, seq, hash, record_id, kind, bytes, applied)
         VALUES ($1, $2, $3, $4, $5, $6, $7, true)",
        &[
            &c.clinic_id,
            &SERVER_ACTOR,
            &seq,
            &change.hash().0.to_vec(),
            &c.id,
            &RecordKind::OutgoingMessage.as_str(),
            &change.raw_bytes().to_vec(),
        ],
    )
    .await?;
    tx.execute(
        "UPDATE records SET doc = $2, updated_at = now() WHERE id = $1",
        &[&c.id, &doc.save()],
    )
    .await?;
    tx.execute(
        "UPDATE clinics SET head_seq = $2 WHERE id = $1",
        &[&c.clinic_id, &seq],
    )
    .await?;
    let send_at = DateTime::parse_from_rfc3339(&m.send_at)
        .ok()
        .map(|t| t.with_timezone(&Utc));
    outbox::write_rows(
        &tx,
        c.clinic_id,
        &[c.id],
        &[m.channel.as_str()],
        &[m.status.as_str()],
        &[send_at],
    )
    .await?;
    outbox::finish(
        &tx,
        c,
        owner,
        d.outcome,
        d.final_failure,
        d.retry_in_seconds,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
