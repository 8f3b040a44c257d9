//! The sample label (a 62 × 29 mm label: sample id large, patient, tests, collection time) and
//! the lab report (A4 through `PrintDoc`: each result with unit, reference range and flag, who
//! entered and who validated). Both audited as exports.
use super::{load, KIND};
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Error, Result};
use crate::prescriptions::load_patient;
use crate::print::label::LabelDoc;
use crate::print::{Column, PrintDoc};
use crate::store::Store;
use clinic_domain::lab::{LabOrder, LabStatus};
use clinic_domain::patient::{age_in_years, Patient};
use clinic_domain::{Action, Actor, ErrorCode};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// A printed lab document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrintedLabDoc {
    /// The PDF bytes, base64.
    pub pdf_base64: String,
    pub file_name: String,
}

/// `YYYY-MM-DD HH:MM` in the PC's time zone; empty stays empty.
pub(crate) fn local_time(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// Lays out the sample label.
pub(crate) fn render_label(order: &LabOrder) -> Result<Vec<u8>> {
    let mut doc = LabelDoc::new(&format!("Sample {}", order.sample_id), 62.0, 29.0);
    doc.big(&order.sample_id);
    doc.text(&order.patient_name, 9.0);
    doc.text(&format!("No. {}", order.patient_number), 8.0);
    doc.text(&order.test_codes(), 8.0);
    let urgent = if order.priority.as_str() == "urgent" {
        " URGENT"
    } else {
        ""
    };
    doc.text(
        &format!("Collected {}{urgent}", local_time(&order.collected_at)),
        7.0,
    );
    doc.finish()
}

/// Lays out the lab report.
pub(crate) fn render_report(
    clinic: &str,
    patient: &Patient,
    order: &LabOrder,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>> {
    let mut doc = PrintDoc::new(&format!("Lab report {}", order.sample_id));
    doc.clinic_header(clinic, &[]);
    doc.title(match order.status {
        LabStatus::Validated => "Laboratory report",
        LabStatus::Cancelled => "Laboratory report (CANCELLED)",
        _ => "Laboratory report (PRELIMINARY - not validated)",
    });
    let age = age_in_years(&patient.birth_date, today).map_or(String::new(), |a| format!("{a} y"));
    let age_sex = format!("{age} / {}", patient.sex.as_str());
    let ordered = local_time(&order.ordered_at);
    let collected = local_time(&order.collected_at);
    let received = local_time(&order.received_at);
    doc.fields(&[
        ("Patient", &patient.full_name()),
        ("Number", &patient.number),
        ("Age / sex", &age_sex),
        ("Sample ID", &order.sample_id),
        ("Ordered by", &order.ordered_by_name),
        ("Ordered", &ordered),
        ("Collected", &collected),
        ("Received", &received),
        ("Priority", order.priority.as_str()),
    ]);
    if !order.clinical_note.is_empty() {
        doc.gap(1.0);
        doc.text(&format!("Clinical note: {}", order.clinical_note));
    }
    doc.gap(3.0);
    let columns = [
        Column::left("Test", 58.0),
        Column::right("Result", 24.0),
        Column::left("Unit", 20.0),
        Column::left("Reference", 40.0),
        Column::left("Flag", 20.0),
    ];
    let rows: Vec<Vec<String>> = order
        .result_rows()
        .into_iter()
        .map(|r| {
            let value = if r.value.is_empty() {
                "-".into()
            } else {
                r.value
            };
            vec![
                r.name,
                value,
                r.unit,
                r.reference,
                r.flag.code().to_string(),
            ]
        })
        .collect();
    doc.table(&columns, &rows);
    doc.small("Flags: L low, H high, LL critical low, HH critical high, A abnormal.");
    for line in order.tests.iter().filter(|l| !l.comment.is_empty()) {
        doc.small(&format!("{}: {}", line.name, line.comment));
    }
    for a in &order.amendments {
        doc.small(&format!(
            "Amended {} by {} on {}: was {} (validated by {}), now {}. Reason: {}",
            a.test_id,
            a.by_name,
            local_time(&a.at),
            a.old_value,
            a.old_validated_by_name,
            a.new_value,
            a.reason
        ));
    }
    doc.gap(4.0);
    let mut entered: Vec<&str> = order
        .tests
        .iter()
        .map(|l| l.entered_by_name.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    entered.dedup();
    let validated = if order.validated_at.is_empty() {
        "Not validated".to_string()
    } else {
        format!(
            "{} on {}",
            order.validated_by_name,
            local_time(&order.validated_at)
        )
    };
    doc.fields(&[
        ("Entered by", &entered.join(", ")),
        ("Validated by", &validated),
    ]);
    if order.status == LabStatus::Cancelled {
        doc.text(&format!("Cancelled: {}", order.cancel_reason));
    }
    doc.footer(&format!("Lab order {}", order.sample_id));
    doc.finish()
}

fn encode(pdf: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(pdf)
}

impl Store {
    fn audit_print(&self, actor: &Actor, id: Uuid) -> Result<()> {
        audit::append(
            &self.conn,
            actor,
            AuditAction::Export,
            Subject::record(KIND, id),
            self.clock.now(),
        )
    }

    /// The label of a collected sample.
    pub fn print_lab_label(&mut self, actor: &Actor, id: Uuid) -> Result<PrintedLabDoc> {
        self.authorize(actor, Action::LabCollect)?;
        let (_, order) = load(&self.conn, id, actor.device_id)?;
        if order.sample_id.is_empty() {
            return Err(Error::field(
                "status",
                ErrorCode::Conflict,
                "the sample has not been collected yet",
            ));
        }
        let pdf = render_label(&order)?;
        self.audit_print(actor, id)?;
        Ok(PrintedLabDoc {
            pdf_base64: encode(&pdf),
            file_name: format!("label-{}.pdf", order.sample_id),
        })
    }

    /// The lab report of an order (marked preliminary until validated).
    pub fn print_lab_report(&mut self, actor: &Actor, id: Uuid) -> Result<PrintedLabDoc> {
        self.authorize(actor, Action::LabView)?;
        let (_, order) = load(&self.conn, id, actor.device_id)?;
        let patient = load_patient(&self.conn, &order.patient_id, actor.device_id)?;
        let clinic = self.clinic()?;
        let today = self.clock.now().with_timezone(&chrono::Local).date_naive();
        let pdf = render_report(&clinic.name, &patient, &order, today)?;
        self.audit_print(actor, id)?;
        Ok(PrintedLabDoc {
            pdf_base64: encode(&pdf),
            file_name: format!("lab-report-{}-{}.pdf", patient.number, order.sample_id),
        })
    }
}
