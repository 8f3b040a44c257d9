// Pure helpers of the queue, booking and calendar screens (tested in logic.test.ts).
import type { AppointmentStatus } from "../bindings/AppointmentStatus";
import type { AppointmentSummary } from "../bindings/AppointmentSummary";
import type { QueueAction } from "../bindings/QueueAction";
import type { Role } from "../bindings/Role";
import type { Schedule } from "../bindings/Schedule";
import type { ScheduleInput } from "../bindings/ScheduleInput";

/** What the queue screen offers for a visit in `status` (the core decides again). */
export function queueActions(status: AppointmentStatus): QueueAction[] {
  switch (status) {
    case "booked":
      return ["check_in", "no_show", "cancel"];
    case "checked_in":
      return ["call_in", "cancel"];
    case "with_clinician":
      return ["complete"];
    default:
      return [];
  }
}

/** Keyboard shortcuts of the queue: I check in, C call in, D done, N no-show. */
export function keyAction(key: string): QueueAction | null {
  switch (key.toLowerCase()) {
    case "i":
      return "check_in";
    case "c":
      return "call_in";
    case "d":
      return "complete";
    case "n":
      return "no_show";
    default:
      return null;
  }
}

function parseDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `count` days from `from` (`YYYY-MM-DD`); empty when `from` is not a date. */
export function daysFrom(from: string, count: number): string[] {
  const d = parseDay(from);
  if (!d) return [];
  return Array.from({ length: count }, (_, i) => iso(new Date(d.getTime() + i * 86_400_000)));
}

/** `day` moved by `n` days (negative: back); `day` itself when it is not a date. */
export function addDays(day: string, n: number): string {
  const d = parseDay(day);
  return d ? iso(new Date(d.getTime() + n * 86_400_000)) : day;
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  const d = parseDay(day);
  if (!d) return day;
  const back = (d.getUTCDay() + 6) % 7;
  return iso(new Date(d.getTime() - back * 86_400_000));
}

/** `HH:MM` of a `YYYY-MM-DDTHH:MM` start. */
export function timeOf(start: string): string {
  return start.slice(11, 16);
}

/** The appointments of each day of `days`, by start; cancelled ones left out. */
export function byDay(rows: AppointmentSummary[], days: string[]): Record<string, AppointmentSummary[]> {
  const out: Record<string, AppointmentSummary[]> = Object.fromEntries(days.map((d) => [d, []]));
  for (const row of rows) {
    const list = out[row.start.slice(0, 10)];
    if (list && row.status !== "cancelled") list.push(row);
  }
  for (const list of Object.values(out)) list.sort((a, b) => a.start.localeCompare(b.start));
  return out;
}

/** The form's date and time as the core's start (`YYYY-MM-DDTHH:MM`). */
export function startOf(date: string, time: string): string {
  return date && time ? `${date}T${time}` : "";
}

/** Roles the permission table lets see appointments (`appointment_view`); the core checks again. */
export function canSeeAppointments(role: Role): boolean {
  return ["administrator", "doctor", "nurse", "receptionist"].includes(role);
}

/** Roles with `schedule_manage` in the permission table (the core checks again). */
export function canManageSchedules(role: Role): boolean {
  return role === "receptionist" || role === "administrator";
}

/** One weekday row of the schedule editor (1 = Monday … 7 = Sunday). */
export type DayRow = { weekday: number; on: boolean; start: string; end: string };

/** The editor's rows from a schedule (each weekday once; its first period). */
export function scheduleRows(schedule: Schedule | null): DayRow[] {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const h = schedule?.hours.find((x) => x.weekday === weekday);
    return { weekday, on: h !== undefined, start: h?.start ?? "08:00", end: h?.end ?? "17:00" };
  });
}

/** The editor's rows, slot length and leave text (dates separated by commas or spaces) as input. */
export function scheduleInput(rows: DayRow[], slotMinutes: number, leave: string): ScheduleInput {
  return {
    slot_minutes: slotMinutes,
    hours: rows.filter((r) => r.on).map((r) => ({ weekday: r.weekday, start: r.start, end: r.end })),
    leave: leave
      .split(/[\s,;]+/)
      .map((d) => d.trim())
      .filter((d) => d !== ""),
  };
}
