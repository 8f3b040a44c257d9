//! Consultations and the chart as the desktop window calls them: one line per IPC command.
use super::App;
use crate::encounters::chart::ChartView;
use crate::encounters::EncounterView;
use crate::error::Result;
use crate::patients::parse_id;
use clinic_domain::encounter::{
    DiagnosisInput, EncounterNotesInput, EncounterOpenInput, VitalsInput,
};
use clinic_domain::icd10::{self, Icd10Code};

/// Most ICD-10 codes one search returns.
const ICD10_LIMIT: usize = 50;

impl App {
    pub fn open_chart(&self, patient_id: &str) -> Result<ChartView> {
        let id = parse_id(patient_id)?;
        self.as_user(|store, actor| store.open_chart(actor, id))
    }

    pub fn open_encounter(&self, input: EncounterOpenInput) -> Result<EncounterView> {
        self.as_user(|store, actor| store.open_encounter(actor, &input))
    }

    pub fn get_encounter(&self, id: &str) -> Result<EncounterView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.open_encounter_record(actor, id))
    }

    pub fn update_encounter_notes(
        &self,
        id: &str,
        input: EncounterNotesInput,
    ) -> Result<EncounterView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.update_encounter_notes(actor, id, &input))
    }

    pub fn record_vitals(&self, id: &str, sets: Vec<VitalsInput>) -> Result<EncounterView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.record_vitals(actor, id, &sets))
    }

    pub fn add_diagnosis(&self, id: &str, input: DiagnosisInput) -> Result<EncounterView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.add_diagnosis(actor, id, &input))
    }

    pub fn remove_diagnosis(&self, id: &str, diagnosis_id: &str) -> Result<EncounterView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.remove_diagnosis(actor, id, diagnosis_id))
    }

    pub fn close_encounter(&self, id: &str) -> Result<EncounterView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.close_encounter(actor, id))
    }

    pub fn add_encounter_addendum(&self, id: &str, text: &str) -> Result<EncounterView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.add_encounter_addendum(actor, id, text))
    }

    /// The shipped ICD-10-CM list, searched in memory (no store access, but a session is needed).
    pub fn search_icd10(&self, query: &str) -> Result<Vec<Icd10Code>> {
        self.as_user(|_, _| Ok(icd10::search(query, ICD10_LIMIT)))
    }
}
