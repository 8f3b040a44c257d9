// i18next set-up: one `translation` namespace per locale, English as the fallback.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { isLocale, type Locale } from "../api";
import en from "./en.json";
import fr from "./fr.json";

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: "en",
  fallbackLng: "en",
  initAsync: false,
  interpolation: { escapeValue: false },
});

/** The locale the app should use for a tag from `AppStatus.locale` ("fr-CA" → "fr"); English otherwise. */
export function localeFromTag(tag: string): Locale {
  const base = tag.toLowerCase().split(/[-_]/)[0] ?? "";
  return isLocale(base) ? base : "en";
}

export function applyLocale(locale: Locale): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
}

export default i18n;
