// Keyboard use of the patient list: `/` focuses the search, ↑/↓ choose a row, Enter opens it,
// Alt+N registers a new patient.
import { useEffect, type RefObject } from "react";

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

type Options = {
  enabled: boolean;
  search: RefObject<HTMLInputElement | null>;
  count: number;
  setSelected: (update: (current: number) => number) => void;
  onEnter: () => void;
  onNew: () => void;
};

export function useListKeys({ enabled, search, count, setSelected, onEnter, onNew }: Options): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const inSearch = e.target === search.current;
      const free = !isEditable(e.target);
      if (e.altKey && e.code === "KeyN") {
        e.preventDefault();
        onNew();
      } else if (e.key === "/" && free) {
        e.preventDefault();
        search.current?.focus();
      } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && (inSearch || free) && count > 0) {
        e.preventDefault();
        const step = e.key === "ArrowDown" ? 1 : -1;
        setSelected((i) => Math.min(count - 1, Math.max(0, i + step)));
      } else if (e.key === "Enter" && (inSearch || (free && !(e.target instanceof HTMLButtonElement)))) {
        e.preventDefault();
        onEnter();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled, search, count, setSelected, onEnter, onNew]);
}
