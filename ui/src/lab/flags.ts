// The flag of a result while it is typed, by the same rules as clinic_domain::lab::flags (the core
// computes it again when the results are saved and on every screen after): pure, tested in flags.test.ts.
import type { LabInterval } from "../bindings/LabInterval";
import type { LabFlag } from "../bindings/LabFlag";
import type { LabStatus } from "../bindings/LabStatus";
import type { LabTest } from "../bindings/LabTest";
import type { Role } from "../bindings/Role";
import type { LabSexRange } from "../bindings/LabSexRange";

function forSex(range: LabSexRange, sex: string): LabInterval | undefined {
  const own = sex === "male" ? range.male : sex === "female" ? range.female : undefined;
  return own ?? range.any;
}

/** A decimal typed with a dot or a comma; null when it is not one. */
export function parseValue(value: string): number | null {
  const text = value.trim().replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

export function liveFlag(test: LabTest, sex: string, value: string): LabFlag {
  const text = value.trim();
  if (!text) return "none";
  if (test.answers.length > 0) return text.toLowerCase() === test.normal_answer.toLowerCase() ? "normal" : "abnormal";
  const v = parseValue(text);
  if (v === null) return "none";
  const critical = forSex(test.critical, sex);
  if (critical?.low !== undefined && v < critical.low) return "critical_low";
  if (critical?.high !== undefined && v > critical.high) return "critical_high";
  const reference = forSex(test.reference, sex);
  if (!reference) return "none";
  if (reference.low !== undefined && v < reference.low) return "low";
  if (reference.high !== undefined && v > reference.high) return "high";
  return "normal";
}

/** The short code printed next to a value (HL7): N, L, H, LL, HH, A; empty for none. */
export const FLAG_CODE: Record<LabFlag, string> = {
  normal: "N",
  low: "L",
  high: "H",
  critical_low: "LL",
  critical_high: "HH",
  abnormal: "A",
  none: "",
};

export function flagColor(flag: LabFlag): string {
  if (flag === "critical_low" || flag === "critical_high") return "red";
  if (flag === "low" || flag === "high" || flag === "abnormal") return "orange";
  return flag === "normal" ? "green" : "gray";
}

/** The statuses of the work list, in the order a sample goes through them. */
export const WORK_STATUSES: LabStatus[] = ["ordered", "collected", "received", "resulted", "validated", "cancelled"];

/** Roles and what they may do in the lab (clinic_domain::roles; the core checks again). */
export const canSeeLab = (role: Role) => ["administrator", "doctor", "nurse", "lab_technician"].includes(role);
export const canOrderLab = (role: Role) => role === "doctor" || role === "administrator";
export const canCollect = (role: Role) => ["nurse", "lab_technician", "administrator"].includes(role);
export const canEnterResults = (role: Role) => role === "lab_technician" || role === "administrator";
export const canValidate = (role: Role) => ["lab_technician", "doctor", "administrator"].includes(role);
