import { describe, expect, it } from "vitest";
import type { Patient } from "../bindings/Patient";
import en from "../i18n/en.json";
import { emptyForm, errorsOnRows, fromPatient, newAllergy, toInput, type PatientFormState } from "./formState";

const filled = (over: Partial<PatientFormState>): PatientFormState => ({
  ...emptyForm(),
  given_name: "Amina",
  family_name: "Okello",
  ...over,
});

function inputOf(state: PatientFormState) {
  const result = toInput(state);
  if (!result.ok) throw new Error(`unexpected client errors ${JSON.stringify(result.errors)}`);
  return result.input;
}

describe("toInput", () => {
  it("sends the birth date and no age when a date is typed", () => {
    const input = inputOf(filled({ birth_date: " 1990-04-01 ", estimated_age_years: "33" }));
    expect(input.birth_date).toBe("1990-04-01");
    expect("estimated_age_years" in input).toBe(false);
  });

  it("sends the estimated age as a number when the birth date is empty", () => {
    const input = inputOf(filled({ birth_date: "  ", estimated_age_years: " 40 " }));
    expect(input.estimated_age_years).toBe(40);
    expect("birth_date" in input).toBe(false);
  });

  it("sends neither when both are empty, so the core can say what is required", () => {
    const input = inputOf(filled({}));
    expect("birth_date" in input || "estimated_age_years" in input).toBe(false);
  });

  it("refuses an age that is not a whole number, with a translated message key", () => {
    for (const age of ["forty", "-3", "4.5", "99999999999"]) {
      const result = toInput(filled({ estimated_age_years: age }));
      expect(result.ok, age).toBe(false);
      if (!result.ok) {
        const key = result.errors.estimated_age_years ?? "";
        expect(key.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], en)).toBeTypeOf("string");
      }
    }
  });

  it("leaves out empty list entries and keeps allergy ids only when known", () => {
    const input = inputOf(
      filled({
        birth_date: "1990-04-01",
        chronic_conditions: ["Asthma", "  ", " Diabetes "],
        current_medications: [""],
        allergies: [{ id: "a1", substance: "Penicillin", severity: "severe", reaction: "rash" }, newAllergy()],
      }),
    );
    expect(input.chronic_conditions).toEqual(["Asthma", "Diabetes"]);
    expect(input.current_medications).toEqual([]);
    expect(input.allergies).toEqual([
      { id: "a1", substance: "Penicillin", severity: "severe", reaction: "rash" },
      { substance: "", severity: "moderate", reaction: "" },
    ]);
  });
});

const stored: Patient = {
  number: "KLA-A7-00042-Q",
  given_name: "Amina",
  family_name: "Okello",
  sex: "female",
  birth_date: "1985-09-20",
  birth_date_estimated: true,
  phone: "+256 77 123 4567",
  address: "Kampala",
  national_id: "CM9012A",
  insurance_provider: "",
  insurance_policy: "",
  emergency_contact: { name: "Joseph", phone: "0772000000", relationship: "brother" },
  blood_type: "O+",
  allergies: [{ id: "a1", substance: "Penicillin", severity: "life_threatening", reaction: "" }],
  chronic_conditions: ["Asthma"],
  current_medications: [],
  past_surgeries: [{ id: "s1", procedure: "Appendectomy", date: "2004", notes: "" }],
  family_history: [{ id: "f1", relation: "mother", condition: "Type 2 diabetes", notes: "" }],
  attachments: [],
  deleted: false,
  merged_into: "",
  email: "amina@example.org",
  reminder_channel: "email",
};

describe("fromPatient", () => {
  it("shows an estimated birth date as the age it stands for", () => {
    const form = fromPatient(stored, "2025-06-01");
    expect(form.birth_date).toBe("");
    expect(form.estimated_age_years).toBe("39");
    expect(inputOf(form).estimated_age_years).toBe(39);
  });

  it("shows an exact birth date as the date and round-trips the rest", () => {
    const form = fromPatient({ ...stored, birth_date_estimated: false }, "2025-06-01");
    expect(form.birth_date).toBe("1985-09-20");
    expect(form.estimated_age_years).toBe("");
    const input = inputOf(form);
    expect(input.allergies).toEqual([
      { id: "a1", substance: "Penicillin", severity: "life_threatening", reaction: "" },
    ]);
    expect(input.emergency_contact).toEqual(stored.emergency_contact);
    expect(input.blood_type).toBe("O+");
  });
});

describe("errorsOnRows", () => {
  it("moves list errors from the core's numbering to the form's rows", () => {
    const state = filled({ chronic_conditions: ["", "ok", " ", "too long"], current_medications: ["x"] });
    expect(
      errorsOnRows(state, {
        "chronic_conditions.1": "too long",
        "current_medications.0": "bad",
        "allergies.1.substance": "required",
        given_name: "required",
      }),
    ).toEqual({
      "chronic_conditions.3": "too long",
      "current_medications.0": "bad",
      "allergies.1.substance": "required",
      given_name: "required",
    });
  });
});

describe("surgical and family history", () => {
  it("round-trips the entries with their ids, every row sent as typed", () => {
    const form = fromPatient(stored, "2025-06-01");
    form.past_surgeries.push({ procedure: "", date: "", notes: "" });
    const input = inputOf(form);
    expect(input.past_surgeries).toEqual([
      { id: "s1", procedure: "Appendectomy", date: "2004", notes: "" },
      { procedure: "", date: "", notes: "" },
    ]);
    expect(input.family_history).toEqual([{ id: "f1", relation: "mother", condition: "Type 2 diabetes", notes: "" }]);
  });
});
