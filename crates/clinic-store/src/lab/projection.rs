//! The `lab_orders` and `lab_results` projections, rewritten in the same transaction as the order
//! document (and from the merged document after a sync). Flags are computed from the value and the
//! catalogue when the row is written.
use crate::error::{Context, Result};
use clinic_domain::lab::{LabOrder, LabPriority, LabStatus};
use rusqlite::{params, Connection, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The most orders one list returns.
pub const WORK_LIST_LIMIT: u32 = 500;

/// One order in a list (work list, chart, to review), from the projection only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabOrderSummary {
    pub id: String,
    pub patient_id: String,
    pub patient_number: String,
    pub patient_name: String,
    pub encounter_id: String,
    pub ordered_by: String,
    pub ordered_by_name: String,
    pub priority: LabPriority,
    pub status: LabStatus,
    pub sample_id: String,
    /// Test names, comma separated.
    pub tests: String,
    pub test_count: u32,
    /// Results flagged low, high, critical or abnormal.
    pub abnormal_count: u32,
    pub ordered_at: String,
    pub collected_at: String,
    pub received_at: String,
    pub resulted_at: String,
    pub validated_at: String,
    pub acknowledged_at: String,
}

/// One result of a patient (the chart's results and trends).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabResultPoint {
    pub order_id: String,
    pub test_id: String,
    pub name: String,
    pub loinc: String,
    pub value: String,
    pub unit: String,
    pub reference: String,
    /// `N`, `L`, `H`, `LL`, `HH`, `A`, or empty.
    pub flag: String,
    /// The order's status: only `validated` results are final.
    pub status: LabStatus,
    pub entered_at: String,
    pub validated_at: String,
}

pub(crate) fn write(tx: &Transaction<'_>, id: Uuid, o: &LabOrder, at: &str) -> Result<()> {
    let rows = o.result_rows();
    let abnormal = rows.iter().filter(|r| r.flag.is_abnormal()).count() as i64;
    tx.prepare_cached(
        "INSERT INTO lab_orders (id, patient_id, patient_number, patient_name, encounter_id,
            ordered_by, ordered_by_name, priority, status, sample_id, tests, test_count,
            abnormal_count, ordered_at, collected_at, received_at, resulted_at, validated_at,
            acknowledged_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
         ON CONFLICT (id) DO UPDATE SET patient_id = excluded.patient_id,
            patient_number = excluded.patient_number, patient_name = excluded.patient_name,
            encounter_id = excluded.encounter_id, ordered_by = excluded.ordered_by,
            ordered_by_name = excluded.ordered_by_name, priority = excluded.priority,
            status = excluded.status, sample_id = excluded.sample_id, tests = excluded.tests,
            test_count = excluded.test_count, abnormal_count = excluded.abnormal_count,
            ordered_at = excluded.ordered_at, collected_at = excluded.collected_at,
            received_at = excluded.received_at, resulted_at = excluded.resulted_at,
            validated_at = excluded.validated_at, acknowledged_at = excluded.acknowledged_at,
            updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            id.to_string(),
            o.patient_id,
            o.patient_number,
            o.patient_name,
            o.encounter_id,
            o.ordered_by,
            o.ordered_by_name,
            o.priority.as_str(),
            o.status.as_str(),
            o.sample_id,
            o.test_names(),
            o.tests.len() as i64,
            abnormal,
            o.ordered_at,
            o.collected_at,
            o.received_at,
            o.resulted_at,
            o.validated_at,
            o.acknowledged_at,
            at
        ])
    })
    .context("updating the lab list")?;
    tx.prepare_cached("DELETE FROM lab_results WHERE order_id = ?1")
        .and_then(|mut s| s.execute([id.to_string()]))
        .context("updating lab results")?;
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO lab_results (order_id, test_id, patient_id, name, loinc, value, unit,
                reference, flag, status, entered_at, validated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .context("updating lab results")?;
    for r in rows.iter().filter(|r| !r.value.is_empty()) {
        insert
            .execute(params![
                id.to_string(),
                r.test_id,
                o.patient_id,
                r.name,
                r.loinc,
                r.value,
                r.unit,
                r.reference,
                r.flag.code(),
                o.status.as_str(),
                r.entered_at,
                o.validated_at
            ])
            .context("updating lab results")?;
    }
    Ok(())
}

pub(crate) const SELECT: &str = "SELECT id, patient_id, patient_number, patient_name,
    encounter_id, ordered_by, ordered_by_name, priority, status, sample_id, tests, test_count,
    abnormal_count, ordered_at, collected_at, received_at, resulted_at, validated_at,
    acknowledged_at FROM lab_orders";

