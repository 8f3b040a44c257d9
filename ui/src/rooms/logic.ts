// Pure helpers of the Rooms screen and staff profiles (tested in logic.test.ts). The core checks
// every rule again.
import type { AssignmentRow } from "../bindings/AssignmentRow";
import type { Role } from "../bindings/Role";
import type { StaffProfile } from "../bindings/StaffProfile";

/** Roles that see rooms, beds and the day's assignments (appointment_view). */
export const canSeeRooms = (role: Role | null) =>
  role === "doctor" || role === "nurse" || role === "receptionist" || role === "administrator";

/** Roles that manage departments, rooms and assignments (schedule_manage). */
export const canManageRooms = (role: Role | null) => role === "receptionist" || role === "administrator";

/** Roles that admit and discharge (bed_manage). */
export const canManageBeds = canSeeRooms;

/** Whether an assignment row needs attention: the room or the clinician is double-booked. */
export const hasConflict = (a: AssignmentRow) => a.room_conflict || a.clinician_conflict;

/** Qualifications typed one per line (or separated by semicolons), blanks dropped. */
export function parseQualifications(text: string): string[] {
  return text
    .split(/[\n;]/)
    .map((q) => q.trim())
    .filter((q) => q.length > 0);
}

export const emptyProfile = (): StaffProfile => ({
  specialization: "",
  qualifications: [],
  licence_number: "",
  licensing_body: "",
  licence_expiry: "",
  phone: "",
});

/** The wall-clock "YYYY-MM-DDTHH:MM" of a date. */
export function localMinute(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
