//! `clinic-bench appointments`: booking with its conflict check in a store that already holds
//! many appointments, against a plain-SQLite baseline (the same rows, the same indexes, one
//! overlap query per person and an insert) measured in the same run.
//!
//! Bulk path (documented in docs/BENCHMARKS.md): the background appointments are written straight
//! into the store's `appointments` projection through a raw keyed connection, with no Automerge
//! documents, and the clinicians straight into the `users` projection. The booking path reads only
//! these projections (the overlap check, the clinician's role), so they are what the measured
//! bookings see. Every measured booking goes through the whole `Store::book_appointment`:
//! permission, validation, checks, document, change log, projection and audit.
use crate::clinic::new_clinic;
use crate::plain::{checkpoint, open_plain, open_raw_store};
use crate::stats::Stats;
use crate::BenchResult;
use clinic_domain::appointment::AppointmentInput;
use clinic_domain::patient::{PatientInput, Sex};
use clinic_domain::ChangeSource;
use rusqlite::{params, Connection};
use std::time::Instant;
use uuid::Uuid;

pub const GOAL_BOOK_P95_MS: f64 = 20.0;
const CLINICIANS: usize = 200;
/// Background slots per clinician and day: 30 minutes each from 08:00; the afternoon after them
/// stays free for the measured bookings.
const SLOTS_PER_DAY: usize = 14;

pub struct AppointmentsConfig {
    pub appointments: usize,
    pub bookings: usize,
    pub dir: Option<std::path::PathBuf>,
}

pub struct AppointmentsReport {
    pub appointments: usize,
    pub fill_secs: f64,
    pub store: Stats,
    pub plain: Stats,
    pub refused: usize,
}

const PLAIN_SCHEMA: &str = "
CREATE TABLE appointments (id TEXT PRIMARY KEY, patient_id TEXT NOT NULL,
    clinician_id TEXT NOT NULL, start TEXT NOT NULL, end_at TEXT NOT NULL, active INTEGER NOT NULL);
CREATE INDEX appointments_clinician_start ON appointments(clinician_id, start);
CREATE INDEX appointments_patient_start ON appointments(patient_id, start);";

fn slot(day: &chrono::NaiveDate, minutes_from_eight: i64) -> String {
    let t = day.and_hms_opt(8, 0, 0).unwrap_or_default()
        + chrono::Duration::minutes(minutes_from_eight);
    t.format("%Y-%m-%dT%H:%M").to_string()
}

/// Writes `n` background appointments into the store's projection and into the plain table.
fn fill(
    raw: &mut Connection,
    plain: &mut Connection,
    clinicians: &[String],
    n: usize,
    first: chrono::NaiveDate,
) -> BenchResult<()> {
    let tx = raw.transaction()?;
    let ptx = plain.transaction()?;
    {
        let mut st = tx.prepare(
            "INSERT INTO appointments (id, patient_id, clinician_id, start, end_at, day,
             duration_minutes, reason, kind, status, active, room, queue_token, checked_in_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 30, '', 'booked', 'booked', 1, '', '', '', ?7)",
        )?;
        let mut pst = ptx.prepare("INSERT INTO appointments VALUES (?1, ?2, ?3, ?4, ?5, 1)")?;
        let at = chrono::Utc::now().to_rfc3339();
        for i in 0..n {
            let c = i % clinicians.len();
            let rest = i / clinicians.len();
            let (d, s) = (rest / SLOTS_PER_DAY, rest % SLOTS_PER_DAY);
            let day = first + chrono::Duration::days(d as i64);
            let (start, end) = (slot(&day, 30 * s as i64), slot(&day, 30 * s as i64 + 30));
            let (id, patient) = (Uuid::now_v7().to_string(), Uuid::now_v7().to_string());
            let day_text = day.format("%Y-%m-%d").to_string();
            st.execute(params![
                id,
                patient,
                clinicians[c],
                start,
                end,
                day_text,
                at
            ])?;
            pst.execute(params![id, patient, clinicians[c], start, end])?;
        }
    }
    tx.commit()?;
    ptx.commit()?;
    Ok(())
}

/// The baseline booking: both overlap queries and the insert, in one transaction.
fn plain_book(conn: &mut Connection, input: &AppointmentInput, end: &str) -> BenchResult<bool> {
    let tx = conn.transaction()?;
    let mut busy = false;
    for col in ["clinician_id", "patient_id"] {
        let who = if col == "clinician_id" {
            &input.clinician_id
        } else {
            &input.patient_id
        };
        let sql = format!(
            "SELECT count(*) FROM appointments WHERE {col} = ?1 AND start >= ?2 AND start < ?3 AND end_at > ?4 AND active = 1"
        );
        let n: i64 = tx.prepare_cached(&sql)?.query_row(
            params![who, lower_bound(&input.start), end, input.start],
            |r| r.get(0),
        )?;
        busy |= n > 0;
    }
    if !busy {
        tx.prepare_cached("INSERT INTO appointments VALUES (?1, ?2, ?3, ?4, ?5, 1)")?
            .execute(params![
                Uuid::now_v7().to_string(),
                input.patient_id,
                input.clinician_id,
                input.start,
                end
            ])?;
    }
    tx.commit()?;
    Ok(!busy)
}