fn summary(r: &Row<'_>) -> rusqlite::Result<LabOrderSummary> {
    let priority: String = r.get(7)?;
    let status: String = r.get(8)?;
    Ok(LabOrderSummary {
        id: r.get(0)?,
        patient_id: r.get(1)?,
        patient_number: r.get(2)?,
        patient_name: r.get(3)?,
        encounter_id: r.get(4)?,
        ordered_by: r.get(5)?,
        ordered_by_name: r.get(6)?,
        priority: if priority == "urgent" {
            LabPriority::Urgent
        } else {
            LabPriority::Routine
        },
        status: LabStatus::parse(&status).unwrap_or_default(),
        sample_id: r.get(9)?,
        tests: r.get(10)?,
        test_count: r.get(11)?,
        abnormal_count: r.get(12)?,
        ordered_at: r.get(13)?,
        collected_at: r.get(14)?,
        received_at: r.get(15)?,
        resulted_at: r.get(16)?,
        validated_at: r.get(17)?,
        acknowledged_at: r.get(18)?,
    })
}

pub(crate) fn query(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<LabOrderSummary>> {
    let mut stmt = conn.prepare_cached(sql).context("listing lab orders")?;
    let rows = stmt
        .query_map(args, summary)
        .context("listing lab orders")?;
    rows.map(|r| r.context("listing lab orders")).collect()
}

/// The work list SQL for one status, oldest first.
pub(crate) fn work_list_sql() -> String {
    format!("{SELECT} WHERE status = ?1 ORDER BY ordered_at, id LIMIT ?2")
}

/// Orders in `status`, urgent first, then oldest first.
pub(crate) fn work_list(conn: &Connection, status: LabStatus) -> Result<Vec<LabOrderSummary>> {
    let mut out = query(
        conn,
        &work_list_sql(),
        params![status.as_str(), WORK_LIST_LIMIT],
    )?;
    out.sort_by_key(|o| o.priority != LabPriority::Urgent);
    Ok(out)
}

pub(crate) fn patient_sql() -> String {
    format!("{SELECT} WHERE patient_id = ?1 ORDER BY ordered_at DESC LIMIT ?2")
}

/// A patient's orders, newest first.
pub(crate) fn of_patient(conn: &Connection, patient_id: &str) -> Result<Vec<LabOrderSummary>> {
    query(conn, &patient_sql(), params![patient_id, WORK_LIST_LIMIT])
}

/// One order's row.
pub(crate) fn one(conn: &Connection, id: &str) -> Result<Option<LabOrderSummary>> {
    Ok(query(conn, &format!("{SELECT} WHERE id = ?1"), [id])?
        .into_iter()
        .next())
}

/// A patient's results (optionally of one test), oldest first, for the chart and trends.
pub(crate) fn results_of_patient(
    conn: &Connection,
    patient_id: &str,
    test_id: Option<&str>,
) -> Result<Vec<LabResultPoint>> {
    let sql = "SELECT order_id, test_id, name, loinc, value, unit, reference, flag, status,
            entered_at, validated_at FROM lab_results
         WHERE patient_id = ?1 AND (?2 IS NULL OR test_id = ?2)
         ORDER BY entered_at, test_id LIMIT 5000";
    let mut stmt = conn.prepare_cached(sql).context("reading lab results")?;
    let rows = stmt
        .query_map(params![patient_id, test_id], |r| {
            let status: String = r.get(8)?;
            Ok(LabResultPoint {
                order_id: r.get(0)?,
                test_id: r.get(1)?,
                name: r.get(2)?,
                loinc: r.get(3)?,
                value: r.get(4)?,
                unit: r.get(5)?,
                reference: r.get(6)?,
                flag: r.get(7)?,
                status: LabStatus::parse(&status).unwrap_or_default(),
                entered_at: r.get(9)?,
                validated_at: r.get(10)?,
            })
        })
        .context("reading lab results")?;
    rows.map(|r| r.context("reading lab results")).collect()
}

/// `verify`: every order document against its row (patient, status, sample, times, results).
pub(crate) fn verify(conn: &Connection, device: Uuid, problems: &mut Vec<String>) -> Result<usize> {
    let ids = crate::records::ids(conn, super::KIND)?;
    for id in &ids {
        let want = crate::records::load(conn, super::KIND, *id, device)?
            .and_then(|l| crate::records::hydrate::<LabOrder>(&l.doc).ok())
            .map(|o| {
                let abnormal = o.abnormal_count() as u32;
                (
                    o.patient_id.clone(),
                    o.status,
                    o.sample_id.clone(),
                    o.validated_at.clone(),
                    abnormal,
                )
            });
        let have = one(conn, &id.to_string())?.map(|r| {
            (
                r.patient_id,
                r.status,
                r.sample_id,
                r.validated_at,
                r.abnormal_count,
            )
        });
        if want.is_none() || want != have {
            problems.push(format!(
                "lab order {id}: the lab list disagrees with the order's document"
            ));
        }
    }
    Ok(ids.len())
}
