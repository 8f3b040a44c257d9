import { describe, expect, it } from "vitest";
import type { PrescriptionItem } from "../bindings/PrescriptionItem";
import { initialChoices, lineErrorKey, lineErrors, toLines } from "./dispenseLogic";

const item = (id: string, quantity: number, free_text = false): PrescriptionItem => ({
  id,
  drug_id: free_text ? "" : "amoxicillin",
  drug_name: free_text ? "Herbal tea" : "Amoxicillin",
  free_text,
  strength: "",
  form: "",
  dose: "",
  route: "oral",
  frequency: "",
  duration_days: 5,
  quantity,
  instructions: "",
});

describe("dispense dialog logic", () => {
  it("starts with every catalogue line in full from stock and free text outside stock", () => {
    const items = [item("a", 10), item("t", 1, true)];
    const choices = initialChoices(items);
    expect(choices).toEqual([
      { quantity: "10", outside: false, reason: "" },
      { quantity: "1", outside: true, reason: "" },
    ]);
    expect(toLines(items, choices)).toEqual([
      { item_id: "a", quantity: 10, outside_stock: false, reason: "" },
      { item_id: "t", outside_stock: true, reason: "" },
    ]);
  });

  it("reports the first quantity that is not a whole number", () => {
    const items = [item("a", 10), item("b", 2)];
    expect(toLines(items, [{ quantity: "4", outside: false, reason: "" }, { quantity: "2.5", outside: false, reason: "" }])).toEqual({
      badQuantity: 1,
    });
  });

  it("groups errors by line and picks the wording by field and code", () => {
    const errors = [
      { field: "items.1.quantity", code: "out_of_range" as const, message: "x" },
      { field: "items.1.reason", code: "required" as const, message: "y" },
      { field: "items.10.reason", code: "required" as const, message: "z" },
    ];
    const line = lineErrors(errors, 1);
    expect(Object.keys(line)).toEqual(["quantity", "reason"]);
    const [quantity, reason] = [errors[0]!, errors[1]!];
    expect(line.quantity).toEqual(quantity);
    expect(lineErrorKey("quantity", quantity, false)).toBe("dispensing.errors.short");
    expect(lineErrorKey("reason", reason, true)).toBe("dispensing.errors.reasonOutside");
    expect(lineErrorKey("reason", reason, false)).toBe("dispensing.errors.reasonShort");
    expect(lineErrorKey("quantity", { ...quantity, code: "invalid_value" }, false)).toBe("dispensing.errors.moreThanPrescribed");
  });
});
