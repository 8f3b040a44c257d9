// Translations of what comes from the core: error codes, field paths and enum values.
import type { TFunction } from "i18next";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { FieldError } from "../bindings/FieldError";
import { fieldErrorMap } from "../api";

/** `allergies.1.substance` → `allergies_substance`: the key of a field path in `fields.*` and `fieldErrors.*`. */
export function fieldKey(path: string): string {
  return path
    .split(".")
    .filter((part) => !/^\d+$/.test(part))
    .join("_");
}

/** The text of an error code, falling back to the server's English message. */
export function errorText(t: TFunction, error: Pick<ErrorBody, "code" | "message">): string {
  return t(`errors.${error.code}`, { defaultValue: error.message });
}

/** A field error: the field-specific wording if there is one, else the code's, else the server's message. */
export function fieldErrorText(t: TFunction, error: FieldError): string {
  return t([`fieldErrors.${fieldKey(error.field)}.${error.code}`, `errors.${error.code}`], {
    defaultValue: error.message,
  });
}

/** `{[field path]: translated message}` for a form. */
export function translatedFieldErrors(t: TFunction, error: ErrorBody): Record<string, string> {
  return fieldErrorMap(error, (e) => fieldErrorText(t, e));
}

/** A field's label for history and conflict lists; the raw path when it has none. */
export function fieldLabel(t: TFunction, path: string): string {
  return t(`fields.${fieldKey(path)}`, { defaultValue: path });
}

/** An enum value's label (`sex.female`, `role.doctor`…); the raw value when it has none. */
export function enumLabel(t: TFunction, group: string, value: string): string {
  return t(`${group}.${value}`, { defaultValue: value });
}
