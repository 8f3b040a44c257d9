// i18next set-up: one `translation` namespace per locale, English as the fallback. The base texts are
// `en.json`/`fr.json`; each area of the app (appointments, billing, chart…) keeps its own texts in
// `areas/<area>.<locale>.json`, merged in here, so areas never edit one another's files.
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { isLocale, type Locale } from "../api";
import en from "./en.json";
import fr from "./fr.json";

type Tree = { [key: string]: string | Tree };

const areaFiles = import.meta.glob<Tree>("./areas/*.json", { eager: true, import: "default" });

/** Deep-merges `extra` into `base`; an area may only add keys, so a text defined twice is an error. */
export function mergeTexts(base: Tree, extra: Tree, path = ""): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (typeof existing === "object" && typeof value === "object")
      out[key] = mergeTexts(existing, value, `${path}${key}.`);
    else throw new Error(`translation ${path}${key} is defined twice`);
  }
  return out;
}

function withAreas(locale: Locale, base: Tree): Tree {
  return Object.entries(areaFiles)
    .filter(([file]) => file.endsWith(`.${locale}.json`))
    .sort(([a], [b]) => a.localeCompare(b))
    .reduce((tree, [, texts]) => mergeTexts(tree, texts), base);
}

const texts: Record<Locale, Tree> = { en: withAreas("en", en as Tree), fr: withAreas("fr", fr as Tree) };

export const resources = { en: { translation: texts.en }, fr: { translation: texts.fr } } as const;

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
