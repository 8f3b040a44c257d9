//! IPC commands of consultations and the chart (docs/IPC.md): one-line adapters onto `App`.
use clinic_domain::encounter::{
    DiagnosisInput, EncounterNotesInput, EncounterOpenInput, VitalsInput,
};
use clinic_domain::icd10::Icd10Code;
use clinic_store::app::App;
use clinic_store::encounters::chart::ChartView;
use clinic_store::encounters::EncounterView;
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn open_chart(app: State<'_, Arc<App>>, patient_id: String) -> Result<ChartView> {
    app.open_chart(&patient_id)
}

#[tauri::command(async)]
pub fn open_encounter(
    app: State<'_, Arc<App>>,
    input: EncounterOpenInput,
) -> Result<EncounterView> {
    app.open_encounter(input)
}

#[tauri::command(async)]
pub fn get_encounter(app: State<'_, Arc<App>>, id: String) -> Result<EncounterView> {
    app.get_encounter(&id)
}

#[tauri::command(async)]
pub fn update_encounter_notes(
    app: State<'_, Arc<App>>,
    id: String,
    input: EncounterNotesInput,
) -> Result<EncounterView> {
    app.update_encounter_notes(&id, input)
}

#[tauri::command(async)]
pub fn record_vitals(
    app: State<'_, Arc<App>>,
    id: String,
    sets: Vec<VitalsInput>,
) -> Result<EncounterView> {
    app.record_vitals(&id, sets)
}

#[tauri::command(async)]
pub fn add_diagnosis(
    app: State<'_, Arc<App>>,
    id: String,
    input: DiagnosisInput,
) -> Result<EncounterView> {
    app.add_diagnosis(&id, input)
}

#[tauri::command(async)]
pub fn remove_diagnosis(
    app: State<'_, Arc<App>>,
    id: String,
    diagnosis_id: String,
) -> Result<EncounterView> {
    app.remove_diagnosis(&id, &diagnosis_id)
}

#[tauri::command(async)]
pub fn close_encounter(app: State<'_, Arc<App>>, id: String) -> Result<EncounterView> {
    app.close_encounter(&id)
}

#[tauri::command(async)]
pub fn add_encounter_addendum(
    app: State<'_, Arc<App>>,
    id: String,
    text: String,
) -> Result<EncounterView> {
    app.add_encounter_addendum(&id, &text)
}

#[tauri::command(async)]
pub fn search_icd10(app: State<'_, Arc<App>>, query: String) -> Result<Vec<Icd10Code>> {
    app.search_icd10(&query)
}
