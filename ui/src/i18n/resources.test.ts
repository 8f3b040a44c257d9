import { describe, expect, it } from "vitest";
import allergySeveritySource from "../bindings/AllergySeverity.ts?raw";
import bloodTypeSource from "../bindings/BloodType.ts?raw";
import changeSourceSource from "../bindings/ChangeSource.ts?raw";
import duplicateReasonSource from "../bindings/DuplicateReason.ts?raw";
import errorCodeSource from "../bindings/ErrorCode.ts?raw";
import roleSource from "../bindings/Role.ts?raw";
import sexSource from "../bindings/Sex.ts?raw";
import { LOCALES } from "../api";
import { mergeTexts, resources } from "./index";

type Tree = { [key: string]: string | Tree };
const locales: Record<string, Tree> = Object.fromEntries(
  Object.entries(resources).map(([tag, r]) => [tag, r.translation as Tree]),
);
const en = locales.en as Tree;

/** Every leaf key of a resource tree, dotted: `errors.required`. */
function leafKeys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [prefix + k] : leafKeys(v, `${prefix}${k}.`),
  );
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  return key.split(".").reduce<string | Tree | undefined>((node, part) => {
    return typeof node === "object" ? node[part] : undefined;
  }, tree);
}

/** The string literals of a generated union type such as `export type ErrorCode = "a" | "b";`. */
function unionValues(source: string, name: string): string[] {
  const m = new RegExp(`export type ${name} = ([^;]+);`).exec(source);
  if (!m?.[1]) throw new Error(`no union ${name} in the generated file`);
  return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1] ?? "");
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("translation resources", () => {
  it("exist for exactly the locales the app offers, each with a label", () => {
    expect(Object.keys(locales).sort()).toEqual([...LOCALES].sort());
    for (const tree of Object.values(locales)) {
      for (const tag of LOCALES) expect(typeof lookup(tree, `locale.${tag}`)).toBe("string");
    }
  });

  it("have the same keys in every locale", () => {
    const reference = leafKeys(en).sort();
    for (const [name, tree] of Object.entries(locales)) {
      expect(leafKeys(tree).sort(), name).toEqual(reference);
    }
  });

  it("use the same placeholders in every locale and have no empty text", () => {
    for (const key of leafKeys(en)) {
      const english = lookup(en, key) as string;
      for (const [name, tree] of Object.entries(locales)) {
        const text = lookup(tree, key);
        expect(typeof text === "string" && text.trim() !== "", `${name}: ${key}`).toBe(true);
        expect(placeholders(text as string), `${name}: ${key}`).toEqual(placeholders(english));
      }
    }
  });

  const unions: [string, string, string][] = [
    ["errors", errorCodeSource, "ErrorCode"],
    ["sex", sexSource, "Sex"],
    ["role", roleSource, "Role"],
    ["severity", allergySeveritySource, "AllergySeverity"],
    ["bloodType", bloodTypeSource, "BloodType"],
    ["duplicateReason", duplicateReasonSource, "DuplicateReason"],
    ["changeSource", changeSourceSource, "ChangeSource"],
  ];

  it.each(unions)("translate every value of the generated %s union", (group, source, name) => {
    const values = unionValues(source, name);
    expect(values.length).toBeGreaterThan(1);
    for (const [locale, tree] of Object.entries(locales)) {
      for (const value of values) {
        expect(typeof lookup(tree, `${group}.${value}`), `${locale}: ${group}.${value}`).toBe("string");
      }
    }
  });
});

describe("area texts", () => {
  it("merge into the base texts and refuse a text defined twice", () => {
    const merged = mergeTexts({ a: { b: "x" } }, { a: { c: "y" }, d: "z" });
    expect(merged).toEqual({ a: { b: "x", c: "y" }, d: "z" });
    expect(() => mergeTexts({ a: { b: "x" } }, { a: { b: "y" } })).toThrow("a.b");
  });
});

describe("keys used in the code", () => {
  const sources = import.meta.glob(["../**/*.{ts,tsx}", "!../**/*.test.ts", "!../bindings/**"], {
    query: "?raw",
    import: "default",
    eager: true,
  }) as Record<string, string>;

  it("all exist in the English resources", () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*["']([^"']+)["']/g)) used.add(m[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(20);
    const missing = [...used].filter((key) => typeof lookup(en, key) !== "string");
    expect(missing).toEqual([]);
  });
});
