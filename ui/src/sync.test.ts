import { describe, expect, it } from "vitest";
import type { SyncStatus } from "./bindings/SyncStatus";
import { age, checkServerUrl, syncBadge, toSyncError } from "./sync";

const base: SyncStatus = {
  connected: true,
  server_url: "https://central.example.org/",
  clinic_code: "KLA",
  device_code: "A1",
  online: true,
  last_success_at: "2026-11-22T09:00:00Z",
  last_attempt_at: "2026-11-22T09:00:00Z",
  pending_changes: 0,
  pending_attachments: 0,
  rejected_changes: 0,
  last_error: null,
  syncing: false,
};

describe("syncBadge", () => {
  const cases: [string, Partial<SyncStatus>, string, string][] = [
    ["not connected", { connected: false }, "gray", "notConnected"],
    ["syncing wins over errors", { syncing: true, online: false }, "blue", "syncing"],
    ["offline", { online: false, last_error: { code: "offline", message: "m", action: "a" } }, "yellow", "offline"],
    ["refused while online", { last_error: { code: "revoked", message: "m", action: "a" } }, "red", "error"],
    ["changes waiting", { pending_changes: 3 }, "yellow", "waiting"],
    ["never synced", { last_success_at: null }, "gray", "never"],
    ["all synced", {}, "green", "synced"],
  ];
  for (const [name, patch, tone, key] of cases) {
    it(name, () => expect(syncBadge({ ...base, ...patch })).toEqual({ tone, key }));
  }
});

describe("age", () => {
  const now = new Date("2026-11-22T10:00:00Z");
  it("picks the largest whole unit", () => {
    expect(age("2026-11-22T09:59:30Z", now)).toEqual({ unit: "seconds", count: 30 });
    expect(age("2026-11-22T09:15:00Z", now)).toEqual({ unit: "minutes", count: 45 });
    expect(age("2026-11-22T07:00:00Z", now)).toEqual({ unit: "hours", count: 3 });
    expect(age("2026-11-19T10:00:00Z", now)).toEqual({ unit: "days", count: 3 });
  });
  it("is null for nothing or garbage, and never negative", () => {
    expect(age(null, now)).toBeNull();
    expect(age("yesterday", now)).toBeNull();
    expect(age("2026-11-22T11:00:00Z", now)).toEqual({ unit: "seconds", count: 0 });
  });
});

describe("checkServerUrl", () => {
  it("accepts https and loopback http", () => {
    expect(checkServerUrl("https://central.example.org", false)).toBeNull();
    expect(checkServerUrl("http://127.0.0.1:8080", false)).toBeNull();
    expect(checkServerUrl("http://localhost:8080/", false)).toBeNull();
  });
  it("refuses empty, garbage and other schemes", () => {
    expect(checkServerUrl("  ", false)).toBe("required");
    expect(checkServerUrl("central", false)).toBe("invalid");
    expect(checkServerUrl("ftp://central.example.org", false)).toBe("invalid");
  });
  it("needs the explicit choice for plain http elsewhere", () => {
    expect(checkServerUrl("http://10.0.0.5:8080", false)).toBe("insecure");
    expect(checkServerUrl("http://10.0.0.5:8080", true)).toBeNull();
  });
});

describe("toSyncError", () => {
  it("keeps sync errors and wraps anything else", () => {
    expect(toSyncError({ code: "offline", message: "m", action: "a" })).toEqual({ code: "offline", message: "m", action: "a" });
    expect(toSyncError({ code: "forbidden", message: "m" })).toEqual({ code: "forbidden", message: "m", action: "" });
    expect(toSyncError("boom")).toEqual({ code: "internal", message: "boom", action: "" });
  });
});
