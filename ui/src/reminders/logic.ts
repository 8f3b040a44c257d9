// Pure helpers of the reminders panel: grouping, ordering and where each reminder leads.
import type { ReminderItem } from "../bindings/ReminderItem";
import type { ReminderItemKind } from "../bindings/ReminderItemKind";

export const KIND_ORDER: ReminderItemKind[] = [
  "appointment_today",
  "follow_up_due",
  "lab_result",
  "unpaid_balance",
  "message_failed",
];

/** The reminders grouped by kind, in panel order, each group sorted by time. */
export function groupReminders(items: ReminderItem[]): [ReminderItemKind, ReminderItem[]][] {
  return KIND_ORDER.map((kind) => {
    const group = items.filter((i) => i.kind === kind).sort((a, b) => a.when.localeCompare(b.when));
    return [kind, group] as [ReminderItemKind, ReminderItem[]];
  }).filter(([, group]) => group.length > 0);
}

/** Where a reminder opens: the appointment, the invoice, or the patient. */
export type ReminderTarget =
  | { screen: "appointment"; id: string }
  | { screen: "invoice"; id: string }
  | { screen: "patient"; id: string };

export function targetOf(item: ReminderItem): ReminderTarget {
  switch (item.kind) {
    case "appointment_today":
    case "message_failed":
      return { screen: "appointment", id: item.target_id };
    case "unpaid_balance":
      return { screen: "invoice", id: item.target_id };
    default:
      return { screen: "patient", id: item.patient_id };
  }
}

/** "2026-11-24T09:00" → "09:00" for today's items; dates stay as they are. */
export function whenLabel(item: ReminderItem): string {
  if (item.kind === "appointment_today") return item.when.slice(11, 16);
  return item.when.slice(0, 10);
}
