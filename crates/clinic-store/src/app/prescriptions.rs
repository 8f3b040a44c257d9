//! Prescriptions as the desktop window calls them: one line per IPC command.
use super::App;
use crate::error::Result;
use crate::patients::parse_id;
use crate::prescriptions::{PrescriptionSummary, PrescriptionView, PrintedPrescription};
use clinic_domain::drugs::{Drug, RxWarning};
use clinic_domain::prescription::{
    DispensePlan, DispensePrescriptionInput, ItemInput, PrescriptionInput,
};

impl App {
    pub fn search_drugs(&self, query: &str) -> Result<Vec<Drug>> {
        self.as_user(|store, actor| store.search_drugs(actor, query, 20))
    }

    pub fn check_prescription(
        &self,
        patient_id: &str,
        items: &[ItemInput],
    ) -> Result<Vec<RxWarning>> {
        let id = parse_id(patient_id)?;
        self.as_user(|store, actor| store.check_prescription(actor, id, items))
    }

    pub fn create_prescription(&self, input: &PrescriptionInput) -> Result<PrescriptionView> {
        self.as_user(|store, actor| store.create_prescription(actor, input))
    }

    pub fn update_prescription(
        &self,
        id: &str,
        input: &PrescriptionInput,
    ) -> Result<PrescriptionView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.update_prescription(actor, id, input))
    }

    pub fn issue_prescription(&self, id: &str, override_reason: &str) -> Result<PrescriptionView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.issue_prescription(actor, id, override_reason))
    }

    pub fn cancel_prescription(&self, id: &str, reason: &str) -> Result<PrescriptionView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.cancel_prescription(actor, id, reason))
    }

    pub fn amend_prescription(
        &self,
        id: &str,
        input: &PrescriptionInput,
        override_reason: &str,
    ) -> Result<PrescriptionView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.amend_prescription(actor, id, input, override_reason))
    }

    pub fn preview_prescription_dispense(
        &self,
        id: &str,
        input: &DispensePrescriptionInput,
    ) -> Result<DispensePlan> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.preview_prescription_dispense(actor, id, input))
    }

    pub fn dispense_prescription(
        &self,
        id: &str,
        input: &DispensePrescriptionInput,
    ) -> Result<PrescriptionView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.dispense_prescription(actor, id, input))
    }

    pub fn open_prescription(&self, id: &str) -> Result<PrescriptionView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.open_prescription(actor, id))
    }

    pub fn patient_prescriptions(&self, patient_id: &str) -> Result<Vec<PrescriptionSummary>> {
        let id = parse_id(patient_id)?;
        self.as_user(|store, actor| store.patient_prescriptions(actor, id))
    }

    pub fn pharmacy_work_list(&self) -> Result<Vec<PrescriptionSummary>> {
        self.as_user(|store, actor| store.pharmacy_work_list(actor))
    }

    pub fn print_prescription(&self, id: &str) -> Result<PrintedPrescription> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.print_prescription(actor, id))
    }

    pub fn trace_prescription_print(&self, hash: &str) -> Result<PrescriptionView> {
        self.as_user(|store, actor| store.trace_prescription_print(actor, hash))
    }
}
