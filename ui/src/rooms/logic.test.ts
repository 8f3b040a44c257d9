import { describe, expect, it } from "vitest";
import type { AssignmentRow } from "../bindings/AssignmentRow";
import { canManageBeds, canManageRooms, canSeeRooms, hasConflict, localMinute, parseQualifications } from "./logic";

describe("rooms logic", () => {
  it("follows the permission table", () => {
    expect(canSeeRooms("nurse")).toBe(true);
    expect(canSeeRooms("pharmacist")).toBe(false);
    expect(canManageRooms("receptionist")).toBe(true);
    expect(canManageRooms("doctor")).toBe(false);
    expect(canManageBeds("doctor")).toBe(true);
    expect(canManageBeds("lab_technician")).toBe(false);
  });

  it("splits qualifications by line or semicolon", () => {
    expect(parseQualifications(" MBChB\n\nMMed; Diploma ")).toEqual(["MBChB", "MMed", "Diploma"]);
    expect(parseQualifications("  ")).toEqual([]);
  });

  it("flags either kind of conflict", () => {
    const row = { room_conflict: false, clinician_conflict: false } as AssignmentRow;
    expect(hasConflict(row)).toBe(false);
    expect(hasConflict({ ...row, clinician_conflict: true })).toBe(true);
  });

  it("formats the local minute", () => {
    expect(localMinute(new Date(2026, 10, 3, 7, 5))).toBe("2026-11-03T07:05");
  });
});