/// The same lower bound as the store's query: the longest appointment before the start.
fn lower_bound(start: &str) -> String {
    clinic_domain::appointment::parse_start(start)
        .map(|s| {
            (s - chrono::Duration::minutes(480))
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

pub fn run_appointments(
    cfg: &AppointmentsConfig,
    log: &mut dyn FnMut(&str),
) -> BenchResult<AppointmentsReport> {
    let dir = match &cfg.dir {
        Some(d) => tempfile::tempdir_in(d)?,
        None => tempfile::tempdir()?,
    };
    let path = dir.path().join("clinic.db");
    let (mut store, key, admin) = new_clinic(&path, "A1")?;
    // Patients of the measured bookings: real records, one per booking.
    let inputs: Vec<PatientInput> = (0..cfg.bookings)
        .map(|i| PatientInput {
            given_name: format!("Given{i}"),
            family_name: "Bench".into(),
            sex: Sex::Female,
            birth_date: Some("1990-01-01".into()),
            ..Default::default()
        })
        .collect();
    let patients: Vec<String> = store
        .register_patients(&admin, &inputs, ChangeSource::Ui)?
        .into_iter()
        .map(|r| r.map(|(id, _)| id.to_string()))
        .collect::<Result<_, _>>()?;
    let mut raw = open_raw_store(&path, &key)?;
    // Projection rows without documents (the bulk path): no `records` row to refer to.
    raw.pragma_update(None, "foreign_keys", "OFF")?;
    let clinicians: Vec<String> = (0..CLINICIANS)
        .map(|_| Uuid::now_v7().to_string())
        .collect();
    for (i, c) in clinicians.iter().enumerate() {
        raw.execute(
            "INSERT INTO users (id, username, display_name, role, password_hash, active, updated_at)
             VALUES (?1, ?2, ?3, 'doctor', '', 1, '')",
            params![c, format!("doctor{i}"), format!("Doctor {i}")],
        )?;
    }
    let mut plain = open_plain(&dir.path().join("plain.db"), None)?;
    plain.execute_batch(PLAIN_SCHEMA)?;
    let first = chrono::Local::now().date_naive() + chrono::Duration::days(1);
    log(&format!(
        "writing {} background appointments (bulk path)",
        cfg.appointments
    ));
    let t = Instant::now();
    fill(&mut raw, &mut plain, &clinicians, cfg.appointments, first)?;
    let fill_secs = t.elapsed().as_secs_f64();
    // The bulk fill is set-up: its WAL is folded in now, not during the first measured bookings.
    checkpoint(&raw)?;
    checkpoint(&plain)?;
    drop(raw);
    let days = (cfg.appointments / (CLINICIANS * SLOTS_PER_DAY)).max(1);
    // The store sees the bulk rows: a booking into a filled slot is refused.
    if cfg.appointments >= CLINICIANS {
        let taken = AppointmentInput {
            patient_id: patients.first().cloned().unwrap_or_default(),
            clinician_id: clinicians[0].clone(),
            start: slot(&first, 0),
            duration_minutes: 30,
            reason: String::new(),
        };
        if store.book_appointment(&admin, &taken).is_ok() {
            return Err("the background appointments are not seen by the store".into());
        }
    }
    log(&format!(
        "booking {} appointments with their conflict checks",
        cfg.bookings
    ));
    let (mut store_t, mut plain_t, mut refused) = (Vec::new(), Vec::new(), 0);
    for (i, patient) in patients.iter().enumerate() {
        // An afternoon slot (free) of clinician i, on one of the filled days.
        let day = first + chrono::Duration::days(((i / CLINICIANS) % days) as i64);
        let start = slot(
            &day,
            30 * SLOTS_PER_DAY as i64 + 30 * ((i / (CLINICIANS * days)) % 4) as i64,
        );
        let input = AppointmentInput {
            patient_id: patient.clone(),
            clinician_id: clinicians[i % CLINICIANS].clone(),
            start: start.clone(),
            duration_minutes: 30,
            reason: "Review".into(),
        };
        let t = Instant::now();
        if store.book_appointment(&admin, &input).is_err() {
            refused += 1;
        }
        store_t.push(t.elapsed());
        let end = clinic_domain::appointment::end_of(&start, 30).unwrap_or_default();
        let t = Instant::now();
        plain_book(&mut plain, &input, &end)?;
        plain_t.push(t.elapsed());
    }
    Ok(AppointmentsReport {
        appointments: cfg.appointments,
        fill_secs,
        store: Stats::of(&store_t),
        plain: Stats::of(&plain_t),
        refused,
    })
}

impl AppointmentsReport {
    pub fn markdown(&self) -> String {
        let row = |name: &str, s: &Stats| {
            format!(
                "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.2} |\n",
                s.n, s.p50, s.p95, s.p99, s.max
            )
        };
        let met = if self.store.p95 <= GOAL_BOOK_P95_MS {
            "met"
        } else {
            "NOT met"
        };
        format!(
            "## Appointments: booking with the conflict check\n\n{} background appointments (bulk path, {:.1} s).\n\n\
             | path | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n{}{}\n\
             Goal: store p95 ≤ {GOAL_BOOK_P95_MS} ms: {met}. Refused bookings: {}.\n",
            self.appointments,
            self.fill_secs,
            row("store `book_appointment`", &self.store),
            row("plain SQLite (2 overlap queries + insert)", &self.plain),
            self.refused
        )
    }
}
