// Moving through a list of results from the keyboard (pure: tested in listNav.test.ts).

/** The highlighted index after `key` in a list of `count` (−1: none); unchanged for other keys. */
export function moveIndex(current: number, count: number, key: string): number {
  if (count <= 0) return -1;
  const from = Math.min(Math.max(current, -1), count - 1);
  switch (key) {
    case "ArrowDown":
      return Math.min(count - 1, from + 1);
    case "ArrowUp":
      return Math.max(0, from - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return from;
  }
}

/** The index Enter picks: the highlighted one, else the first result; null when the list is empty. */
export function pickIndex(current: number, count: number): number | null {
  if (count <= 0) return null;
  return current >= 0 && current < count ? current : 0;
}
