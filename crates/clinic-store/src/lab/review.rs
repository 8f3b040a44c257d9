//! Lists: the lab work list by status, a patient's orders and results, and the ordering doctor's
//! validated results not yet acknowledged (the reminder), each from the projections only.
use super::projection::{self, LabOrderSummary, LabResultPoint};
use crate::error::{Context, Result};
use crate::store::Store;
use clinic_domain::lab::LabStatus;
use clinic_domain::{Action, Actor};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// A validated order the ordering doctor has not acknowledged yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabResultToReview {
    pub order_id: String,
    pub patient_id: String,
    pub patient_number: String,
    pub patient_name: String,
    /// Test names, comma separated.
    pub tests: String,
    /// Results flagged low, high, critical or abnormal.
    pub abnormal_count: u32,
    pub validated_at: String,
}

const TO_REVIEW_SQL: &str = "SELECT id, patient_id, patient_number, patient_name, tests,
    abnormal_count, validated_at FROM lab_orders
    WHERE ordered_by = ?1 AND status = 'validated' AND acknowledged_at = ''
    ORDER BY validated_at LIMIT ?2";

/// Validated results of `doctor_id`'s orders not acknowledged yet, oldest first (the in-app
/// reminders read this). No role check: the caller decides whose reminders it shows.
pub fn results_to_review(store: &Store, doctor_id: Uuid) -> Result<Vec<LabResultToReview>> {
    let mut stmt = store
        .conn
        .prepare_cached(TO_REVIEW_SQL)
        .context("reading results to review")?;
    let rows = stmt
        .query_map(
            params![doctor_id.to_string(), projection::WORK_LIST_LIMIT],
            |r| {
                Ok(LabResultToReview {
                    order_id: r.get(0)?,
                    patient_id: r.get(1)?,
                    patient_number: r.get(2)?,
                    patient_name: r.get(3)?,
                    tests: r.get(4)?,
                    abnormal_count: r.get(5)?,
                    validated_at: r.get(6)?,
                })
            },
        )
        .context("reading results to review")?;
    rows.map(|r| r.context("reading results to review"))
        .collect()
}

impl Store {
    /// The laboratory's work list: orders in `status`, urgent first, then oldest first.
    pub fn lab_work_list(&self, actor: &Actor, status: LabStatus) -> Result<Vec<LabOrderSummary>> {
        self.authorize(actor, Action::LabView)?;
        projection::work_list(&self.conn, status)
    }

    /// A patient's lab orders, newest first.
    pub fn patient_lab_orders(
        &self,
        actor: &Actor,
        patient_id: Uuid,
    ) -> Result<Vec<LabOrderSummary>> {
        self.authorize(actor, Action::LabView)?;
        projection::of_patient(&self.conn, &patient_id.to_string())
    }

    /// A patient's results, oldest first; `test_id` narrows to one test (a trend).
    pub fn patient_lab_results(
        &self,
        actor: &Actor,
        patient_id: Uuid,
        test_id: Option<&str>,
    ) -> Result<Vec<LabResultPoint>> {
        self.authorize(actor, Action::LabView)?;
        projection::results_of_patient(&self.conn, &patient_id.to_string(), test_id)
    }

    /// The acting doctor's validated results not acknowledged yet.
    pub fn lab_results_to_review(&self, actor: &Actor) -> Result<Vec<LabResultToReview>> {
        self.authorize(actor, Action::LabOrder)?;
        results_to_review(self, actor.user_id)
    }

    /// The query plans of the work list, a patient's orders and the review list (for the test
    /// that they use their indexes).
    pub fn lab_query_plans(&self) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for sql in [
            projection::work_list_sql(),
            projection::patient_sql(),
            TO_REVIEW_SQL.to_string(),
        ] {
            let mut stmt = self
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .context("explaining a query")?;
            let rows = stmt
                .query_map(params!["x", 10], |r| r.get::<_, String>(3))
                .context("explaining a query")?;
            let plan: Vec<String> = rows
                .collect::<std::result::Result<_, _>>()
                .context("explaining a query")?;
            out.push(plan.join("\n"));
        }
        Ok(out)
    }
}

impl Store {
    /// The shipped test catalogue (the order form's choices, the result form's answers).
    pub fn lab_test_catalogue(&self, actor: &Actor) -> Result<Vec<clinic_domain::lab::LabTest>> {
        self.authorize(actor, Action::LabView)?;
        Ok(clinic_domain::lab::tests().to_vec())
    }
}
