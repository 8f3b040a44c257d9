//! The `encounters`, `encounter_vitals` and `encounter_diagnoses` projections: rewritten from the
//! document in the same transaction, so the chart reads rows by patient and date and never loads
//! encounter documents.
use crate::error::{Context, Result};
use clinic_domain::encounter::{Encounter, EncounterStatus, EncounterSummary, VitalsPoint};
use rusqlite::{Connection, Row};
use sea_query::{Expr, ExprTrait, Iden, OnConflict, Order, Query, SqliteQueryBuilder};
use sea_query_rusqlite::RusqliteBinder;
use uuid::Uuid;

#[derive(Iden, Clone, Copy)]
pub(crate) enum Encounters {
    Table,
    Id,
    PatientId,
    ClinicianId,
    AppointmentId,
    StartedAt,
    Status,
    ChiefComplaint,
    PrimaryCode,
    PrimaryTitle,
    UpdatedAt,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum EncounterVitals {
    Table,
    EncounterId,
    VitalsId,
    PatientId,
    TakenAt,
    TakenBy,
    SystolicMmhg,
    DiastolicMmhg,
    PulseBpm,
    TemperatureTenthsC,
    RespiratoryRate,
    Spo2Percent,
    WeightG,
    HeightMm,
    BmiTenths,
}

#[derive(Iden, Clone, Copy)]
pub(crate) enum EncounterDiagnoses {
    Table,
    EncounterId,
    DiagnosisId,
    PatientId,
    StartedAt,
    Code,
    Title,
    IsPrimary,
}

#[derive(Iden, Clone, Copy)]
enum Users {
    Table,
    Id,
    DisplayName,
}

fn run(conn: &Connection, sql: (String, sea_query_rusqlite::RusqliteValues)) -> Result<()> {
    let (sql, values) = sql;
    conn.prepare_cached(&sql)
        .and_then(|mut s| s.execute(&*values.as_params()))
        .context("writing the encounter projection")?;
    Ok(())
}

/// Rewrites the rows of one encounter document.
pub(crate) fn write(conn: &Connection, id: Uuid, e: &Encounter, at: &str) -> Result<()> {
    let (primary_code, primary_title) = e
        .primary_diagnosis()
        .map(|d| (d.code.clone(), d.title.clone()))
        .unwrap_or_default();
    let id_text = id.to_string();
    run(
        conn,
        Query::insert()
            .into_table(Encounters::Table)
            .columns([
                Encounters::Id,
                Encounters::PatientId,
                Encounters::ClinicianId,
                Encounters::AppointmentId,
                Encounters::StartedAt,
                Encounters::Status,
                Encounters::ChiefComplaint,
                Encounters::PrimaryCode,
                Encounters::PrimaryTitle,
                Encounters::UpdatedAt,
            ])
            .values_panic([
                id_text.clone().into(),
                e.patient_id.clone().into(),
                e.clinician_id.clone().into(),
                e.appointment_id.clone().into(),
                e.started_at.clone().into(),
                e.status.as_str().into(),
                e.chief_complaint.clone().into(),
                primary_code.into(),
                primary_title.into(),
                at.into(),
            ])
            .on_conflict(
                OnConflict::column(Encounters::Id)
                    .update_columns([
                        Encounters::PatientId,
                        Encounters::ClinicianId,
                        Encounters::AppointmentId,
                        Encounters::StartedAt,
                        Encounters::Status,
                        Encounters::ChiefComplaint,
                        Encounters::PrimaryCode,
                        Encounters::PrimaryTitle,
                        Encounters::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .build_rusqlite(SqliteQueryBuilder),
    )?;
    crate::reminders::follow_ups::project(conn, &id_text, &e.follow_up)?;
    run(
        conn,
        Query::delete()
            .from_table(EncounterVitals::Table)
            .and_where(Expr::col(EncounterVitals::EncounterId).eq(id_text.clone()))
            .build_rusqlite(SqliteQueryBuilder),
    )?;
    for v in &e.vitals {
        run(
            conn,
            Query::insert()
                .into_table(EncounterVitals::Table)
                .columns([
                    EncounterVitals::EncounterId,
                    EncounterVitals::VitalsId,
                    EncounterVitals::PatientId,
                    EncounterVitals::TakenAt,
                    EncounterVitals::TakenBy,
                    EncounterVitals::SystolicMmhg,
                    EncounterVitals::DiastolicMmhg,
                    EncounterVitals::PulseBpm,
                    EncounterVitals::TemperatureTenthsC,
                    EncounterVitals::RespiratoryRate,
                    EncounterVitals::Spo2Percent,
                    EncounterVitals::WeightG,
                    EncounterVitals::HeightMm,
                    EncounterVitals::BmiTenths,
                ])
                .values_panic([
                    id_text.clone().into(),
                    v.id.clone().into(),
                    e.patient_id.clone().into(),
                    v.taken_at.clone().into(),
                    v.taken_by.clone().into(),
                    v.systolic_mmhg.into(),
                    v.diastolic_mmhg.into(),
                    v.pulse_bpm.into(),
                    v.temperature_tenths_c.into(),
                    v.respiratory_rate.into(),
                    v.spo2_percent.into(),
                    v.weight_g.into(),
                    v.height_mm.into(),
                    v.bmi_tenths().into(),
                ])
                // Two PCs could (in a malformed document) repeat an id: keep one row.
                .on_conflict(
                    OnConflict::columns([EncounterVitals::EncounterId, EncounterVitals::VitalsId])
                        .do_nothing()
                        .to_owned(),
                )
                .build_rusqlite(SqliteQueryBuilder),
        )?;
    }
    run(
        conn,
        Query::delete()
            .from_table(EncounterDiagnoses::Table)
            .and_where(Expr::col(EncounterDiagnoses::EncounterId).eq(id_text.clone()))
            .build_rusqlite(SqliteQueryBuilder),
    )?;
    for d in &e.diagnoses {
        run(
            conn,
            Query::insert()
                .into_table(EncounterDiagnoses::Table)
                .columns([
                    EncounterDiagnoses::EncounterId,
                    EncounterDiagnoses::DiagnosisId,
                    EncounterDiagnoses::PatientId,
                    EncounterDiagnoses::StartedAt,
                    EncounterDiagnoses::Code,
                    EncounterDiagnoses::Title,
                    EncounterDiagnoses::IsPrimary,
                ])
                .values_panic([
                    id_text.clone().into(),
                    d.id.clone().into(),
                    e.patient_id.clone().into(),
                    e.started_at.clone().into(),
                    d.code.clone().into(),
                    d.title.clone().into(),
                    d.primary.into(),
                ])
                .on_conflict(
                    OnConflict::columns([
                        EncounterDiagnoses::EncounterId,
                        EncounterDiagnoses::DiagnosisId,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .build_rusqlite(SqliteQueryBuilder),
        )?;
    }
    Ok(())
}

/// The timeline query: a patient's encounters, newest first, with the clinician's name.
pub(crate) fn timeline_sql(
    patient_id: Uuid,
    limit: u64,
) -> (String, sea_query_rusqlite::RusqliteValues) {
    Query::select()
        .columns([
            (Encounters::Table, Encounters::Id),
            (Encounters::Table, Encounters::PatientId),
            (Encounters::Table, Encounters::StartedAt),
            (Encounters::Table, Encounters::ClinicianId),
        ])
        .column((Users::Table, Users::DisplayName))
        .columns([
            (Encounters::Table, Encounters::Status),
            (Encounters::Table, Encounters::ChiefComplaint),
            (Encounters::Table, Encounters::PrimaryCode),
            (Encounters::Table, Encounters::PrimaryTitle),
        ])
        .from(Encounters::Table)
        .left_join(
            Users::Table,
            Expr::col((Users::Table, Users::Id))
                .equals((Encounters::Table, Encounters::ClinicianId)),
        )
        .and_where(Expr::col((Encounters::Table, Encounters::PatientId)).eq(patient_id.to_string()))
        .order_by((Encounters::Table, Encounters::StartedAt), Order::Desc)
        .limit(limit)
        .build_rusqlite(SqliteQueryBuilder)
}

pub(crate) fn timeline(
    conn: &Connection,
    patient_id: Uuid,
    limit: u64,
) -> Result<Vec<EncounterSummary>> {
    let (sql, values) = timeline_sql(patient_id, limit);
    let mut stmt = conn.prepare_cached(&sql).context("reading encounters")?;
    let rows = stmt
        .query_map(&*values.as_params(), summary_from_row)
        .context("reading encounters")?;
    rows.collect::<std::result::Result<_, _>>()
        .context("reading encounters")
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<EncounterSummary> {
    let status: String = r.get(5)?;
    Ok(EncounterSummary {
        id: r.get(0)?,
        patient_id: r.get(1)?,
        started_at: r.get(2)?,
        clinician_id: r.get(3)?,
        clinician_name: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
        status: EncounterStatus::parse(&status).unwrap_or_default(),
        chief_complaint: r.get(6)?,
        primary_code: r.get(7)?,
        primary_title: r.get(8)?,
    })
}

/// The vitals series query: a patient's vitals sets, oldest first.
pub(crate) fn vitals_sql(
    patient_id: Uuid,
    limit: u64,
) -> (String, sea_query_rusqlite::RusqliteValues) {
    Query::select()
        .columns([
            EncounterVitals::EncounterId,
            EncounterVitals::TakenAt,
            EncounterVitals::SystolicMmhg,
            EncounterVitals::DiastolicMmhg,
            EncounterVitals::PulseBpm,
            EncounterVitals::TemperatureTenthsC,
            EncounterVitals::RespiratoryRate,
            EncounterVitals::Spo2Percent,
            EncounterVitals::WeightG,
            EncounterVitals::HeightMm,
            EncounterVitals::BmiTenths,
        ])
        .from(EncounterVitals::Table)
        .and_where(Expr::col(EncounterVitals::PatientId).eq(patient_id.to_string()))
        .order_by(EncounterVitals::TakenAt, Order::Desc)
        .limit(limit)
        .build_rusqlite(SqliteQueryBuilder)
}

/// The newest `limit` vitals sets, returned oldest first (the order a trend chart draws).
pub(crate) fn vitals_series(
    conn: &Connection,
    patient_id: Uuid,
    limit: u64,
) -> Result<Vec<VitalsPoint>> {
    let (sql, values) = vitals_sql(patient_id, limit);
    let mut stmt = conn.prepare_cached(&sql).context("reading vitals")?;
    let rows = stmt
        .query_map(&*values.as_params(), |r| {
            Ok(VitalsPoint {
                encounter_id: r.get(0)?,
                taken_at: r.get(1)?,
                systolic_mmhg: r.get(2)?,
                diastolic_mmhg: r.get(3)?,
                pulse_bpm: r.get(4)?,
                temperature_tenths_c: r.get(5)?,
                respiratory_rate: r.get(6)?,
                spo2_percent: r.get(7)?,
                weight_g: r.get(8)?,
                height_mm: r.get(9)?,
                bmi_tenths: r.get(10)?,
            })
        })
        .context("reading vitals")?;
    let mut out: Vec<VitalsPoint> = rows
        .collect::<std::result::Result<_, _>>()
        .context("reading vitals")?;
    out.reverse();
    Ok(out)
}
