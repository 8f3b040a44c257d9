// Billing arithmetic for the screens: the same rules as clinic_domain::billing (integer minor units,
// tax on quantity × price − discount rounded half up), so the totals shown while typing are the
// totals the core will compute. The core stays the authority: it recomputes everything.
import type { Currency } from "../bindings/Currency";
import type { DiscountKind } from "../bindings/DiscountKind";
import type { Role } from "../bindings/Role";

/** Roles with `billing_view` in clinic_domain::roles (the core refuses everyone else anyway). */
export function canViewBilling(role: Role): boolean {
  return role === "administrator" || role === "receptionist";
}

/** Roles with `billing_void` and `price_list_manage`. */
export function canManageBilling(role: Role): boolean {
  return role === "administrator";
}

/** `value × bp / 10 000`, rounded half away from zero, in integers (BigInt: no float error). */
export function applyBp(value: number, bp: number): number {
  const product = BigInt(value) * BigInt(bp);
  const abs = product < 0n ? -product : product;
  const rounded = (abs + 5000n) / 10000n;
  return Number(product < 0n ? -rounded : rounded);
}

export type LinePreview = { gross: number; discount: number; net: number; tax: number; total: number };

export function discountAmount(gross: number, kind: DiscountKind, value: number): number {
  if (kind === "amount") return Math.max(0, Math.min(value, gross));
  if (kind === "percent") return applyBp(gross, Math.max(0, Math.min(value, 10000)));
  return 0;
}

export function linePreview(
  unitPrice: number,
  taxBp: number,
  quantity: number,
  kind: DiscountKind,
  value: number,
): LinePreview {
  const gross = quantity * unitPrice;
  const discount = discountAmount(gross, kind, value);
  const net = gross - discount;
  const tax = applyBp(net, taxBp);
  return { gross, discount, net, tax, total: net + tax };
}

export function sumLines(lines: LinePreview[]): LinePreview {
  return lines.reduce(
    (a, l) => ({
      gross: a.gross + l.gross,
      discount: a.discount + l.discount,
      net: a.net + l.net,
      tax: a.tax + l.tax,
      total: a.total + l.total,
    }),
    { gross: 0, discount: 0, net: 0, tax: 0, total: 0 },
  );
}

/** Minor units → "1,234.50 USD" in the UI's language (fr: "1 234,50 USD"). */
export function formatMoney(minor: number, currency: Currency, locale: string): string {
  const scale = 10 ** currency.minor_digits;
  const text = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US", {
    minimumFractionDigits: currency.minor_digits,
    maximumFractionDigits: currency.minor_digits,
  }).format(minor / scale);
  return `${text} ${currency.code}`;
}

/**
 * What the cashier typed ("12.5", "12,50", "1 200") → minor units; null when it is not an amount
 * or has more decimals than the currency. Parsed as text, never through a float.
 */
export function parseMoney(text: string, digits: number): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? "0";
  const frac = match[2] ?? "";
  if (frac.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(frac.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/** "18" or "18.5" (percent) → basis points; null when not a percent between 0 and 100. */
export function parsePercent(text: string): number | null {
  const bp = parseMoney(text, 2);
  return bp !== null && bp <= 10000 ? bp : null;
}

/** Basis points → "18" / "12.5" for a form field. */
export function percentText(bp: number): string {
  return String(bp / 100);
}

/** Minor units → "12.50" for a form field (no grouping, no currency). */
export function amountText(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const scale = 10 ** digits;
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, "0")}`;
}

/** Today as `YYYY-MM-DD` in local time. */
export function localDay(date: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}
