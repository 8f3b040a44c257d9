//! The `appointments` projection: one row per appointment document, rewritten in the same
//! transaction as the document. The queue, the calendars and the overlap check read it only.
use crate::error::{Context, Result};
use crate::patients::projection::Patients;
use clinic_domain::appointment::{
    Appointment, AppointmentKind, AppointmentStatus, AppointmentSummary, MAX_DURATION_MINUTES,
    START_FORMAT,
};
use rusqlite::{Connection, Row};
use sea_query::{
    Expr, ExprTrait, Iden, OnConflict, Order, Query, SelectStatement, SqliteQueryBuilder,
};
use sea_query_rusqlite::RusqliteBinder;
use uuid::Uuid;

#[derive(Iden, Clone, Copy)]
pub(crate) enum Appointments {
    Table,
    Id,
    PatientId,
    ClinicianId,
    Start,
    EndAt,
    Day,
    DurationMinutes,
    Reason,
    Kind,
    Status,
    Active,
    Room,
    QueueToken,
    CheckedInAt,
    UpdatedAt,
}

#[derive(Iden, Clone, Copy)]
enum Users {
    Table,
    Id,
    DisplayName,
}

const COLUMNS: [Appointments; 15] = [
    Appointments::Id,
    Appointments::PatientId,
    Appointments::ClinicianId,
    Appointments::Start,
    Appointments::EndAt,
    Appointments::Day,
    Appointments::DurationMinutes,
    Appointments::Reason,
    Appointments::Kind,
    Appointments::Status,
    Appointments::Active,
    Appointments::Room,
    Appointments::QueueToken,
    Appointments::CheckedInAt,
    Appointments::UpdatedAt,
];

/// Writes the row of one appointment document.
pub(crate) fn write(conn: &Connection, id: Uuid, a: &Appointment, at: &str) -> Result<()> {
    let day: String = a.start.chars().take(10).collect();
    let (sql, values) = Query::insert()
        .into_table(Appointments::Table)
        .columns(COLUMNS)
        .values_panic([
            id.to_string().into(),
            a.patient_id.clone().into(),
            a.clinician_id.clone().into(),
            a.start.clone().into(),
            a.end().into(),
            day.into(),
            i64::from(a.duration_minutes).into(),
            a.reason.clone().into(),
            a.kind.as_str().into(),
            a.status.as_str().into(),
            a.status.is_active().into(),
            a.room.clone().into(),
            a.queue_token.clone().into(),
            a.checked_in_at.clone().into(),
            at.into(),
        ])
        .on_conflict(
            OnConflict::column(Appointments::Id)
                .update_columns(COLUMNS[1..].iter().copied())
                .to_owned(),
        )
        .build_rusqlite(SqliteQueryBuilder);
    conn.prepare_cached(&sql)
        .and_then(|mut st| st.execute(&*values.as_params()))
        .context("updating the appointment list")?;
    Ok(())
}

/// Whose time an overlap is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    Clinician,
    Patient,
}

/// Active booked appointments of `who_id` overlapping `[start, end)`, except `exclude`. Bounded
/// on both sides of the index on (who, start): an overlapping appointment starts before `end` and
/// at most the longest duration before `start`.
pub(crate) fn overlap_query(
    who: Who,
    who_id: &str,
    start: &str,
    end: &str,
    exclude: Uuid,
) -> SelectStatement {
    let column = match who {
        Who::Clinician => Appointments::ClinicianId,
        Who::Patient => Appointments::PatientId,
    };
    let earliest = clinic_domain::appointment::parse_start(start)
        .and_then(|s| {
            s.checked_sub_signed(chrono::Duration::minutes(i64::from(MAX_DURATION_MINUTES)))
        })
        .map(|s| s.format(START_FORMAT).to_string())
        .unwrap_or_default();
    Query::select()
        .columns([Appointments::Id, Appointments::Start, Appointments::EndAt])
        .from(Appointments::Table)
        .and_where(Expr::col(column).eq(who_id))
        .and_where(Expr::col(Appointments::Start).gte(earliest))
        .and_where(Expr::col(Appointments::Start).lt(end))
        .and_where(Expr::col(Appointments::EndAt).gt(start))
        .and_where(Expr::col(Appointments::Active).eq(true))
        .and_where(Expr::col(Appointments::Kind).eq(AppointmentKind::Booked.as_str()))
        .and_where(Expr::col(Appointments::Id).ne(exclude.to_string()))
        .order_by(Appointments::Start, Order::Asc)
        .to_owned()
}

/// One overlapping appointment: id, start, end.
pub(crate) type Overlap = (String, String, String);

pub(crate) fn overlapping(
    conn: &Connection,
    who: Who,
    who_id: &str,
    start: &str,
    end: &str,
    exclude: Uuid,
) -> Result<Vec<Overlap>> {
    let (sql, values) =
        overlap_query(who, who_id, start, end, exclude).build_rusqlite(SqliteQueryBuilder);
    let mut stmt = conn.prepare_cached(&sql).context("checking the calendar")?;
    let rows = stmt
        .query_map(&*values.as_params(), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .context("checking the calendar")?;
    rows.collect::<std::result::Result<_, _>>()
        .context("checking the calendar")
}

/// Summaries with the patient's and the clinician's names joined in.
fn select_summaries() -> SelectStatement {
    use Appointments as A;
    Query::select()
        .columns(
            [
                A::Id,
                A::PatientId,
                A::ClinicianId,
                A::Start,
                A::EndAt,
                A::DurationMinutes,
                A::Reason,
                A::Kind,
                A::Status,
                A::Room,
                A::QueueToken,
                A::CheckedInAt,
            ]
            .map(|c| (A::Table, c)),
        )
        .columns([
            (Patients::Table, Patients::Number),
            (Patients::Table, Patients::GivenName),
            (Patients::Table, Patients::FamilyName),
        ])
        .column((Users::Table, Users::DisplayName))
        .from(A::Table)
        .left_join(
            Patients::Table,
            Expr::col((Patients::Table, Patients::Id)).equals((A::Table, A::PatientId)),
        )
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id)).equals((A::Table, A::ClinicianId)),
        )
        .to_owned()
}

