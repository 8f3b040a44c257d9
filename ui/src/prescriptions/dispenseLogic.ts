// Pure helpers of the dispense dialog (tested in dispenseLogic.test.ts). The core checks every rule again.
import type { DispenseLineInput } from "../bindings/DispenseLineInput";
import type { FieldError } from "../bindings/FieldError";
import type { PrescriptionItem } from "../bindings/PrescriptionItem";
import { parseUnits } from "../stock/logic";

/** What the pharmacist chose for one line, as typed. */
export type LineChoice = { quantity: string; outside: boolean; reason: string };

/** Every line supplied in full from stock; a free-text medicine (never in stock) outside stock. */
export function initialChoices(items: PrescriptionItem[]): LineChoice[] {
  return items.map((i) => ({ quantity: String(i.quantity), outside: i.free_text, reason: "" }));
}

/** The lines sent to the core, or the index of the first quantity that is not a whole number. */
export function toLines(items: PrescriptionItem[], choices: LineChoice[]): DispenseLineInput[] | { badQuantity: number } {
  const out: DispenseLineInput[] = [];
  for (const [n, item] of items.entries()) {
    const c = choices[n] ?? { quantity: String(item.quantity), outside: item.free_text, reason: "" };
    if (c.outside) {
      out.push({ item_id: item.id, outside_stock: true, reason: c.reason });
      continue;
    }
    const q = parseUnits(c.quantity);
    if (q === null) return { badQuantity: n };
    out.push({ item_id: item.id, quantity: q, outside_stock: false, reason: c.reason });
  }
  return out;
}

/** The errors of line `n` (`items.<n>.<field>`), by field name. */
export function lineErrors(errors: FieldError[], n: number): Record<string, FieldError> {
  const prefix = `items.${n}.`;
  const out: Record<string, FieldError> = {};
  for (const e of errors) {
    if (e.field.startsWith(prefix)) {
      const field = e.field.slice(prefix.length);
      if (!(field in out)) out[field] = e;
    }
  }
  return out;
}

/** The translation key of a line error (its field and code; `outside`: the line is supplied outside stock). */
export function lineErrorKey(field: string, e: FieldError, outside: boolean): string | null {
  if (field === "quantity" && e.code === "out_of_range") return "dispensing.errors.short";
  if (field === "quantity" && e.code === "invalid_value") return "dispensing.errors.moreThanPrescribed";
  if (field === "reason" && e.code === "required") {
    return outside ? "dispensing.errors.reasonOutside" : "dispensing.errors.reasonShort";
  }
  if (field === "reason" && e.code === "too_long") return "dispensing.errors.tooLong";
  if (field === "outside_stock") return "dispensing.errors.notInCatalogue";
  return null;
}
