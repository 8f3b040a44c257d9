import { describe, expect, it } from "vitest";
import { fieldErrorMap, isErrorBody, isLocale, toErrorBody } from "./api";
import type { ErrorBody } from "./bindings/ErrorBody";

const invalid: ErrorBody = {
  code: "required",
  message: "given_name: is required (and 2 more)",
  field: "given_name",
  fields: [
    { field: "given_name", code: "required", message: "is required" },
    { field: "allergies.1.substance", code: "required", message: "is required" },
    { field: "allergies.1.substance", code: "too_long", message: "must be at most 100 characters" },
    { field: "emergency_contact.phone", code: "invalid_format", message: "must be a phone number" },
  ],
};

describe("fieldErrorMap", () => {
  it("maps every field path, nested ones included, keeping the first error of a field", () => {
    expect(fieldErrorMap(invalid)).toEqual({
      given_name: "is required",
      "allergies.1.substance": "is required",
      "emergency_contact.phone": "must be a phone number",
    });
  });

  it("describes errors with the given function", () => {
    expect(fieldErrorMap(invalid, (e) => `${e.code}!`)["emergency_contact.phone"]).toBe("invalid_format!");
  });

  it("is empty for an error that concerns no field", () => {
    expect(fieldErrorMap({ code: "locked", message: "locked", fields: [] })).toEqual({});
    // A core that sends `field: null` (not absent) means the same: no field.
    const nullField = { code: "invalid_credentials", message: "wrong", field: null, fields: [] } as unknown as ErrorBody;
    expect(fieldErrorMap(nullField)).toEqual({});
  });

  it("uses `field` when the list is empty", () => {
    expect(fieldErrorMap({ code: "duplicate", message: "taken", field: "admin_username", fields: [] })).toEqual({
      admin_username: "taken",
    });
  });
});

describe("rejections", () => {
  it("keeps error bodies and wraps anything else as internal", () => {
    expect(isErrorBody(invalid)).toBe(true);
    expect(toErrorBody(invalid)).toBe(invalid);
    expect(toErrorBody("command setup not found")).toEqual({
      code: "internal",
      message: "command setup not found",
      fields: [],
    });
    expect(isErrorBody({ code: "x" })).toBe(false);
    expect(isErrorBody(null)).toBe(false);
  });

  it("knows the supported locales", () => {
    expect(isLocale("fr")).toBe(true);
    expect(isLocale("de")).toBe(false);
  });
});
