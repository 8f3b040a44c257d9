// Commands of consultations and the chart (docs/IPC.md, "Consultations and chart").
import { invoke } from "@tauri-apps/api/core";
import { toErrorBody } from "../api";
import type { ChartView } from "../bindings/ChartView";
import type { DiagnosisInput } from "../bindings/DiagnosisInput";
import type { EncounterNotesInput } from "../bindings/EncounterNotesInput";
import type { EncounterOpenInput } from "../bindings/EncounterOpenInput";
import type { EncounterView } from "../bindings/EncounterView";
import type { Icd10Code } from "../bindings/Icd10Code";
import type { VitalsInput } from "../bindings/VitalsInput";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toErrorBody(raw);
  }
}

export const openChart = (patientId: string) => call<ChartView>("open_chart", { patientId });
export const openEncounter = (input: EncounterOpenInput) => call<EncounterView>("open_encounter", { input });
export const getEncounter = (id: string) => call<EncounterView>("get_encounter", { id });
export const updateEncounterNotes = (id: string, input: EncounterNotesInput) =>
  call<EncounterView>("update_encounter_notes", { id, input });
export const recordVitals = (id: string, sets: VitalsInput[]) => call<EncounterView>("record_vitals", { id, sets });
export const addDiagnosis = (id: string, input: DiagnosisInput) => call<EncounterView>("add_diagnosis", { id, input });
export const removeDiagnosis = (id: string, diagnosisId: string) =>
  call<EncounterView>("remove_diagnosis", { id, diagnosisId });
export const closeEncounter = (id: string) => call<EncounterView>("close_encounter", { id });
export const addEncounterAddendum = (id: string, text: string) =>
  call<EncounterView>("add_encounter_addendum", { id, text });
export const searchIcd10 = (query: string) => call<Icd10Code[]>("search_icd10", { query });
