//! The laboratory: order tests from an encounter, collect the sample (its id comes from this PC's
//! counter, so two PCs never hand out the same one), receive it in the lab, enter results,
//! validate them as a second person, cancel with a reason; the ordering doctor is reminded of
//! validated results until acknowledged (`results_to_review`). Every step checks the role, then
//! the domain rule (`clinic_domain::lab`), then writes document, projection rows and audit entry
//! in one transaction. Lists read the `lab_orders` / `lab_results` projections only.
mod fhir;
mod ops;
mod print;
pub(crate) mod projection;
mod review;

pub use print::PrintedLabDoc;
pub use projection::{LabOrderSummary, LabResultPoint, WORK_LIST_LIMIT};
pub use review::{results_to_review, LabResultToReview};

use crate::error::{Error, Result};
use crate::records;
use clinic_domain::lab::{LabOrder, LabResultRow};
use clinic_domain::RecordKind;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

pub(crate) const KIND: RecordKind = RecordKind::LabOrder;

/// One order as its detail screen shows it: the document, and each line with its reference range
/// and flag computed now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabOrderView {
    pub id: String,
    pub order: LabOrder,
    pub results: Vec<LabResultRow>,
}

impl LabOrderView {
    pub(crate) fn new(id: Uuid, order: LabOrder) -> Self {
        Self {
            id: id.to_string(),
            results: order.result_rows(),
            order,
        }
    }
}

pub(crate) fn load(
    conn: &Connection,
    id: Uuid,
    device: Uuid,
) -> Result<(records::Loaded, LabOrder)> {
    let loaded =
        records::load(conn, KIND, id, device)?.ok_or(Error::NotFound { what: "lab order" })?;
    let order: LabOrder = records::hydrate(&loaded.doc)?;
    Ok((loaded, order))
}
