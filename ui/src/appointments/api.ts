// Commands of the queue, booking and calendar screens (docs/IPC.md, "Appointments and queue").
import { invoke } from "@tauri-apps/api/core";
import { toErrorBody } from "../api";
import type { AppointmentDetail } from "../bindings/AppointmentDetail";
import type { AppointmentInput } from "../bindings/AppointmentInput";
import type { AppointmentSummary } from "../bindings/AppointmentSummary";
import type { Clinician } from "../bindings/Clinician";
import type { RescheduleInput } from "../bindings/RescheduleInput";
import type { Schedule } from "../bindings/Schedule";
import type { ScheduleInput } from "../bindings/ScheduleInput";
import type { WalkInInput } from "../bindings/WalkInInput";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toErrorBody(raw);
  }
}

export const bookAppointment = (input: AppointmentInput) => call<AppointmentSummary>("book_appointment", { input });
export const registerWalkIn = (input: WalkInInput) => call<AppointmentSummary>("register_walk_in", { input });
export const rescheduleAppointment = (id: string, input: RescheduleInput) =>
  call<AppointmentSummary>("reschedule_appointment", { id, input });
export const cancelAppointment = (id: string, reason: string) =>
  call<AppointmentSummary>("cancel_appointment", { id, reason });
export const checkInAppointment = (id: string) => call<AppointmentSummary>("check_in_appointment", { id });
export const callInAppointment = (id: string, room: string | null) =>
  call<AppointmentSummary>("call_in_appointment", { id, room });
export const completeAppointment = (id: string) => call<AppointmentSummary>("complete_appointment", { id });
export const markNoShow = (id: string) => call<AppointmentSummary>("mark_no_show", { id });
/** `day`: `YYYY-MM-DD`. */
export const dayQueue = (day: string) => call<AppointmentSummary[]>("day_queue", { day });
export const clinicianCalendar = (clinicianId: string, from: string, days: number) =>
  call<AppointmentSummary[]>("clinician_calendar", { clinicianId, from, days });
export const getAppointment = (id: string) => call<AppointmentDetail>("get_appointment", { id });
export const activeClinicians = () => call<Clinician[]>("active_clinicians");
export const doubleBookingAppointments = (issueId: string) =>
  call<AppointmentSummary[]>("double_booking_appointments", { issueId });
export const resolveDoubleBooking = (issueId: string, cancelId: string, reason: string) =>
  call<AppointmentSummary>("resolve_double_booking", { issueId, cancelId, reason });
export const setSchedule = (clinicianId: string, input: ScheduleInput) =>
  call<Schedule>("set_schedule", { clinicianId, input });
export const clinicianSchedule = (clinicianId: string) => call<Schedule | null>("clinician_schedule", { clinicianId });
export const freeSlots = (clinicianId: string, day: string) => call<string[]>("free_slots", { clinicianId, day });
