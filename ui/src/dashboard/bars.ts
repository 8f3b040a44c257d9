// Layout of a small bar chart: one bar per day, heights scaled to the largest value.

export type Bar = { x: number; y: number; width: number; height: number; value: number; label: string };

/** Bars for `values` in a `width`×`height` box, with `gap` between bars. Zero and negative values get no height. */
export function layoutBars(
  values: { label: string; value: number }[],
  width: number,
  height: number,
  gap = 2,
): Bar[] {
  if (values.length === 0) return [];
  const max = Math.max(0, ...values.map((v) => v.value));
  const slot = width / values.length;
  const barWidth = Math.max(1, slot - gap);
  return values.map((v, i) => {
    const h = max > 0 && v.value > 0 ? Math.max(1, (v.value / max) * height) : 0;
    return { x: i * slot, y: height - h, width: barWidth, height: h, value: v.value, label: v.label };
  });
}
