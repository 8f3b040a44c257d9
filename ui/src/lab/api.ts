// Commands of the laboratory (docs/IPC.md, "Laboratory").
import { call } from "../api";
import type { LabAmendInput } from "../bindings/LabAmendInput";
import type { LabCancelInput } from "../bindings/LabCancelInput";
import type { LabOrderInput } from "../bindings/LabOrderInput";
import type { LabOrderSummary } from "../bindings/LabOrderSummary";
import type { LabOrderView } from "../bindings/LabOrderView";
import type { LabResultPoint } from "../bindings/LabResultPoint";
import type { LabStatus } from "../bindings/LabStatus";
import type { LabTest } from "../bindings/LabTest";
import type { PrintedLabDoc } from "../bindings/PrintedLabDoc";
import type { LabResultToReview } from "../bindings/LabResultToReview";
import type { LabResultsInput } from "../bindings/LabResultsInput";

export const labTests = () => call<LabTest[]>("lab_tests");
export const orderLabTests = (input: LabOrderInput) => call<LabOrderView>("order_lab_tests", { input });
export const labOrder = (id: string) => call<LabOrderView>("lab_order", { id });
/** The lab's work list: orders in `status`, urgent first, then oldest first. */
export const labWorkList = (status: LabStatus) => call<LabOrderSummary[]>("lab_work_list", { status });
export const patientLabOrders = (patientId: string) =>
  call<LabOrderSummary[]>("patient_lab_orders", { patientId });
/** Oldest first; `testId` narrows to one test (a trend). */
export const patientLabResults = (patientId: string, testId: string | null = null) =>
  call<LabResultPoint[]>("patient_lab_results", { patientId, testId });
export const collectLabSample = (id: string) => call<LabOrderView>("collect_lab_sample", { id });
export const receiveLabSample = (id: string) => call<LabOrderView>("receive_lab_sample", { id });
export const enterLabResults = (id: string, input: LabResultsInput) =>
  call<LabOrderView>("enter_lab_results", { id, input });
export const validateLabResults = (id: string) => call<LabOrderView>("validate_lab_results", { id });
export const cancelLabOrder = (id: string, input: LabCancelInput) => call<LabOrderView>("cancel_lab_order", { id, input });
export const amendLabResult = (id: string, input: LabAmendInput) => call<LabOrderView>("amend_lab_result", { id, input });
export const acknowledgeLabResults = (id: string) => call<LabOrderView>("acknowledge_lab_results", { id });
/** The signed-in doctor's validated results not acknowledged yet. */
export const labResultsToReview = () => call<LabResultToReview[]>("lab_results_to_review");
export const printLabLabel = (id: string) => call<PrintedLabDoc>("print_lab_label", { id });
export const printLabReport = (id: string) => call<PrintedLabDoc>("print_lab_report", { id });
