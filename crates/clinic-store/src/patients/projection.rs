//! The `patients` projection and its full-text index: one row per patient document, rewritten in
//! the same transaction as the document, so lists and search never load documents.
use crate::error::{Context, Result};
use clinic_domain::patient::{Patient, PatientSummary, Sex};
use clinic_domain::text::{fold, id_key, phone_digits};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use sea_query::{
    Expr, ExprTrait, Iden, OnConflict, Order, Query, SelectStatement, SqliteQueryBuilder,
};
use sea_query_rusqlite::RusqliteBinder;
use uuid::Uuid;

#[derive(Iden, Clone, Copy)]
pub(crate) enum Patients {
    Table,
    Id,
    Number,
    GivenName,
    FamilyName,
    Sex,
    BirthDate,
    BirthDateEstimated,
    Phone,
    NationalId,
    Deleted,
    NameKey,
    PhoneKey,
    NationalIdKey,
    UpdatedAt,
}

const SUMMARY_COLUMNS: [Patients; 10] = [
    Patients::Id,
    Patients::Number,
    Patients::GivenName,
    Patients::FamilyName,
    Patients::Sex,
    Patients::BirthDate,
    Patients::BirthDateEstimated,
    Patients::Phone,
    Patients::NationalId,
    Patients::Deleted,
];

/// The row a document projects to: the summary plus the folded keys used for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProjectedRow {
    pub summary: PatientSummary,
    pub name_key: String,
    pub phone_key: String,
    pub national_id_key: String,
}

pub(crate) fn row_for(id: Uuid, p: &Patient) -> ProjectedRow {
    ProjectedRow {
        summary: PatientSummary {
            id,
            number: p.number.clone(),
            given_name: p.given_name.clone(),
            family_name: p.family_name.clone(),
            sex: p.sex,
            birth_date: p.birth_date.clone(),
            birth_date_estimated: p.birth_date_estimated,
            phone: p.phone.clone(),
            national_id: p.national_id.clone(),
            // A merged patient is hidden from lists and search like a deleted one.
            deleted: p.deleted || !p.merged_into.is_empty(),
        },
        name_key: fold(&format!("{} {}", p.given_name, p.family_name)),
        phone_key: phone_digits(&p.phone),
        national_id_key: id_key(&p.national_id),
    }
}

