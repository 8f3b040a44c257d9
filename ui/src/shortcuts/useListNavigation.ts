// ↑/↓ and Enter in a search box with results under it: the highlighted result is the one Enter picks
// (the first one until the arrows move). Spread `onKeyDown` on the input; `isActive(i)` styles a result.
import { useCallback, useEffect, useState, type KeyboardEvent } from "react";
import { moveIndex, pickIndex } from "./listNav";

export function useListNavigation<T>(items: readonly T[], idOf: (item: T) => string, onPick: (item: T) => void) {
  const [active, setActive] = useState(0);
  const key = items.map(idOf).join("|");
  useEffect(() => setActive(0), [key]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (items.length === 0) return;
        e.preventDefault();
        setActive((i) => moveIndex(i, items.length, e.key));
      } else if (e.key === "Enter" && !e.nativeEvent.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
        const i = pickIndex(active, items.length);
        const item = i === null ? undefined : items[i];
        if (item === undefined) return;
        e.preventDefault();
        onPick(item);
      }
    },
    [items, active, onPick],
  );

  return { active, setActive, onKeyDown, isActive: (i: number) => i === active };
}
