// The registration form's state and its conversion to and from what the core takes (`PatientInput`)
// and gives (`Patient`). Pure functions, unit-tested.
import type { AllergyInput } from "../bindings/AllergyInput";
import type { Patient } from "../bindings/Patient";
import type { PatientInput } from "../bindings/PatientInput";
import { ageOn } from "../format";

/** Like `PatientInput`, but the birth date and the estimated age are the raw text of their inputs. */
export type PatientFormState = Omit<PatientInput, "birth_date" | "estimated_age_years"> & {
  birth_date: string;
  estimated_age_years: string;
};

export function emptyForm(): PatientFormState {
  return {
    given_name: "",
    family_name: "",
    sex: "unknown",
    birth_date: "",
    estimated_age_years: "",
    phone: "",
    address: "",
    national_id: "",
    insurance_provider: "",
    insurance_policy: "",
    emergency_contact: { name: "", phone: "", relationship: "" },
    blood_type: "unknown",
    allergies: [],
    chronic_conditions: [],
    current_medications: [],
    past_surgeries: [],
    family_history: [],
    email: "",
    reminder_channel: "none",
  };
}

export function newAllergy(): AllergyInput {
  return { substance: "", severity: "moderate", reaction: "" };
}

/**
 * The form for editing a stored patient. An estimated birth date is shown as the age it stands for
 * on `today` (the core derives a new date from it on save); an exact one as the date itself.
 */
export function fromPatient(p: Patient, today: string): PatientFormState {
  const age = p.birth_date_estimated ? ageOn(p.birth_date, today) : null;
  return {
    given_name: p.given_name,
    family_name: p.family_name,
    sex: p.sex,
    birth_date: p.birth_date_estimated ? "" : p.birth_date,
    estimated_age_years: age === null ? "" : String(age),
    phone: p.phone,
    address: p.address,
    national_id: p.national_id,
    insurance_provider: p.insurance_provider,
    insurance_policy: p.insurance_policy,
    emergency_contact: { ...p.emergency_contact },
    blood_type: p.blood_type,
    allergies: p.allergies.map(({ id, substance, severity, reaction }) => ({ id, substance, severity, reaction })),
    chronic_conditions: [...p.chronic_conditions],
    current_medications: [...p.current_medications],
    past_surgeries: p.past_surgeries.map(({ id, procedure, date, notes }) => ({ id, procedure, date, notes })),
    family_history: p.family_history.map(({ id, relation, condition, notes }) => ({ id, relation, condition, notes })),
    email: p.email,
    reminder_channel: p.reminder_channel,
  };
}

/** Errors found before calling the core: field path → i18n key. */
export type ClientErrors = Record<string, string>;

export type Conversion = { ok: true; input: PatientInput } | { ok: false; errors: ClientErrors };

const U32_MAX = 4294967295;

/**
 * Builds the `PatientInput` to send. A birth date wins over an estimated age (only one is sent);
 * neither is sent when both are empty, so the core reports the birth date as required. Empty entries
 * of the condition and medication lists are left out, as the core would.
 */
export function toInput(state: PatientFormState): Conversion {
  const birth = state.birth_date.trim();
  const ageText = state.estimated_age_years.trim();
  const input: PatientInput = {
    given_name: state.given_name,
    family_name: state.family_name,
    sex: state.sex,
    phone: state.phone,
    address: state.address,
    national_id: state.national_id,
    insurance_provider: state.insurance_provider,
    insurance_policy: state.insurance_policy,
    emergency_contact: { ...state.emergency_contact },
    blood_type: state.blood_type,
    allergies: state.allergies.map((a) => {
      const row: AllergyInput = { substance: a.substance, severity: a.severity, reaction: a.reaction };
      if (a.id) row.id = a.id;
      return row;
    }),
    chronic_conditions: keptEntries(state.chronic_conditions),
    current_medications: keptEntries(state.current_medications),
    // Every row is sent (the core drops blank ones and names errors by row).
    past_surgeries: state.past_surgeries.map((r) => ({ ...r })),
    family_history: state.family_history.map((r) => ({ ...r })),
    email: state.email,
    reminder_channel: state.reminder_channel,
  };
  if (birth !== "") {
    input.birth_date = birth;
  } else if (ageText !== "") {
    const age = /^\d+$/.test(ageText) ? Number(ageText) : NaN;
    if (!Number.isSafeInteger(age) || age > U32_MAX) {
      return { ok: false, errors: { estimated_age_years: "form.ageNotNumber" } };
    }
    input.estimated_age_years = age;
  }
  return { ok: true, input };
}

function keptEntries(rows: string[]): string[] {
  return rows.map((s) => s.trim()).filter((s) => s !== "");
}

const LIST_FIELDS = ["chronic_conditions", "current_medications"] as const;

/**
 * Moves server field errors onto the form's rows: the core numbers the condition and medication
 * entries after leaving out empty ones, the form numbers every row it shows.
 */
export function errorsOnRows(state: PatientFormState, errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    out[rowPath(state, path)] = message;
  }
  return out;
}

function rowPath(state: PatientFormState, path: string): string {
  const [list, index, ...rest] = path.split(".");
  const field = LIST_FIELDS.find((f) => f === list);
  if (field === undefined || index === undefined || !/^\d+$/.test(index)) return path;
  let kept = -1;
  const rows = state[field];
  for (let row = 0; row < rows.length; row++) {
    if ((rows[row] ?? "").trim() !== "") kept++;
    if (kept === Number(index)) return [field, String(row), ...rest].join(".");
  }
  return path;
}
