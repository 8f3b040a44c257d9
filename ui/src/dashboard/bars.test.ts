import { describe, expect, it } from "vitest";
import { layoutBars } from "./bars";

describe("layoutBars", () => {
  it("scales bars to the largest value and lines them up", () => {
    const bars = layoutBars(
      [
        { label: "a", value: 2 },
        { label: "b", value: 4 },
        { label: "c", value: 0 },
      ],
      90,
      40,
    );
    expect(bars.map((b) => b.height)).toEqual([20, 40, 0]);
    expect(bars.map((b) => b.y)).toEqual([20, 0, 40]);
    expect(bars.map((b) => b.x)).toEqual([0, 30, 60]);
    expect(bars[0]?.width).toBe(28);
  });

  it("draws nothing tall when every value is zero or negative, and nothing for no data", () => {
    expect(layoutBars([{ label: "a", value: 0 }, { label: "b", value: -5 }], 10, 10).map((b) => b.height)).toEqual([0, 0]);
    expect(layoutBars([], 10, 10)).toEqual([]);
  });

  it("keeps a tiny but visible bar for a small non-zero value", () => {
    const bars = layoutBars([{ label: "a", value: 1 }, { label: "b", value: 10_000 }], 20, 50);
    expect(bars[0]?.height).toBe(1);
  });
});
