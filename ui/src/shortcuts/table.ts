// The app-wide keyboard shortcuts (pure: tested in table.test.ts). Alt+letter shortcuts work even while
// typing in a field, so a receptionist can jump from a search box to the queue; the single-key ones
// (`/`, `?`) only when no field has the focus. Screens keep their own keys (the queue's I/C/D/N,
// ↑/↓ and Enter in result lists), listed here too for the help dialog.
import type { Role } from "../bindings/Role";
import { canViewBilling } from "../billing/logic";
import { canSeeAppointments } from "../appointments/logic";

export type ShortcutAction = "help" | "search" | "newPatient" | "queue" | "book" | "billing" | "newInvoice" | "dashboard";

/** What a shortcut needs of a keyboard event (a `KeyboardEvent` fits). */
export type KeyLike = {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
};

/** Alt+letter → action. */
export const ALT_LETTERS: Readonly<Record<string, ShortcutAction>> = {
  n: "newPatient",
  q: "queue",
  a: "book",
  b: "billing",
  i: "newInvoice",
  d: "dashboard",
};

/** The keys the help dialog lists for each action, in the order shown. */
export const GLOBAL_KEYS: ReadonlyArray<{ action: ShortcutAction; keys: string[] }> = [
  { action: "search", keys: ["/", "Ctrl+K"] },
  { action: "newPatient", keys: ["Alt+N"] },
  { action: "queue", keys: ["Alt+Q"] },
  { action: "book", keys: ["Alt+A"] },
  { action: "billing", keys: ["Alt+B"] },
  { action: "newInvoice", keys: ["Alt+I"] },
  { action: "dashboard", keys: ["Alt+D"] },
  { action: "help", keys: ["?", "F1"] },
];

/** Keys that belong to one screen or to forms in general (help dialog only; the screens handle them). */
export const SCREEN_KEYS: ReadonlyArray<{ id: string; keys: string[] }> = [
  { id: "listMove", keys: ["↑", "↓"] },
  { id: "listOpen", keys: ["Enter"] },
  { id: "submit", keys: ["Enter"] },
  { id: "nextField", keys: ["Tab", "Shift+Tab"] },
  { id: "close", keys: ["Esc"] },
  { id: "queueCheckIn", keys: ["I"] },
  { id: "queueCallIn", keys: ["C"] },
  { id: "queueDone", keys: ["D"] },
  { id: "queueNoShow", keys: ["N"] },
  { id: "issueInvoice", keys: ["Ctrl+Enter"] },
  { id: "calendarMove", keys: ["←", "→", "T"] },
];

/**
 * The letter a key event stands for: the typed character when it is a plain letter (so Alt+A is the key
 * labelled A on an AZERTY keyboard too), else the physical key (macOS turns Alt+letter into symbols).
 */
export function letterOf(e: Pick<KeyLike, "key" | "code">): string | null {
  if (/^[a-z]$/i.test(e.key)) return e.key.toLowerCase();
  const m = /^Key([A-Z])$/.exec(e.code ?? "");
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** Whether `role` may use the screen an action opens (the core checks again). */
export function allowed(action: ShortcutAction, role: Role): boolean {
  switch (action) {
    case "queue":
    case "book":
    case "dashboard":
      return canSeeAppointments(role);
    case "billing":
    case "newInvoice":
      return canViewBilling(role);
    default:
      return true;
  }
}

/** The action of a key press, or null. `editing`: the focus is in a text field, select or editor. */
export function matchShortcut(e: KeyLike, editing: boolean, role: Role): ShortcutAction | null {
  const action = rawMatch(e, editing);
  return action && allowed(action, role) ? action : null;
}

function rawMatch(e: KeyLike, editing: boolean): ShortcutAction | null {
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    const letter = letterOf(e);
    return letter ? (ALT_LETTERS[letter] ?? null) : null;
  }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && letterOf(e) === "k") return "search";
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === "F1") return "help";
  if (editing) return null;
  if (e.key === "/") return "search";
  if (e.key === "?") return "help";
  return null;
}

/** Whether keys typed at `target` are text (an input, text area, select or editor). */
export function isEditable(target: EventTarget | null): boolean {
  if (typeof HTMLElement === "undefined" || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ["TEXTAREA", "SELECT"].includes(target.tagName)) return true;
  if (target.tagName !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
}
