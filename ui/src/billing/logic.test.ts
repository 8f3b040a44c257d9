import { describe, expect, it } from "vitest";
import {
  amountText,
  applyBp,
  canManageBilling,
  canViewBilling,
  formatMoney,
  linePreview,
  parseMoney,
  parsePercent,
  sumLines,
} from "./logic";

const usd = { code: "USD", minor_digits: 2 };
const ugx = { code: "UGX", minor_digits: 0 };

describe("billing arithmetic (same cases as the Rust domain tests)", () => {
  it.each([
    [1000, 0, 1, "none", 0, [1000, 0, 1000, 0, 1000]],
    [1000, 1800, 2, "none", 0, [2000, 0, 2000, 360, 2360]],
    [999, 1800, 1, "none", 0, [999, 0, 999, 180, 1179]],
    [25, 1000, 1, "none", 0, [25, 0, 25, 3, 28]],
    [14, 1000, 1, "none", 0, [14, 0, 14, 1, 15]],
    [1000, 1800, 3, "amount", 500, [3000, 500, 2500, 450, 2950]],
    [1000, 1800, 3, "percent", 1000, [3000, 300, 2700, 486, 3186]],
    [333, 0, 1, "percent", 5000, [333, 167, 166, 0, 166]],
  ] as const)("%i × %i qty, tax %i bp, %s %i", (price, tax, qty, kind, value, want) => {
    const l = linePreview(price, tax, qty, kind, value);
    expect([l.gross, l.discount, l.net, l.tax, l.total]).toEqual(want);
  });

  it("rounds halves away from zero", () => {
    expect(applyBp(5, 5000)).toBe(3);
    expect(applyBp(-5, 5000)).toBe(-3);
    expect(applyBp(1, 4999)).toBe(0);
  });

  it("totals are the sum of lines", () => {
    const lines = [linePreview(2000, 0, 1, "none", 0), linePreview(1500, 1800, 1, "none", 0), linePreview(50, 0, 10, "none", 0)];
    expect(sumLines(lines).total).toBe(4270);
  });
});

describe("money text", () => {
  it("formats per locale and currency", () => {
    expect(formatMoney(123456, usd, "en")).toBe("1,234.56 USD");
    expect(formatMoney(123456, usd, "fr").replace(/[\u202f\u00a0]/g, " ")).toBe("1 234,56 USD");
    expect(formatMoney(25000, ugx, "en")).toBe("25,000 UGX");
    expect(formatMoney(-250, usd, "en")).toBe("-2.50 USD");
  });

  it("parses typed amounts without floats", () => {
    expect(parseMoney("12.5", 2)).toBe(1250);
    expect(parseMoney("12,50", 2)).toBe(1250);
    expect(parseMoney("1 200", 0)).toBe(1200);
    expect(parseMoney("0.07", 2)).toBe(7);
    expect(parseMoney("19.99", 2)).toBe(1999);
    expect(parseMoney("1.234", 2)).toBeNull();
    expect(parseMoney("abc", 2)).toBeNull();
    expect(parseMoney("-5", 2)).toBeNull();
    expect(parsePercent("18")).toBe(1800);
    expect(parsePercent("12.5")).toBe(1250);
    expect(parsePercent("101")).toBeNull();
    expect(amountText(1250, 2)).toBe("12.50");
    expect(amountText(7, 2)).toBe("0.07");
    expect(amountText(1200, 0)).toBe("1200");
  });

  it("billing is shown to the roles that hold billing_view", () => {
    expect(canViewBilling("receptionist")).toBe(true);
    expect(canViewBilling("doctor")).toBe(false);
    expect(canManageBilling("receptionist")).toBe(false);
    expect(canManageBilling("administrator")).toBe(true);
  });
});
