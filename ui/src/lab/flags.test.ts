import { describe, expect, it } from "vitest";
import type { LabTest } from "../bindings/LabTest";
import { FLAG_CODE, liveFlag, parseValue } from "./flags";

const hb: LabTest = {
  id: "hb", name: "Haemoglobin", loinc: "718-7", unit: "g/dL", sample_type: "blood",
  reference: { male: { low: 13, high: 17 }, female: { low: 12, high: 15.5 } },
  critical: { any: { low: 7, high: 20 } },
  answers: [], normal_answer: "",
};
const chol: LabTest = { ...hb, id: "chol", reference: { any: { high: 5.2 } }, critical: {} };
const rdt: LabTest = { ...hb, id: "malaria_rdt", reference: {}, critical: {}, answers: ["negative", "positive"], normal_answer: "negative" };

describe("liveFlag (the core's flag_case_table)", () => {
  it("flags numeric values by the patient's sex, critical limits first", () => {
    const cases: [LabTest, string, string, string][] = [
      [hb, "male", "14.0", "normal"],
      [hb, "male", "12.5", "low"],
      [hb, "female", "12.5", "normal"],
      [hb, "female", "16.0", "high"],
      [hb, "male", "6.9", "critical_low"],
      [hb, "male", "7.0", "low"],
      [hb, "male", "20.1", "critical_high"],
      [hb, "other", "14.0", "none"],
      [hb, "male", "12,5", "low"],
      [chol, "male", "5.2", "normal"],
      [chol, "male", "6.0", "high"],
      [chol, "male", "0.5", "normal"],
      [rdt, "male", "negative", "normal"],
      [rdt, "male", "Positive", "abnormal"],
      [hb, "male", "", "none"],
      [hb, "male", "abc", "none"],
    ];
    for (const [test, sex, value, want] of cases) expect(liveFlag(test, sex, value), `${test.id} ${sex} ${value}`).toBe(want);
  });

  it("reads decimals with a dot or a comma only", () => {
    expect(parseValue(" 5,2 ")).toBe(5.2);
    expect(parseValue("5.")).toBe(5);
    expect(parseValue("5.2.1")).toBeNull();
    expect(parseValue("1e3")).toBeNull();
    expect(FLAG_CODE.critical_high).toBe("HH");
  });
});
