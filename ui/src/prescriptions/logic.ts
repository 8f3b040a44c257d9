// Pure helpers of the prescription form and lists.
import type { Drug } from "../bindings/Drug";
import type { ItemInput } from "../bindings/ItemInput";
import type { Prescription } from "../bindings/Prescription";
import type { PrescriptionStatus } from "../bindings/PrescriptionStatus";
import type { RxWarning } from "../bindings/RxWarning";

export const ROUTES = ["oral", "sublingual", "iv", "im", "sc", "topical", "inhalation", "rectal", "vaginal", "eye", "ear", "nasal"];

export function blankItem(): ItemInput {
  return { drug_name: "", strength: "", form: "", dose: "", route: "oral", frequency: "", instructions: "" };
}

/** An item for a catalogue drug: its first form and strength pre-filled, the rest kept. */
export function withDrug(item: ItemInput, drug: Drug): ItemInput {
  return {
    ...item,
    drug_id: drug.id,
    drug_name: drug.name,
    form: drug.forms.includes(item.form) ? item.form : (drug.forms[0] ?? ""),
    strength: drug.strengths.includes(item.strength) ? item.strength : (drug.strengths[0] ?? ""),
  };
}

/** Typing a name by hand makes the item free text (no catalogue id). */
export function withFreeName(item: ItemInput, name: string): ItemInput {
  const { drug_id: _dropped, ...rest } = item;
  return { ...rest, drug_name: name };
}

/** The form's items from a saved prescription (amend, edit a draft): same item ids. */
export function itemsOf(p: Prescription): ItemInput[] {
  return p.items.map((i) => ({
    id: i.id,
    drug_id: i.free_text ? undefined : i.drug_id,
    drug_name: i.drug_name,
    strength: i.strength,
    form: i.form,
    dose: i.dose,
    route: i.route,
    frequency: i.frequency,
    duration_days: i.duration_days,
    quantity: i.quantity,
    instructions: i.instructions,
  }));
}

/** Items worth checking for warnings: those with a drug. */
export function namedItems(items: ItemInput[]): ItemInput[] {
  return items.filter((i) => (i.drug_id ?? "") !== "" || i.drug_name.trim() !== "");
}

/** Issuing needs an override reason: an allergy or a severe interaction. */
export function needsOverride(warnings: RxWarning[]): boolean {
  return warnings.some((w) => w.requires_override);
}

/** Serious first (override needed), then by item. */
export function sortWarnings(warnings: RxWarning[]): RxWarning[] {
  return [...warnings].sort(
    (a, b) => Number(b.requires_override) - Number(a.requires_override) || a.item - b.item,
  );
}

/** "3" → 3, "" → undefined; anything else is left for the core to refuse (undefined = required). */
export function parseCount(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  return Number(t);
}

export function statusColor(status: PrescriptionStatus): string {
  switch (status) {
    case "draft":
      return "gray";
    case "issued":
      return "blue";
    case "dispensed":
      return "green";
    case "cancelled":
      return "red";
    case "amended":
      return "yellow";
  }
}
