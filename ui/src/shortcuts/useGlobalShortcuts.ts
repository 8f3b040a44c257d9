// The app-wide shortcuts (table.ts) on the window, in the capture phase so that a screen's own keys
// never see a key that was a shortcut. Nothing happens while a dialog is open (it has the keyboard).
import { useEffect, useRef } from "react";
import type { Role } from "../bindings/Role";
import { isEditable, matchShortcut, type ShortcutAction } from "./table";

export function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"], .mantine-Modal-content') !== null;
}

/** Focuses (and selects the text of) the element with this test id once it is in the page. */
export function focusTestId(testId: string, tries = 20): void {
  const element = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (element) {
    element.focus();
    if (element instanceof HTMLInputElement) element.select();
  } else if (tries > 0) {
    window.setTimeout(() => focusTestId(testId, tries - 1), 25);
  }
}

export function useGlobalShortcuts(enabled: boolean, role: Role, onAction: (action: ShortcutAction) => void): void {
  const latest = useRef(onAction);
  latest.current = onAction;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || dialogOpen()) return;
      const action = matchShortcut(e, isEditable(e.target), role);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      latest.current(action);
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [enabled, role]);
}

/** Moves the focus to the first field marked invalid under `root` (after a refused save). */
export function focusFirstInvalid(root: ParentNode = document): void {
  root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
