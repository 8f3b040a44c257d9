//! Follow-up dates from encounters' plans: projected into `encounters.follow_up` (migration
//! 0015) and read for the in-app reminders.
use crate::error::{Context, Result};
use rusqlite::{params, Connection};

/// Writes an encounter's follow-up date into its projection row (called by the encounter
/// projection right after it writes the row).
pub(crate) fn project(conn: &Connection, id: &str, follow_up: &str) -> Result<()> {
    conn.prepare_cached("UPDATE encounters SET follow_up = ?2 WHERE id = ?1")
        .and_then(|mut s| s.execute(params![id, follow_up]))
        .context("updating the encounter list")?;
    Ok(())
}

/// One follow-up due: the encounter, its patient and clinician, the date.
pub(crate) struct Due {
    pub encounter_id: String,
    pub patient_id: String,
    pub clinician_id: String,
    pub follow_up: String,
    pub patient_name: String,
}

/// Follow-ups due on or before `today` (`YYYY-MM-DD`), newest date first: the patient's latest
/// encounter asks for one and no appointment (not cancelled or missed) was booked for a later day.
/// `clinician`: only that clinician's encounters.
pub(crate) fn due(conn: &Connection, today: &str, clinician: Option<&str>) -> Result<Vec<Due>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT e.id, e.patient_id, e.clinician_id, e.follow_up,
                coalesce(p.given_name || ' ' || p.family_name, '')
             FROM encounters e LEFT JOIN patients p ON p.id = e.patient_id
             WHERE e.follow_up <> '' AND e.follow_up <= ?1
               AND (?2 IS NULL OR e.clinician_id = ?2)
               AND coalesce(p.deleted, 0) = 0
               AND NOT EXISTS (SELECT 1 FROM encounters later
                   WHERE later.patient_id = e.patient_id AND later.started_at > e.started_at)
               AND NOT EXISTS (SELECT 1 FROM appointments a
                   WHERE a.patient_id = e.patient_id AND a.day > substr(e.started_at, 1, 10)
                     AND a.status IN ('booked', 'checked_in', 'with_clinician', 'done'))
             ORDER BY e.follow_up DESC, e.id LIMIT 200",
        )
        .context("reading follow-ups")?;
    let rows = stmt
        .query_map(params![today, clinician], |r| {
            Ok(Due {
                encounter_id: r.get(0)?,
                patient_id: r.get(1)?,
                clinician_id: r.get(2)?,
                follow_up: r.get(3)?,
                patient_name: r.get(4)?,
            })
        })
        .context("reading follow-ups")?;
    rows.map(|r| r.context("reading follow-ups")).collect()
}
