import { describe, expect, it } from "vitest";
import { fhirFileName } from "./fhir";

describe("FHIR export file name", () => {
  it.each([
    ["KLA-A1-42", "fhir-KLA-A1-42.json"],
    ["KLA/A1 42", "fhir-KLA-A1-42.json"],
    ["", "fhir-patient.json"],
  ])("for %j is %s", (number, name) => {
    expect(fhirFileName(number)).toBe(name);
  });
});
