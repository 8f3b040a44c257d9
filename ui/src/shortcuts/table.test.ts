import { describe, expect, it } from "vitest";
import { ALT_LETTERS, GLOBAL_KEYS, letterOf, matchShortcut, type KeyLike } from "./table";

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : "",
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe("matchShortcut", () => {
  it("maps Alt+letter to its screen, even while typing in a field", () => {
    expect(matchShortcut(key("n", { altKey: true }), false, "receptionist")).toBe("newPatient");
    expect(matchShortcut(key("q", { altKey: true }), true, "receptionist")).toBe("queue");
    expect(matchShortcut(key("a", { altKey: true }), true, "receptionist")).toBe("book");
    expect(matchShortcut(key("b", { altKey: true }), false, "receptionist")).toBe("billing");
    expect(matchShortcut(key("i", { altKey: true }), false, "receptionist")).toBe("newInvoice");
    expect(matchShortcut(key("d", { altKey: true }), false, "receptionist")).toBe("dashboard");
    expect(matchShortcut(key("z", { altKey: true }), false, "receptionist")).toBeNull();
  });

  it("takes / and ? only outside fields, Ctrl+K and F1 anywhere", () => {
    expect(matchShortcut(key("/"), false, "nurse")).toBe("search");
    expect(matchShortcut(key("/"), true, "nurse")).toBeNull();
    expect(matchShortcut(key("?", { shiftKey: true }), false, "nurse")).toBe("help");
    expect(matchShortcut(key("?", { shiftKey: true }), true, "nurse")).toBeNull();
    expect(matchShortcut(key("k", { ctrlKey: true }), true, "nurse")).toBe("search");
    expect(matchShortcut(key("k", { metaKey: true }), false, "nurse")).toBe("search");
    expect(matchShortcut(key("F1"), true, "nurse")).toBe("help");
  });

  it("leaves plain letters and other chords to the screens", () => {
    expect(matchShortcut(key("i"), false, "receptionist")).toBeNull();
    expect(matchShortcut(key("n", { ctrlKey: true }), false, "receptionist")).toBeNull();
    expect(matchShortcut(key("n", { ctrlKey: true, altKey: true }), false, "receptionist")).toBeNull();
    expect(matchShortcut(key("Enter"), false, "receptionist")).toBeNull();
  });

  it("offers a role only the screens it may use", () => {
    expect(matchShortcut(key("b", { altKey: true }), false, "doctor")).toBeNull();
    expect(matchShortcut(key("q", { altKey: true }), false, "doctor")).toBe("queue");
    expect(matchShortcut(key("q", { altKey: true }), false, "pharmacist")).toBeNull();
    expect(matchShortcut(key("i", { altKey: true }), false, "lab_technician")).toBeNull();
    expect(matchShortcut(key("n", { altKey: true }), false, "pharmacist")).toBe("newPatient");
  });
});

describe("letterOf", () => {
  it("prefers the typed letter (AZERTY) and falls back on the physical key (macOS Alt symbols)", () => {
    expect(letterOf({ key: "a", code: "KeyQ" })).toBe("a");
    expect(letterOf({ key: "Q", code: "KeyQ" })).toBe("q");
    expect(letterOf({ key: "œ", code: "KeyQ" })).toBe("q");
    expect(letterOf({ key: "/", code: "Slash" })).toBeNull();
  });
});

describe("the shortcut table", () => {
  it("lists every Alt shortcut in the help once, with the key it really uses", () => {
    for (const [letter, action] of Object.entries(ALT_LETTERS)) {
      const listed = GLOBAL_KEYS.filter((g) => g.action === action);
      expect(listed).toHaveLength(1);
      expect(listed[0]?.keys).toContain(`Alt+${letter.toUpperCase()}`);
    }
    const actions = GLOBAL_KEYS.map((g) => g.action);
    expect(new Set(actions).size).toBe(actions.length);
  });
});
