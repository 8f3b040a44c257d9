//! Departments, rooms, beds and room assignments (`clinic_domain::rooms`). Managed with
//! `schedule_manage`, seen with `appointment_view`; admitting and discharging need `bed_manage`.
//! Nothing is deleted: departments and rooms are deactivated, assignments cancelled, stays closed.
//! Each operation: authorize → validate → one write transaction (record, projection, audit).
mod assignments;
mod beds;
mod catalogue;
pub(crate) mod lists;
pub(crate) mod projection;
pub(crate) mod verify;

pub use lists::{AssignmentRow, BedOccupant, BedRow, DepartmentRow, RoomRow};

use crate::error::{Error, Result};
use crate::records::{self, WriteCtx};
use clinic_domain::{Actor, ChangeSource, RecordKind};
use rusqlite::Connection;
use uuid::Uuid;

fn ctx<'a>(actor: &'a Actor, action: &'a str, at: chrono::DateTime<chrono::Utc>) -> WriteCtx<'a> {
    WriteCtx {
        actor,
        action,
        source: ChangeSource::Ui,
        at,
    }
}

/// Loads and reads a record of `kind`; `what` names it in the not-found error.
fn load<T: autosurgeon::Hydrate>(
    conn: &Connection,
    kind: RecordKind,
    id: Uuid,
    device: Uuid,
    what: &'static str,
) -> Result<(records::Loaded, T)> {
    let loaded = records::load(conn, kind, id, device)?.ok_or(Error::NotFound { what })?;
    let value = records::hydrate(&loaded.doc)?;
    Ok((loaded, value))
}

/// The clinic's wall clock now (this PC's local time), as appointments use it.
fn local_now(store: &crate::store::Store) -> chrono::NaiveDateTime {
    store
        .clock()
        .now()
        .with_timezone(&chrono::Local)
        .naive_local()
}

/// The room clinician `clinician_id` is assigned at `now` (wall clock): the name to send the
/// patient to at call-in. `None` when no assignment covers that time.
pub(crate) fn assigned_room(
    conn: &Connection,
    clinician_id: &str,
    now: chrono::NaiveDateTime,
) -> Result<Option<String>> {
    let day = now.format("%Y-%m-%d").to_string();
    let time = now.format("%H:%M").to_string();
    Ok(lists::room_at(conn, clinician_id, &day, &time)?.map(|(_, name)| name))
}
