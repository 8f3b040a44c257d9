// The screen a reminder opens: today's appointments → the queue, an unpaid invoice → billing,
// a follow-up or lab result → the patient's page.
import type { ReminderItem } from "../bindings/ReminderItem";
import type { Route } from "../screens/MainShell";
import { targetOf } from "./logic";

export function routeOfReminder(item: ReminderItem): Route {
  const target = targetOf(item);
  if (target.screen === "appointment") return { name: "queue" };
  if (target.screen === "invoice") return { name: "billing" };
  return { name: "patient", id: target.id };
}