fn read_summary(r: &Row<'_>) -> rusqlite::Result<AppointmentSummary> {
    let text = |i: usize| -> rusqlite::Result<String> {
        Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
    };
    let kind = text(7)?;
    let status = text(8)?;
    let name = format!("{} {}", text(13)?, text(14)?).trim().to_string();
    Ok(AppointmentSummary {
        id: text(0)?,
        patient_id: text(1)?,
        clinician_id: text(2)?,
        start: text(3)?,
        end: text(4)?,
        duration_minutes: r.get::<_, i64>(5)?.clamp(0, i64::from(u32::MAX)) as u32,
        reason: text(6)?,
        kind: AppointmentKind::parse(&kind).unwrap_or_default(),
        status: AppointmentStatus::parse(&status).unwrap_or_default(),
        room: text(9)?,
        queue_token: text(10)?,
        checked_in_at: text(11)?,
        patient_number: text(12)?,
        patient_name: name,
        clinician_name: text(15)?,
    })
}

fn query(conn: &Connection, q: &SelectStatement) -> Result<Vec<AppointmentSummary>> {
    let (sql, values) = q.build_rusqlite(SqliteQueryBuilder);
    let mut stmt = conn
        .prepare_cached(&sql)
        .context("reading the appointments")?;
    let rows = stmt
        .query_map(&*values.as_params(), read_summary)
        .context("reading the appointments")?;
    rows.collect::<std::result::Result<_, _>>()
        .context("reading the appointments")
}

/// The day's queue: checked-in visits first, in check-in order (then token), then the booked
/// ones by start; cancelled ones are left out.
pub(crate) fn day_queue_query(day: &str) -> SelectStatement {
    use Appointments as A;
    let mut q = select_summaries();
    q.and_where(Expr::col((A::Table, A::Day)).eq(day))
        .and_where(Expr::col((A::Table, A::Status)).ne(AppointmentStatus::Cancelled.as_str()))
        .order_by_expr(Expr::col((A::Table, A::CheckedInAt)).eq(""), Order::Asc)
        .order_by((A::Table, A::CheckedInAt), Order::Asc)
        .order_by((A::Table, A::QueueToken), Order::Asc)
        .order_by((A::Table, A::Start), Order::Asc);
    q
}

pub(crate) fn day_queue(conn: &Connection, day: &str) -> Result<Vec<AppointmentSummary>> {
    query(conn, &day_queue_query(day))
}

/// A clinician's appointments starting in `[from, to)` (`YYYY-MM-DD` days), by start.
pub(crate) fn calendar_query(clinician_id: &str, from: &str, to: &str) -> SelectStatement {
    use Appointments as A;
    let mut q = select_summaries();
    q.and_where(Expr::col((A::Table, A::ClinicianId)).eq(clinician_id))
        .and_where(Expr::col((A::Table, A::Start)).gte(from))
        .and_where(Expr::col((A::Table, A::Start)).lt(to))
        .order_by((A::Table, A::Start), Order::Asc);
    q
}

pub(crate) fn calendar(
    conn: &Connection,
    clinician_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<AppointmentSummary>> {
    query(conn, &calendar_query(clinician_id, from, to))
}

pub(crate) fn summaries_of(conn: &Connection, ids: &[String]) -> Result<Vec<AppointmentSummary>> {
    use Appointments as A;
    let mut q = select_summaries();
    q.and_where(Expr::col((A::Table, A::Id)).is_in(ids.iter().cloned()))
        .order_by((A::Table, A::Start), Order::Asc);
    query(conn, &q)
}

/// `verify`: every appointment document agrees with its row (who, when, status, token), and no
/// row is without a document. Returns how many documents were checked.
pub(crate) fn verify(conn: &Connection, device: Uuid, problems: &mut Vec<String>) -> Result<usize> {
    use clinic_domain::RecordKind;
    use rusqlite::OptionalExtension;
    let ids = crate::records::ids(conn, RecordKind::Appointment)?;
    for id in &ids {
        let doc = crate::records::load(conn, RecordKind::Appointment, *id, device)?;
        let a: Option<Appointment> = doc.and_then(|l| crate::records::hydrate(&l.doc).ok());
        let want = a.map(|a| {
            let end = a.end();
            [
                a.patient_id,
                a.clinician_id,
                a.start,
                end,
                a.status.as_str().to_string(),
                a.queue_token,
            ]
        });
        let row: Option<[String; 6]> = conn
            .prepare_cached(
                "SELECT patient_id, clinician_id, start, end_at, status, queue_token
                 FROM appointments WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id.to_string()], |r| {
                    Ok([
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ])
                })
                .optional()
            })
            .context("reading the appointments")?;
        if want.is_none() || want != row {
            problems.push(format!(
                "appointment {id}: the appointment list disagrees with the appointment's document"
            ));
        }
    }
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM appointments WHERE id NOT IN (SELECT id FROM records WHERE kind = 'appointment')",
            [],
            |r| r.get(0),
        )
        .context("checking projections")?;
    if orphans > 0 {
        problems.push(format!("{orphans} appointment list rows have no document"));
    }
    Ok(ids.len())
}
