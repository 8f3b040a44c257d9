import { describe, expect, it } from "vitest";
import { canManageStock, canSeeStock, daysLeft, expiryState, parseUnits, todayIso } from "./logic";

describe("stock logic", () => {
  it("parses whole units", () => {
    const cases: [string, boolean, number | null][] = [
      ["12", false, 12],
      [" 7 ", false, 7],
      ["-3", false, null],
      ["-3", true, -3],
      ["+4", true, 4],
      ["1.5", false, null],
      ["", false, null],
      ["abc", true, null],
      ["12345678", false, null],
    ];
    for (const [text, signed, want] of cases) expect(parseUnits(text, signed), text).toBe(want);
  });

  it("classifies expiry like the core (90 days)", () => {
    expect(daysLeft("2026-11-23", "2026-11-22")).toBe(1);
    expect(daysLeft("bad", "2026-11-22")).toBeNull();
    expect(expiryState("2026-11-21", "2026-11-22")).toBe("expired");
    expect(expiryState("2026-11-22", "2026-11-22")).toBe("soon");
    expect(expiryState("2027-02-20", "2026-11-22")).toBe("soon");
    expect(expiryState("2027-02-21", "2026-11-22")).toBe("ok");
    expect(todayIso(new Date(Date.UTC(2026, 10, 22, 23, 30)))).toBe("2026-11-22");
  });

  it("shows stock to prescription viewers and lets pharmacists manage it", () => {
    expect(canSeeStock("nurse")).toBe(true);
    expect(canSeeStock("receptionist")).toBe(false);
    expect(canManageStock("pharmacist")).toBe(true);
    expect(canManageStock("doctor")).toBe(false);
  });
});
