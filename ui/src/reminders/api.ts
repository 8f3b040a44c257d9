// Commands of reminders (docs/IPC.md, "Reminders").
import { invoke } from "@tauri-apps/api/core";
import { toErrorBody } from "../api";
import type { OutgoingMessageSummary } from "../bindings/OutgoingMessageSummary";
import type { OutgoingMessageView } from "../bindings/OutgoingMessageView";
import type { ReminderItem } from "../bindings/ReminderItem";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toErrorBody(raw);
  }
}

export const reminders = () => call<ReminderItem[]>("reminders");
export const sendAppointmentReminder = (appointmentId: string) =>
  call<OutgoingMessageSummary>("send_appointment_reminder", { appointmentId });
export const cancelOutgoingMessage = (id: string) => call<OutgoingMessageSummary>("cancel_outgoing_message", { id });
export const appointmentMessages = (appointmentId: string) =>
  call<OutgoingMessageSummary[]>("appointment_messages", { appointmentId });
export const outgoingMessage = (id: string) => call<OutgoingMessageView>("outgoing_message", { id });
