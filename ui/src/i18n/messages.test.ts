import i18next from "i18next";
import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../bindings/ErrorCode";
import en from "./en.json";
import fr from "./fr.json";
import { errorText, fieldErrorText, fieldKey, fieldLabel, translatedFieldErrors } from "./messages";

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: "fr",
  fallbackLng: "en",
  interpolation: { escapeValue: false },
});
const t = i18n.t;

describe("fieldKey", () => {
  it("drops list indices and joins the path with underscores", () => {
    expect(fieldKey("given_name")).toBe("given_name");
    expect(fieldKey("emergency_contact.phone")).toBe("emergency_contact_phone");
    expect(fieldKey("allergies.12.substance")).toBe("allergies_substance");
    expect(fieldKey("chronic_conditions.3")).toBe("chronic_conditions");
  });
});

describe("error translation", () => {
  it("translates a code in the chosen locale", () => {
    expect(errorText(t, { code: "invalid_credentials", message: "wrong username or password" })).toBe(
      "Nom d’utilisateur ou mot de passe incorrect",
    );
  });

  it("falls back to the server message for a code without translation", () => {
    const code = "brand_new_code" as ErrorCode;
    expect(errorText(t, { code, message: "server says" })).toBe("server says");
  });

  it("prefers a field-specific wording, then the code's", () => {
    expect(fieldErrorText(t, { field: "emergency_contact.phone", code: "invalid_format", message: "x" })).toBe(
      "Un numéro de 6 à 15 chiffres",
    );
    expect(fieldErrorText(t, { field: "address", code: "too_long", message: "x" })).toBe("Trop long");
  });

  it("maps every field of a rejection to its translated message", () => {
    const map = translatedFieldErrors(t, {
      code: "required",
      message: "given_name: is required (and 1 more)",
      field: "given_name",
      fields: [
        { field: "given_name", code: "required", message: "is required" },
        { field: "allergies.1.substance", code: "duplicate", message: "is listed twice" },
      ],
    });
    expect(map).toEqual({ given_name: "Obligatoire", "allergies.1.substance": "Cette substance figure deux fois" });
  });

  it("labels fields, keeping unknown paths as they are", () => {
    expect(fieldLabel(t, "emergency_contact.phone")).toBe("Téléphone du contact");
    expect(fieldLabel(t, "some.new_field")).toBe("some.new_field");
  });
});