/// Writes the projection row and its full-text entry for one patient document.
pub(crate) fn write(tx: &Transaction<'_>, id: Uuid, p: &Patient, updated_at: &str) -> Result<()> {
    let row = row_for(id, p);
    let s = &row.summary;
    let (sql, values) = Query::insert()
        .into_table(Patients::Table)
        .columns(SUMMARY_COLUMNS.into_iter().chain([
            Patients::NameKey,
            Patients::PhoneKey,
            Patients::NationalIdKey,
            Patients::UpdatedAt,
        ]))
        .values_panic([
            id.to_string().into(),
            s.number.clone().into(),
            s.given_name.clone().into(),
            s.family_name.clone().into(),
            s.sex.as_str().into(),
            s.birth_date.clone().into(),
            s.birth_date_estimated.into(),
            s.phone.clone().into(),
            s.national_id.clone().into(),
            s.deleted.into(),
            row.name_key.clone().into(),
            row.phone_key.clone().into(),
            row.national_id_key.clone().into(),
            updated_at.into(),
        ])
        .on_conflict(
            OnConflict::column(Patients::Id)
                .update_columns(SUMMARY_COLUMNS[1..].iter().copied().chain([
                    Patients::NameKey,
                    Patients::PhoneKey,
                    Patients::NationalIdKey,
                    Patients::UpdatedAt,
                ]))
                .to_owned(),
        )
        .build_rusqlite(SqliteQueryBuilder);
    let existing: Option<i64> = tx
        .prepare_cached("SELECT rowid FROM patients WHERE id = ?1")
        .and_then(|mut st| st.query_row([id.to_string()], |r| r.get(0)).optional())
        .context("indexing a patient")?;
    tx.prepare_cached(&sql)
        .and_then(|mut st| st.execute(&*values.as_params()))
        .context("updating the patient list")?;
    let rowid = match existing {
        Some(rowid) => {
            tx.prepare_cached("DELETE FROM patients_fts WHERE rowid = ?1")
                .and_then(|mut st| st.execute([rowid]))
                .context("indexing a patient")?;
            rowid
        }
        None => tx.last_insert_rowid(),
    };
    let (names, number, phone, national_id) = fts_columns(&row);
    tx.prepare_cached(
        "INSERT INTO patients_fts (rowid, names, number, phone, national_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut st| st.execute(params![rowid, names, number, phone, national_id]))
    .context("indexing a patient")?;
    let mut add_term = tx
        .prepare_cached("INSERT OR IGNORE INTO patient_terms (term) VALUES (?1)")
        .context("indexing a patient")?;
    for word in row
        .name_key
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
    {
        add_term.execute([word]).context("indexing a patient")?;
    }
    Ok(())
}

/// What the full-text index holds: folded names; numbers, phones and IDs both as written and compacted.
pub(crate) fn fts_columns(row: &ProjectedRow) -> (String, String, String, String) {
    let s = &row.summary;
    let compact_number: String = s
        .number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    (
        row.name_key.clone(),
        format!("{} {}", s.number, compact_number),
        format!("{} {}", s.phone, row.phone_key),
        format!("{} {}", s.national_id, row.national_id_key),
    )
}

/// A select of the summary columns from `patients`.
pub(crate) fn select_summaries() -> SelectStatement {
    Query::select()
        .columns(SUMMARY_COLUMNS.map(|c| (Patients::Table, c)))
        .from(Patients::Table)
        .to_owned()
}

pub(crate) fn read_summary(r: &Row<'_>) -> rusqlite::Result<PatientSummary> {
    let id: String = r.get(0)?;
    let sex: String = r.get(4)?;
    Ok(PatientSummary {
        id: Uuid::parse_str(&id).unwrap_or_default(),
        number: r.get(1)?,
        given_name: r.get(2)?,
        family_name: r.get(3)?,
        sex: Sex::parse(&sex).unwrap_or_default(),
        birth_date: r.get(5)?,
        birth_date_estimated: r.get(6)?,
        phone: r.get(7)?,
        national_id: r.get(8)?,
        deleted: r.get(9)?,
    })
}

pub(crate) fn query_summaries(
    conn: &Connection,
    select: &SelectStatement,
) -> Result<Vec<PatientSummary>> {
    let (sql, values) = select.build_rusqlite(SqliteQueryBuilder);
    let mut stmt = conn
        .prepare_cached(&sql)
        .context("reading the patient list")?;
    let rows = stmt
        .query_map(&*values.as_params(), read_summary)
        .context("reading the patient list")?;
    rows.collect::<std::result::Result<_, _>>()
        .context("reading the patient list")
}

/// The most recently changed patients (the list before anything is typed).
pub(crate) fn recent(
    conn: &Connection,
    include_deleted: bool,
    limit: u32,
) -> Result<Vec<PatientSummary>> {
    let mut q = select_summaries();
    if !include_deleted {
        q.and_where(Expr::col(Patients::Deleted).eq(false));
    }
    q.order_by(Patients::UpdatedAt, Order::Desc)
        .limit(limit as u64);
    query_summaries(conn, &q)
}

/// Every projection row as stored, with its keys, for `verify`.
pub(crate) fn stored_row(conn: &Connection, id: Uuid) -> Result<Option<ProjectedRow>> {
    let mut q = select_summaries();
    q.columns([
        Patients::NameKey,
        Patients::PhoneKey,
        Patients::NationalIdKey,
    ])
    .and_where(Expr::col(Patients::Id).eq(id.to_string()));
    let (sql, values) = q.build_rusqlite(SqliteQueryBuilder);
    let mut stmt = conn.prepare(&sql).context("reading the patient list")?;
    let mut rows = stmt
        .query_map(&*values.as_params(), |r| {
            Ok(ProjectedRow {
                summary: read_summary(r)?,
                name_key: r.get(10)?,
                phone_key: r.get(11)?,
                national_id_key: r.get(12)?,
            })
        })
        .context("reading the patient list")?;
    rows.next().transpose().context("reading the patient list")
}
