import { describe, expect, it } from "vitest";
import type { Drug } from "../bindings/Drug";
import type { RxWarning } from "../bindings/RxWarning";
import { blankItem, namedItems, needsOverride, parseCount, sortWarnings, withDrug, withFreeName } from "./logic";

const amox: Drug = {
  id: "amoxicillin",
  name: "Amoxicillin",
  classes: ["penicillins"],
  forms: ["capsule", "tablet"],
  strengths: ["250 mg", "500 mg"],
};

const warning = (item: number, requires_override: boolean): RxWarning => ({
  kind: requires_override ? "allergy" : "interaction",
  severity: requires_override ? "severe" : "moderate",
  item,
  drug: "x",
  other: "y",
  advice: "z",
  requires_override,
});

describe("prescription form logic", () => {
  it("picks a catalogue drug and keeps a valid strength", () => {
    const item = withDrug({ ...blankItem(), strength: "500 mg" }, amox);
    expect(item).toMatchObject({ drug_id: "amoxicillin", drug_name: "Amoxicillin", form: "capsule", strength: "500 mg" });
    expect(withDrug({ ...blankItem(), strength: "1 g" }, amox).strength).toBe("250 mg");
  });

  it("typing a name makes the item free text", () => {
    const item = withFreeName(withDrug(blankItem(), amox), "Local syrup");
    expect(item.drug_id).toBeUndefined();
    expect(item.drug_name).toBe("Local syrup");
  });

  it("checks only named items and knows when an override is needed", () => {
    expect(namedItems([blankItem(), withDrug(blankItem(), amox)])).toHaveLength(1);
    expect(needsOverride([warning(0, false)])).toBe(false);
    expect(needsOverride([warning(0, false), warning(1, true)])).toBe(true);
    expect(sortWarnings([warning(0, false), warning(1, true)]).map((w) => w.item)).toEqual([1, 0]);
  });

  it("parses counts", () => {
    expect(parseCount(" 12 ")).toBe(12);
    expect(parseCount("")).toBeUndefined();
    expect(parseCount("1.5")).toBeUndefined();
  });
});
