//! The laboratory as the desktop window calls it: one line per IPC command.
use super::App;
use crate::error::{Error, Result};
use crate::lab::{LabOrderSummary, LabOrderView, LabResultPoint, LabResultToReview, PrintedLabDoc};
use crate::patients::parse_id;
use clinic_domain::lab::{
    LabAmendInput, LabCancelInput, LabOrderInput, LabResultsInput, LabStatus, LabTest,
};
use clinic_domain::ErrorCode;

fn status(s: &str) -> Result<LabStatus> {
    LabStatus::parse(s.trim())
        .ok_or_else(|| Error::field("status", ErrorCode::InvalidValue, "is not a lab status"))
}

impl App {
    pub fn lab_tests(&self) -> Result<Vec<LabTest>> {
        self.as_user(|store, actor| store.lab_test_catalogue(actor))
    }

    pub fn order_lab_tests(&self, input: &LabOrderInput) -> Result<LabOrderView> {
        self.as_user(|store, actor| store.order_lab_tests(actor, input))
    }

    pub fn lab_order(&self, id: &str) -> Result<LabOrderView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.lab_order(actor, id))
    }

    pub fn lab_work_list(&self, status_name: &str) -> Result<Vec<LabOrderSummary>> {
        let s = status(status_name)?;
        self.as_user(|store, actor| store.lab_work_list(actor, s))
    }

    pub fn patient_lab_orders(&self, patient_id: &str) -> Result<Vec<LabOrderSummary>> {
        let id = parse_id(patient_id)?;
        self.as_user(|store, actor| store.patient_lab_orders(actor, id))
    }

    pub fn patient_lab_results(
        &self,
        patient_id: &str,
        test_id: Option<&str>,
    ) -> Result<Vec<LabResultPoint>> {
        let id = parse_id(patient_id)?;
        self.as_user(|store, actor| store.patient_lab_results(actor, id, test_id))
    }

    pub fn collect_lab_sample(&self, id: &str) -> Result<LabOrderView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.collect_lab_sample(actor, id))
    }

    pub fn receive_lab_sample(&self, id: &str) -> Result<LabOrderView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.receive_lab_sample(actor, id))
    }

    pub fn enter_lab_results(&self, id: &str, input: &LabResultsInput) -> Result<LabOrderView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.enter_lab_results(actor, id, input))
    }

    pub fn validate_lab_results(&self, id: &str) -> Result<LabOrderView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.validate_lab_results(actor, id))
    }

    pub fn cancel_lab_order(&self, id: &str, input: &LabCancelInput) -> Result<LabOrderView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.cancel_lab_order(actor, id, input))
    }

    pub fn amend_lab_result(&self, id: &str, input: &LabAmendInput) -> Result<LabOrderView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.amend_lab_result(actor, id, input))
    }

    pub fn acknowledge_lab_results(&self, id: &str) -> Result<LabOrderView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.acknowledge_lab_results(actor, id))
    }

    pub fn lab_results_to_review(&self) -> Result<Vec<LabResultToReview>> {
        self.as_user(|store, actor| store.lab_results_to_review(actor))
    }

    pub fn print_lab_label(&self, id: &str) -> Result<PrintedLabDoc> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.print_lab_label(actor, id))
    }

    pub fn print_lab_report(&self, id: &str) -> Result<PrintedLabDoc> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.print_lab_report(actor, id))
    }
}
