// Dates and numbers, formatted with Intl for the chosen locale.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(value: string): Date | null {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3]) ? null : d;
}

/** A calendar date `YYYY-MM-DD` (no time zone): "Mar 5, 2024" / "5 mars 2024". Unparseable text is returned as is. */
export function formatDate(value: string, locale: string): string {
  const d = parseIsoDate(value);
  if (!d) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
}

/** A birth date, prefixed with "~" when it was derived from an estimated age. */
export function formatBirthDate(value: string, estimated: boolean, locale: string): string {
  const text = formatDate(value, locale);
  return estimated && text !== "" ? `~${text}` : text;
}

/** An RFC 3339 instant, in the computer's time zone unless one is given. */
export function formatDateTime(value: string, locale: string, timeZone?: string): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Today as `YYYY-MM-DD` in the computer's time zone. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Completed years between a birth date and `today` (both `YYYY-MM-DD`); null when either is not a date. */
export function ageOn(birthDate: string, today: string): number | null {
  const b = parseIsoDate(birthDate);
  const t = parseIsoDate(today);
  if (!b || !t) return null;
  let age = t.getUTCFullYear() - b.getUTCFullYear();
  const beforeBirthday =
    t.getUTCMonth() < b.getUTCMonth() || (t.getUTCMonth() === b.getUTCMonth() && t.getUTCDate() < b.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age < 0 ? null : age;
}
