import { describe, expect, it } from "vitest";
import type { AppointmentSummary } from "../bindings/AppointmentSummary";
import {
  addDays,
  byDay,
  canManageSchedules,
  canSeeAppointments,
  daysFrom,
  keyAction,
  mondayOf,
  queueActions,
  scheduleInput,
  scheduleRows,
  startOf,
  timeOf,
} from "./logic";

function row(id: string, start: string, status: AppointmentSummary["status"] = "booked"): AppointmentSummary {
  return {
    id,
    patient_id: "p",
    patient_number: "KLA-A1-1",
    patient_name: "Amina Nakato",
    clinician_id: "c",
    clinician_name: "Dr Okello",
    start,
    end: start,
    duration_minutes: 15,
    reason: "",
    kind: "booked",
    status,
    room: "",
    queue_token: "",
    checked_in_at: "",
  };
}

describe("queue actions", () => {
  it("follow the status flow", () => {
    expect(queueActions("booked")).toEqual(["check_in", "no_show", "cancel"]);
    expect(queueActions("checked_in")).toEqual(["call_in", "cancel"]);
    expect(queueActions("with_clinician")).toEqual(["complete"]);
    expect(queueActions("done")).toEqual([]);
    expect(queueActions("cancelled")).toEqual([]);
    expect(queueActions("no_show")).toEqual([]);
  });
  it("map keys to actions", () => {
    expect(keyAction("i")).toBe("check_in");
    expect(keyAction("C")).toBe("call_in");
    expect(keyAction("d")).toBe("complete");
    expect(keyAction("n")).toBe("no_show");
    expect(keyAction("x")).toBeNull();
  });
});

describe("calendar days", () => {
  it("counts days across a month end and finds the Monday", () => {
    expect(daysFrom("2026-11-29", 3)).toEqual(["2026-11-29", "2026-11-30", "2026-12-01"]);
    expect(daysFrom("nope", 3)).toEqual([]);
    expect(mondayOf("2026-11-22")).toBe("2026-11-16");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
  });
  it("groups by day in start order, without cancelled ones", () => {
    const rows = [row("b", "2026-11-23T10:00"), row("a", "2026-11-23T09:00"), row("x", "2026-11-23T08:00", "cancelled"), row("c", "2026-11-24T09:00"), row("z", "2026-12-24T09:00")];
    const days = byDay(rows, ["2026-11-23", "2026-11-24"]);
    expect(days["2026-11-23"]?.map((r) => r.id)).toEqual(["a", "b"]);
    expect(days["2026-11-24"]?.map((r) => r.id)).toEqual(["c"]);
    expect(Object.keys(days)).toHaveLength(2);
  });
  it("builds the start and reads the time", () => {
    expect(startOf("2026-11-23", "09:30")).toBe("2026-11-23T09:30");
    expect(startOf("", "09:30")).toBe("");
    expect(timeOf("2026-11-23T09:30")).toBe("09:30");
  });
});

describe("who sees the queue", () => {
  it("matches appointment_view in the permission table", () => {
    expect(canSeeAppointments("receptionist")).toBe(true);
    expect(canSeeAppointments("doctor")).toBe(true);
    expect(canSeeAppointments("nurse")).toBe(true);
    expect(canSeeAppointments("administrator")).toBe(true);
    expect(canSeeAppointments("pharmacist")).toBe(false);
    expect(canSeeAppointments("lab_technician")).toBe(false);
  });
});

describe("schedule editor", () => {
  it("round-trips a schedule through the rows", () => {
    const rows = scheduleRows({
      clinician_id: "c",
      slot_minutes: 20,
      hours: [{ weekday: 3, start: "09:00", end: "12:00" }],
      leave: [],
    });
    expect(rows).toHaveLength(7);
    expect(rows.filter((r) => r.on).map((r) => r.weekday)).toEqual([3]);
    expect(scheduleInput(rows, 20, " 2026-12-24, 2026-12-25\n")).toEqual({
      slot_minutes: 20,
      hours: [{ weekday: 3, start: "09:00", end: "12:00" }],
      leave: ["2026-12-24", "2026-12-25"],
    });
    expect(scheduleRows(null).every((r) => !r.on)).toBe(true);
  });
});

describe("who edits schedules", () => {
  it("matches schedule_manage", () => {
    expect(canManageSchedules("receptionist")).toBe(true);
    expect(canManageSchedules("administrator")).toBe(true);
    expect(canManageSchedules("doctor")).toBe(false);
    expect(canManageSchedules("nurse")).toBe(false);
  });
});

describe("addDays", () => {
  it("moves across months and years, both ways, and leaves a non-date alone", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2025-12-29", 7)).toBe("2026-01-05");
    expect(addDays("soon", 1)).toBe("soon");
  });
});
