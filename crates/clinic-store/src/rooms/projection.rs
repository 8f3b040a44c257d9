//! The `departments`, `rooms`, `bed_stays` and `room_assignments` projections, rewritten in the
//! same transaction as their document (and from the merged document after a sync).
use crate::error::{Context, Result};
use clinic_domain::rooms::{Department, Room, RoomAssignment};
use clinic_domain::text::fold;
use rusqlite::{params, Transaction};
use uuid::Uuid;

pub(crate) fn write_department(
    tx: &Transaction<'_>,
    id: Uuid,
    d: &Department,
    at: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO departments (id, name, name_key, active, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
            active = excluded.active, updated_at = excluded.updated_at",
    )
    .and_then(|mut s| s.execute(params![id.to_string(), d.name, fold(&d.name), d.active, at]))
    .context("updating the departments")?;
    Ok(())
}

/// The room row and every stay of the room (beds only have stays).
pub(crate) fn write_room(tx: &Transaction<'_>, id: Uuid, r: &Room, at: &str) -> Result<()> {
    let key = id.to_string();
    tx.prepare_cached(
        "INSERT INTO rooms (id, name, name_key, kind, department_id, active, occupants, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
            kind = excluded.kind, department_id = excluded.department_id,
            active = excluded.active, occupants = excluded.occupants,
            updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            key,
            r.name,
            fold(&r.name),
            r.kind.as_str(),
            r.department_id,
            r.active,
            r.occupants().count() as i64,
            at
        ])
    })
    .context("updating the rooms")?;
    tx.prepare_cached("DELETE FROM bed_stays WHERE room_id = ?1")
        .and_then(|mut s| s.execute([&key]))
        .context("updating the bed list")?;
    let mut insert = tx
        .prepare_cached(
            "INSERT OR REPLACE INTO bed_stays (id, room_id, patient_id, admitted_at, discharged_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .context("updating the bed list")?;
    for s in &r.stays {
        insert
            .execute(params![
                s.id,
                key,
                s.patient_id,
                s.admitted_at,
                s.discharged_at
            ])
            .context("updating the bed list")?;
    }
    Ok(())
}

pub(crate) fn write_assignment(
    tx: &Transaction<'_>,
    id: Uuid,
    a: &RoomAssignment,
    at: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO room_assignments (id, room_id, clinician_id, day, session, start, end_at,
            cancelled, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET room_id = excluded.room_id,
            clinician_id = excluded.clinician_id, day = excluded.day, session = excluded.session,
            start = excluded.start, end_at = excluded.end_at, cancelled = excluded.cancelled,
            updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            id.to_string(),
            a.room_id,
            a.clinician_id,
            a.day,
            a.session.as_str(),
            a.start,
            a.end,
            a.cancelled,
            at
        ])
    })
    .context("updating the room assignments")?;
    Ok(())
}
