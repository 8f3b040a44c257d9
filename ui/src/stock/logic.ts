// Pure helpers of the Stock screen (tested in logic.test.ts). The core checks every rule again.
import type { Role } from "../bindings/Role";

/** Roles that may see stock levels (prescription_view). */
export const canSeeStock = (role: Role | null) =>
  role === "doctor" || role === "nurse" || role === "pharmacist" || role === "administrator";

/** Roles that may receive deliveries and adjust (prescription_dispense). */
export const canManageStock = (role: Role | null) => role === "pharmacist" || role === "administrator";

/** A whole number of units typed in a field (a leading minus allowed when `signed`); null otherwise. */
export function parseUnits(text: string, signed = false): number | null {
  const v = text.trim();
  const pattern = signed ? /^[-+]?\d{1,7}$/ : /^\+?\d{1,7}$/;
  if (!pattern.test(v)) return null;
  return Number.parseInt(v, 10);
}

/** Days a batch expiring on `expiry` (YYYY-MM-DD) has left on `today` (YYYY-MM-DD); null when unreadable. */
export function daysLeft(expiry: string, today: string): number | null {
  const a = Date.parse(`${expiry}T00:00:00Z`);
  const b = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.round((a - b) / 86_400_000);
}

/** The expiry state the batch table shows: expired (before today), soon (within 90 days), ok. */
export function expiryState(expiry: string, today: string): "expired" | "soon" | "ok" {
  const d = daysLeft(expiry, today);
  if (d === null) return "ok";
  if (d < 0) return "expired";
  return d <= 90 ? "soon" : "ok";
}

/** Today's date as YYYY-MM-DD in UTC, as the core computes it. */
export const todayIso = (now: Date = new Date()) => now.toISOString().slice(0, 10);
