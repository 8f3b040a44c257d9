//! `verify`: every department, room (with its stays) and room assignment document against its
//! projection rows. Problems name records, never values.
use crate::error::{Context, Result};
use crate::records;
use clinic_domain::rooms::{Department, Room, RoomAssignment};
use clinic_domain::RecordKind;
use rusqlite::{Connection, OptionalExtension, Params};
use uuid::Uuid;

fn row(conn: &Connection, sql: &str, args: impl Params) -> Result<Option<String>> {
    conn.prepare_cached(sql)
        .and_then(|mut s| s.query_row(args, |r| r.get(0)).optional())
        .context("reading the rooms")
}

fn check<T: autosurgeon::Hydrate>(
    conn: &Connection,
    device: Uuid,
    kind: RecordKind,
    expected: impl Fn(&T) -> String,
    stored: impl Fn(&Connection, &str) -> Result<Option<String>>,
    problems: &mut Vec<String>,
) -> Result<usize> {
    let ids = records::ids(conn, kind)?;
    for id in &ids {
        let want = records::load(conn, kind, *id, device)?
            .and_then(|l| records::hydrate::<T>(&l.doc).ok())
            .map(|v| expected(&v));
        let have = stored(conn, &id.to_string())?;
        if want.is_none() || want != have {
            problems.push(format!(
                "{} {id}: the list disagrees with the document",
                kind.as_str()
            ));
        }
    }
    Ok(ids.len())
}

pub(crate) fn verify(conn: &Connection, device: Uuid, problems: &mut Vec<String>) -> Result<usize> {
    let mut n = check::<Department>(
        conn,
        device,
        RecordKind::Department,
        |d| format!("{}|{}", d.name, d.active as i64),
        |c, id| {
            row(
                c,
                "SELECT name || '|' || active FROM departments WHERE id = ?1",
                [id],
            )
        },
        problems,
    )?;
    n += check::<Room>(
        conn,
        device,
        RecordKind::Room,
        |r| {
            let mut stays: Vec<String> = r
                .stays
                .iter()
                .map(|s| {
                    format!(
                        "{},{},{},{}",
                        s.id, s.patient_id, s.admitted_at, s.discharged_at
                    )
                })
                .collect();
            stays.sort();
            format!(
                "{}|{}|{}|{}|{}|{}",
                r.name,
                r.kind.as_str(),
                r.department_id,
                r.active as i64,
                r.occupants().count(),
                stays.join(";")
            )
        },
        |c, id| {
            row(
                c,
                "SELECT name || '|' || kind || '|' || department_id || '|' || active || '|' ||
                    occupants || '|' || coalesce((SELECT group_concat(x, ';') FROM (SELECT
                    id || ',' || patient_id || ',' || admitted_at || ',' || discharged_at AS x
                    FROM bed_stays WHERE room_id = ?1 ORDER BY x)), '')
                 FROM rooms WHERE id = ?1",
                [id],
            )
        },
        problems,
    )?;
    n += check::<RoomAssignment>(
        conn,
        device,
        RecordKind::RoomAssignment,
        |a| {
            format!(
                "{}|{}|{}|{}|{}|{}|{}",
                a.room_id,
                a.clinician_id,
                a.day,
                a.session.as_str(),
                a.start,
                a.end,
                a.cancelled as i64
            )
        },
        |c, id| {
            row(
                c,
                "SELECT room_id || '|' || clinician_id || '|' || day || '|' || session || '|' ||
                    start || '|' || end_at || '|' || cancelled FROM room_assignments WHERE id = ?1",
                [id],
            )
        },
        problems,
    )?;
    Ok(n)
}
