//! What the Rooms screen and the queue read, from the projections only: departments, rooms, the
//! bed list with occupants (double-occupied beds flagged), the day's room assignments with
//! conflicts flagged, and a clinician's room at a given time.
use crate::error::{Context, Result};
use clinic_domain::rooms::{RoomKind, Session};
use rusqlite::{Connection, OptionalExtension, Params, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DepartmentRow {
    pub id: String,
    pub name: String,
    pub active: bool,
    /// Active rooms in it.
    #[ts(type = "number")]
    pub rooms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoomRow {
    pub id: String,
    pub name: String,
    pub kind: RoomKind,
    pub department_id: String,
    /// Empty when the room is in no department.
    pub department_name: String,
    pub active: bool,
    /// Patients in the bed now (beds only; above 1 after a merge of two offline admissions).
    #[ts(type = "number")]
    pub occupants: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BedOccupant {
    pub stay_id: String,
    pub patient_id: String,
    pub patient_name: String,
    pub patient_number: String,
    pub admitted_at: String,
}

/// One bed with whoever is in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BedRow {
    pub room: RoomRow,
    pub occupants: Vec<BedOccupant>,
    /// Two or more patients in the bed (admitted on two PCs offline): someone must move one.
    pub double_occupied: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssignmentRow {
    pub id: String,
    pub room_id: String,
    pub room_name: String,
    pub clinician_id: String,
    pub clinician_name: String,
    pub day: String,
    pub session: Session,
    pub start: String,
    pub end: String,
    /// Another clinician is assigned the same room at an overlapping time.
    pub room_conflict: bool,
    /// The same clinician is assigned another room at an overlapping time.
    pub clinician_conflict: bool,
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    args: impl Params,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql).context("listing rooms")?;
    let rows = stmt.query_map(args, map).context("listing rooms")?;
    rows.map(|r| r.context("listing rooms")).collect()
}

pub(crate) fn departments(conn: &Connection) -> Result<Vec<DepartmentRow>> {
    collect(
        conn,
        "SELECT d.id, d.name, d.active,
            (SELECT count(*) FROM rooms r WHERE r.department_id = d.id AND r.active = 1)
         FROM departments d ORDER BY d.active DESC, d.name_key, d.id LIMIT 1000",
        [],
        |r| {
            Ok(DepartmentRow {
                id: r.get(0)?,
                name: r.get(1)?,
                active: r.get(2)?,
                rooms: r.get(3)?,
            })
        },
    )
}

const ROOM: &str = "SELECT r.id, r.name, r.kind, r.department_id, coalesce(d.name, ''), r.active,
    r.occupants FROM rooms r LEFT JOIN departments d ON d.id = r.department_id";

fn room_row(r: &Row<'_>) -> rusqlite::Result<RoomRow> {
    let kind: String = r.get(2)?;
    Ok(RoomRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: RoomKind::parse(&kind).unwrap_or_default(),
        department_id: r.get(3)?,
        department_name: r.get(4)?,
        active: r.get(5)?,
        occupants: r.get(6)?,
    })
}

pub(crate) fn rooms(conn: &Connection) -> Result<Vec<RoomRow>> {
    let sql = format!("{ROOM} ORDER BY r.active DESC, r.name_key, r.id LIMIT 5000");
    collect(conn, &sql, [], room_row)
}

pub(crate) fn room(conn: &Connection, id: &str) -> Result<Option<RoomRow>> {
    let sql = format!("{ROOM} WHERE r.id = ?1");
    Ok(collect(conn, &sql, [id], room_row)?.into_iter().next())
}

/// Active beds (and inactive ones still holding a patient), each with its open stays.
pub(crate) fn beds(conn: &Connection) -> Result<Vec<BedRow>> {
    let sql = format!(
        "{ROOM} WHERE r.kind = 'bed' AND (r.active = 1 OR r.occupants > 0)
         ORDER BY coalesce(d.name, ''), r.name_key, r.id LIMIT 5000"
    );
    let mut out = Vec::new();
    for room in collect(conn, &sql, [], room_row)? {
        let occupants = if room.occupants > 0 {
            occupants(conn, &room.id)?
        } else {
            Vec::new()
        };
        out.push(BedRow {
            double_occupied: occupants.len() > 1,
            room,
            occupants,
        });
    }
    Ok(out)
}

pub(crate) fn occupants(conn: &Connection, room_id: &str) -> Result<Vec<BedOccupant>> {
    collect(
        conn,
        "SELECT s.id, s.patient_id,
            coalesce(p.given_name || ' ' || p.family_name, ''), coalesce(p.number, ''), s.admitted_at
         FROM bed_stays s LEFT JOIN patients p ON p.id = s.patient_id
         WHERE s.room_id = ?1 AND s.discharged_at = '' ORDER BY s.admitted_at, s.id",
        [room_id],
        |r| {
            Ok(BedOccupant {
                stay_id: r.get(0)?,
                patient_id: r.get(1)?,
                patient_name: r.get(2)?,
                patient_number: r.get(3)?,
                admitted_at: r.get(4)?,
            })
        },
    )
}

/// The bed a patient is in now, if any (room id and name).
pub(crate) fn bed_of(conn: &Connection, patient_id: &str) -> Result<Option<(String, String)>> {
    conn.prepare_cached(
        "SELECT s.room_id, r.name FROM bed_stays s JOIN rooms r ON r.id = s.room_id
         WHERE s.patient_id = ?1 AND s.discharged_at = '' ORDER BY s.admitted_at LIMIT 1",
    )
    .and_then(|mut s| {
        s.query_row([patient_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
    })
    .context("reading the bed list")
}

/// Assignments of `day` that are not cancelled, by start and room; `room_id` narrows to one room.
pub(crate) fn assignments(
    conn: &Connection,
    day: &str,
    room_id: Option<&str>,
) -> Result<Vec<AssignmentRow>> {
    collect(
        conn,
        "SELECT a.id, a.room_id, coalesce(r.name, ''), a.clinician_id, coalesce(u.display_name, ''),
            a.day, a.session, a.start, a.end_at,
            EXISTS (SELECT 1 FROM room_assignments o WHERE o.room_id = a.room_id AND o.day = a.day
                AND o.cancelled = 0 AND o.id <> a.id AND o.start < a.end_at AND a.start < o.end_at),
            EXISTS (SELECT 1 FROM room_assignments o WHERE o.clinician_id = a.clinician_id
                AND o.day = a.day AND o.cancelled = 0 AND o.id <> a.id AND o.room_id <> a.room_id
                AND o.start < a.end_at AND a.start < o.end_at)
         FROM room_assignments a LEFT JOIN rooms r ON r.id = a.room_id
            LEFT JOIN users u ON u.id = a.clinician_id
         WHERE a.day = ?1 AND a.cancelled = 0 AND (?2 IS NULL OR a.room_id = ?2)
         ORDER BY a.start, r.name_key, a.id LIMIT 2000",
        rusqlite::params![day, room_id],
        |r| {
            let session: String = r.get(6)?;
            Ok(AssignmentRow {
                id: r.get(0)?,
                room_id: r.get(1)?,
                room_name: r.get(2)?,
                clinician_id: r.get(3)?,
                clinician_name: r.get(4)?,
                day: r.get(5)?,
                session: match session.as_str() {
                    "afternoon" => Session::Afternoon,
                    "evening" => Session::Evening,
                    "custom" => Session::Custom,
                    _ => Session::Morning,
                },
                start: r.get(7)?,
                end: r.get(8)?,
                room_conflict: r.get(9)?,
                clinician_conflict: r.get(10)?,
            })
        },
    )
}

/// Who else holds `room_id` on `day` between `start` and `end` (the first one found).
pub(crate) fn room_taken(
    conn: &Connection,
    room_id: &str,
    day: &str,
    start: &str,
    end: &str,
) -> Result<Option<String>> {
    conn.prepare_cached(
        "SELECT coalesce(u.display_name, a.clinician_id) FROM room_assignments a
            LEFT JOIN users u ON u.id = a.clinician_id
         WHERE a.room_id = ?1 AND a.day = ?2 AND a.cancelled = 0 AND a.start < ?4 AND ?3 < a.end_at
         ORDER BY a.start LIMIT 1",
    )
    .and_then(|mut s| {
        s.query_row([room_id, day, start, end], |r| r.get(0))
            .optional()
    })
    .context("reading the room assignments")
}

/// The room a clinician is assigned at `day` `time` (`HH:MM`): its name, for the queue.
pub(crate) fn room_at(
    conn: &Connection,
    clinician_id: &str,
    day: &str,
    time: &str,
) -> Result<Option<(String, String)>> {
    conn.prepare_cached(
        "SELECT a.room_id, r.name FROM room_assignments a JOIN rooms r ON r.id = a.room_id
         WHERE a.clinician_id = ?1 AND a.day = ?2 AND a.cancelled = 0
            AND a.start <= ?3 AND ?3 < a.end_at
         ORDER BY a.start DESC, a.id LIMIT 1",
    )
    .and_then(|mut s| {
        s.query_row([clinician_id, day, time], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
    })
    .context("reading the room assignments")
}
