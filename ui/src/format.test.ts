import { describe, expect, it } from "vitest";
import { ageOn, formatBirthDate, formatDate, formatDateTime, formatNumber, todayIso } from "./format";

describe("formatDate", () => {
  it("writes calendar dates in the locale's way, without time-zone shifts", () => {
    expect(formatDate("2024-03-05", "en")).toBe("Mar 5, 2024");
    expect(formatDate("2024-03-05", "fr")).toBe("5 mars 2024");
    expect(formatDate("1990-12-31", "fr")).toBe("31 déc. 1990");
  });

  it("returns text that is not a real date as it is", () => {
    expect(formatDate("", "en")).toBe("");
    expect(formatDate("2024-02-30", "en")).toBe("2024-02-30");
    expect(formatDate("05/03/2024", "fr")).toBe("05/03/2024");
  });

  it("marks estimated birth dates with ~", () => {
    expect(formatBirthDate("1980-06-01", true, "en")).toBe("~Jun 1, 1980");
    expect(formatBirthDate("1980-06-01", false, "fr")).toBe("1 juin 1980");
  });
});

describe("formatDateTime and formatNumber", () => {
  it("use the locale's conventions", () => {
    const at = "2025-01-09T14:05:00Z";
    expect(formatDateTime(at, "en", "UTC")).toBe("Jan 9, 2025, 2:05 PM");
    expect(formatDateTime(at, "fr", "UTC")).toBe("9 janv. 2025, 14:05");
    expect(formatNumber(1234, "en")).toBe("1,234");
    expect(formatNumber(1234, "fr")).toBe("1\u202f234");
  });
});

describe("ageOn", () => {
  it("counts completed years", () => {
    expect(ageOn("2000-06-15", "2025-06-14")).toBe(24);
    expect(ageOn("2000-06-15", "2025-06-15")).toBe(25);
    expect(ageOn("2025-06-15", "2025-06-15")).toBe(0);
    expect(ageOn("2026-01-01", "2025-06-15")).toBeNull();
    expect(ageOn("", "2025-06-15")).toBeNull();
  });

  it("uses the local calendar day for today", () => {
    expect(todayIso(new Date(2025, 0, 9, 23, 59))).toBe("2025-01-09");
  });
});
