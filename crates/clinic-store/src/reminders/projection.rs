//! The `outgoing_messages` projection: one row per message document, rewritten with the document
//! (and from the merged document when the server's delivery status arrives by sync).
use crate::error::{Context, Result};
use clinic_domain::reminder::{
    MessageStatus, OutgoingMessage, OutgoingMessageSummary, ReminderChannel,
};
use rusqlite::{params, Connection, Row, Transaction};
use uuid::Uuid;

pub(crate) fn write(tx: &Transaction<'_>, id: Uuid, m: &OutgoingMessage, at: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO outgoing_messages (id, patient_id, appointment_id, channel, status, send_at,
            attempts, last_error, sent_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET patient_id = excluded.patient_id,
            appointment_id = excluded.appointment_id, channel = excluded.channel,
            status = excluded.status, send_at = excluded.send_at, attempts = excluded.attempts,
            last_error = excluded.last_error, sent_at = excluded.sent_at,
            created_at = excluded.created_at, updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            id.to_string(),
            m.patient_id,
            m.appointment_id,
            m.channel.as_str(),
            m.status.as_str(),
            m.send_at,
            m.attempts,
            m.last_error,
            m.sent_at,
            m.created_at,
            at
        ])
    })
    .context("updating the outgoing messages")?;
    Ok(())
}

const SELECT: &str = "SELECT id, patient_id, appointment_id, channel, status, send_at, attempts,
    last_error, sent_at FROM outgoing_messages";

fn summary(r: &Row<'_>) -> rusqlite::Result<OutgoingMessageSummary> {
    let channel: String = r.get(3)?;
    let status: String = r.get(4)?;
    Ok(OutgoingMessageSummary {
        id: r.get(0)?,
        patient_id: r.get(1)?,
        appointment_id: r.get(2)?,
        channel: ReminderChannel::parse(&channel).unwrap_or_default(),
        status: MessageStatus::parse(&status).unwrap_or_default(),
        send_at: r.get(5)?,
        attempts: r.get(6)?,
        last_error: r.get(7)?,
        sent_at: r.get(8)?,
    })
}

fn query(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<OutgoingMessageSummary>> {
    let mut stmt = conn.prepare_cached(sql).context("listing messages")?;
    let rows = stmt.query_map(args, summary).context("listing messages")?;
    rows.map(|r| r.context("listing messages")).collect()
}

/// An appointment's messages, newest first.
pub(crate) fn of_appointment(conn: &Connection, id: &str) -> Result<Vec<OutgoingMessageSummary>> {
    let sql = format!("{SELECT} WHERE appointment_id = ?1 ORDER BY created_at DESC, id");
    query(conn, &sql, [id])
}

/// An appointment's messages still waiting to go out.
pub(crate) fn queued_of_appointment(conn: &Connection, id: &str) -> Result<Vec<String>> {
    let sql = format!("{SELECT} WHERE appointment_id = ?1 AND status = 'queued'");
    Ok(query(conn, &sql, [id])?.into_iter().map(|m| m.id).collect())
}

/// Messages in `status`, by send time (newest first), at most `limit`.
pub(crate) fn with_status(
    conn: &Connection,
    status: MessageStatus,
    limit: u32,
) -> Result<Vec<OutgoingMessageSummary>> {
    let sql = format!("{SELECT} WHERE status = ?1 ORDER BY send_at DESC LIMIT ?2");
    query(conn, &sql, params![status.as_str(), limit])
}

/// `verify`: every message document against its row.
pub(crate) fn verify(conn: &Connection, device: Uuid, problems: &mut Vec<String>) -> Result<usize> {
    use clinic_domain::RecordKind;
    let ids = crate::records::ids(conn, RecordKind::OutgoingMessage)?;
    for id in &ids {
        let doc = crate::records::load(conn, RecordKind::OutgoingMessage, *id, device)?;
        let want = doc
            .and_then(|l| crate::records::hydrate::<OutgoingMessage>(&l.doc).ok())
            .map(|m| (m.appointment_id, m.status, m.send_at, m.attempts));
        let sql = format!("{SELECT} WHERE id = ?1");
        let have = query(conn, &sql, [id.to_string()])?
            .into_iter()
            .next()
            .map(|r| (r.appointment_id, r.status, r.send_at, r.attempts));
        if want.is_none() || want != have {
            problems.push(format!(
                "outgoing message {id}: the message list disagrees with the message's document"
            ));
        }
    }
    Ok(ids.len())
}

/// One message row.
pub(crate) fn of_id(conn: &Connection, id: &str) -> Result<Option<OutgoingMessageSummary>> {
    let sql = format!("{SELECT} WHERE id = ?1");
    Ok(query(conn, &sql, [id])?.into_iter().next())
}
