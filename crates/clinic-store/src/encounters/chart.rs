//! The patient's chart: the patient (allergies first on screen), the encounters timeline, the
//! vitals series and the prescriptions, the last three read from projections only (indexed by
//! patient and date), never from encounter documents.
use super::projection;
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Result};
use crate::store::Store;
use crate::views::PatientView;
use clinic_domain::attachment::Attachment;
use clinic_domain::encounter::{EncounterSummary, VitalsPoint};
use clinic_domain::patient::Patient;
use clinic_domain::{Action, Actor};
use rusqlite::Connection;
use sea_query::{Expr, ExprTrait, Iden, Order, Query, SqliteQueryBuilder};
use sea_query_rusqlite::RusqliteBinder;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Encounters and vitals sets shown at most (the newest).
pub const CHART_LIMIT: u64 = 1_000;

/// A prescription on the chart timeline (from the `prescriptions` projection).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChartPrescription {
    pub id: String,
    pub encounter_id: String,
    pub status: String,
    pub created_at: String,
    pub issued_at: String,
    /// Drug names, one per line.
    pub drugs: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChartView {
    pub patient: PatientView,
    /// Newest first.
    pub encounters: Vec<EncounterSummary>,
    /// Oldest first, the newest `CHART_LIMIT` sets.
    pub vitals: Vec<VitalsPoint>,
    /// Newest first.
    pub prescriptions: Vec<ChartPrescription>,
    /// The attachments still listed (not removed), newest first: timeline entries, opened with
    /// `open_attachment` like on the patient page.
    pub attachments: Vec<Attachment>,
    /// The patient's lab orders, newest first (status, tests, abnormal count, validation time);
    /// absent when the user's role may not see lab results.
    #[ts(optional)]
    pub lab_orders: Option<Vec<crate::lab::LabOrderSummary>>,
}

/// The patient's attachments for the timeline, from the patient document the chart has loaded
/// already (nothing more is read): removed ones left out, newest first, then by file name.
fn timeline_attachments(patient: &Patient) -> Vec<Attachment> {
    let mut list: Vec<Attachment> = patient
        .attachments
        .iter()
        .filter(|a| !a.removed)
        .cloned()
        .collect();
    list.sort_by(|a, b| {
        b.added_at
            .cmp(&a.added_at)
            .then_with(|| a.file_name.cmp(&b.file_name))
    });
    list
}

#[derive(Iden, Clone, Copy)]
enum Prescriptions {
    Table,
    Id,
    PatientId,
    EncounterId,
    Status,
    CreatedAt,
    IssuedAt,
    Drugs,
}

fn prescriptions(conn: &Connection, patient_id: Uuid) -> Result<Vec<ChartPrescription>> {
    let (sql, values) = Query::select()
        .columns([
            Prescriptions::Id,
            Prescriptions::EncounterId,
            Prescriptions::Status,
            Prescriptions::CreatedAt,
            Prescriptions::IssuedAt,
            Prescriptions::Drugs,
        ])
        .from(Prescriptions::Table)
        .and_where(Expr::col(Prescriptions::PatientId).eq(patient_id.to_string()))
        .order_by(Prescriptions::CreatedAt, Order::Desc)
        .limit(CHART_LIMIT)
        .build_rusqlite(SqliteQueryBuilder);
    let mut stmt = conn.prepare_cached(&sql).context("reading prescriptions")?;
    let rows = stmt
        .query_map(&*values.as_params(), |r| {
            Ok(ChartPrescription {
                id: r.get(0)?,
                encounter_id: r.get(1)?,
                status: r.get(2)?,
                created_at: r.get(3)?,
                issued_at: r.get(4)?,
                drugs: r.get(5)?,
            })
        })
        .context("reading prescriptions")?;
    rows.collect::<std::result::Result<_, _>>()
        .context("reading prescriptions")
}

impl Store {
    /// Opens a patient's chart and audits the view (subject `chart`, the patient's id).
    pub fn open_chart(&mut self, actor: &Actor, patient_id: Uuid) -> Result<ChartView> {
        self.authorize(actor, Action::ChartView)?;
        let patient = self.view(patient_id)?;
        let chart = ChartView {
            attachments: timeline_attachments(&patient.patient),
            patient,
            encounters: projection::timeline(&self.conn, patient_id, CHART_LIMIT)?,
            vitals: projection::vitals_series(&self.conn, patient_id, CHART_LIMIT)?,
            prescriptions: prescriptions(&self.conn, patient_id)?,
            lab_orders: if clinic_domain::roles::allowed(actor.role, Action::LabView) {
                Some(crate::lab::projection::of_patient(
                    &self.conn,
                    &patient_id.to_string(),
                )?)
            } else {
                None
            },
        };
        let subject = Subject {
            kind: "chart",
            id: patient_id.to_string(),
        };
        audit::append(
            &self.conn,
            actor,
            AuditAction::View,
            subject,
            self.clock.now(),
        )?;
        Ok(chart)
    }

    /// The query plans of the chart's reads, for the test that they use the patient indexes.
    pub fn chart_query_plans(&self, patient_id: Uuid) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for (sql, values) in [
            projection::timeline_sql(patient_id, CHART_LIMIT),
            projection::vitals_sql(patient_id, CHART_LIMIT),
        ] {
            let mut stmt = self
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .context("explaining a query")?;
            let rows = stmt
                .query_map(&*values.as_params(), |r| r.get::<_, String>(3))
                .context("explaining a query")?;
            let plan: Vec<String> = rows
                .collect::<std::result::Result<_, _>>()
                .context("explaining a query")?;
            out.push(plan.join("\n"));
        }
        Ok(out)
    }
}
