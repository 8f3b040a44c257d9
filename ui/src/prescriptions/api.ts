// Commands of prescriptions and the pharmacy (docs/IPC.md, "Prescriptions").
import { invoke } from "@tauri-apps/api/core";
import { toErrorBody } from "../api";
import type { DispensePlan } from "../bindings/DispensePlan";
import type { DispensePrescriptionInput } from "../bindings/DispensePrescriptionInput";
import type { Drug } from "../bindings/Drug";
import type { ItemInput } from "../bindings/ItemInput";
import type { PrescriptionInput } from "../bindings/PrescriptionInput";
import type { PrescriptionSummary } from "../bindings/PrescriptionSummary";
import type { PrescriptionView } from "../bindings/PrescriptionView";
import type { PrintedPrescription } from "../bindings/PrintedPrescription";
import type { RxWarning } from "../bindings/RxWarning";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toErrorBody(raw);
  }
}

export const searchDrugs = (query: string) => call<Drug[]>("search_drugs", { query });
export const checkPrescription = (patientId: string, items: ItemInput[]) =>
  call<RxWarning[]>("check_prescription", { patientId, items });
export const createPrescription = (input: PrescriptionInput) => call<PrescriptionView>("create_prescription", { input });
export const updatePrescription = (id: string, input: PrescriptionInput) =>
  call<PrescriptionView>("update_prescription", { id, input });
export const issuePrescription = (id: string, overrideReason: string) =>
  call<PrescriptionView>("issue_prescription", { id, overrideReason });
export const cancelPrescription = (id: string, reason: string) =>
  call<PrescriptionView>("cancel_prescription", { id, reason });
export const amendPrescription = (id: string, input: PrescriptionInput, overrideReason: string) =>
  call<PrescriptionView>("amend_prescription", { id, input, overrideReason });
export const previewPrescriptionDispense = (id: string, input: DispensePrescriptionInput) =>
  call<DispensePlan>("preview_prescription_dispense", { id, input });
export const dispensePrescription = (id: string, input: DispensePrescriptionInput) =>
  call<PrescriptionView>("dispense_prescription", { id, input });
export const openPrescription = (id: string) => call<PrescriptionView>("open_prescription", { id });
export const patientPrescriptions = (patientId: string) =>
  call<PrescriptionSummary[]>("patient_prescriptions", { patientId });
export const pharmacyWorkList = () => call<PrescriptionSummary[]>("pharmacy_work_list");
export const printPrescription = (id: string) => call<PrintedPrescription>("print_prescription", { id });
export const tracePrescriptionPrint = (hash: string) => call<PrescriptionView>("trace_prescription_print", { hash });
