import { describe, expect, it } from "vitest";
import { moveIndex, pickIndex } from "./listNav";

describe("moveIndex", () => {
  it("moves down and up within the list, stopping at its ends", () => {
    expect(moveIndex(0, 3, "ArrowDown")).toBe(1);
    expect(moveIndex(2, 3, "ArrowDown")).toBe(2);
    expect(moveIndex(1, 3, "ArrowUp")).toBe(0);
    expect(moveIndex(0, 3, "ArrowUp")).toBe(0);
    expect(moveIndex(-1, 3, "ArrowDown")).toBe(0);
    expect(moveIndex(1, 3, "Home")).toBe(0);
    expect(moveIndex(0, 3, "End")).toBe(2);
  });

  it("keeps the highlight inside a list that got shorter, and has none in an empty list", () => {
    expect(moveIndex(7, 3, "x")).toBe(2);
    expect(moveIndex(7, 3, "ArrowUp")).toBe(1);
    expect(moveIndex(0, 0, "ArrowDown")).toBe(-1);
  });
});

describe("pickIndex", () => {
  it("picks the highlighted result, else the first, else nothing", () => {
    expect(pickIndex(2, 3)).toBe(2);
    expect(pickIndex(-1, 3)).toBe(0);
    expect(pickIndex(5, 3)).toBe(0);
    expect(pickIndex(0, 0)).toBeNull();
  });
});
