import { describe, expect, it } from "vitest";
import type { ReminderItem } from "../bindings/ReminderItem";
import { groupReminders, targetOf, whenLabel } from "./logic";

const item = (kind: ReminderItem["kind"], when: string, extra: Partial<ReminderItem> = {}): ReminderItem => ({
  kind,
  target_id: "t-" + when,
  patient_id: "p-" + when,
  patient_name: "Amina",
  when,
  detail: "",
  amount: 0,
  currency: "",
  currency_digits: 0,
  ...extra,
});

describe("reminders panel", () => {
  it("groups by kind in panel order and sorts by time", () => {
    const groups = groupReminders([
      item("unpaid_balance", "2026-11-01"),
      item("appointment_today", "2026-11-24T10:00"),
      item("appointment_today", "2026-11-24T09:00"),
    ]);
    expect(groups.map(([k]) => k)).toEqual(["appointment_today", "unpaid_balance"]);
    expect(groups[0]![1].map((i) => whenLabel(i))).toEqual(["09:00", "10:00"]);
  });

  it("opens the right screen", () => {
    expect(targetOf(item("appointment_today", "2026-11-24T09:00"))).toEqual({ screen: "appointment", id: "t-2026-11-24T09:00" });
    expect(targetOf(item("unpaid_balance", "2026-11-01"))).toEqual({ screen: "invoice", id: "t-2026-11-01" });
    expect(targetOf(item("follow_up_due", "2026-11-20"))).toEqual({ screen: "patient", id: "p-2026-11-20" });
  });
});
