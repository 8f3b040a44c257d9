// Sync as people read it: one line for the header badge, and errors that always say what to do.
import type { SyncErrorView } from "./bindings/SyncErrorView";
import type { SyncStatus } from "./bindings/SyncStatus";

export type SyncTone = "gray" | "blue" | "green" | "yellow" | "red";

/** The badge: a colour and an i18n key under `sync.badge`. */
export function syncBadge(status: SyncStatus): { tone: SyncTone; key: string } {
  if (!status.connected) return { tone: "gray", key: "notConnected" };
  if (status.syncing) return { tone: "blue", key: "syncing" };
  if (status.last_error && !status.online) return { tone: "yellow", key: "offline" };
  if (status.last_error) return { tone: "red", key: "error" };
  if (status.pending_changes > 0) return { tone: "yellow", key: "waiting" };
  if (!status.last_success_at) return { tone: "gray", key: "never" };
  return { tone: "green", key: "synced" };
}

/** "5 min" style age of an RFC 3339 instant, as `{unit, count}` for i18n; null when unknown or unparseable. */
export function age(value: string | null, now: Date): { unit: "seconds" | "minutes" | "hours" | "days"; count: number } | null {
  if (!value) return null;
  const then = new Date(value).getTime();
  if (Number.isNaN(then)) return null;
  const seconds = Math.max(0, Math.round((now.getTime() - then) / 1000));
  if (seconds < 60) return { unit: "seconds", count: seconds };
  if (seconds < 3600) return { unit: "minutes", count: Math.floor(seconds / 60) };
  if (seconds < 86400) return { unit: "hours", count: Math.floor(seconds / 3600) };
  return { unit: "days", count: Math.floor(seconds / 86400) };
}

/** True for the `{code, message, action}` objects the sync commands reject with. */
export function isSyncError(value: unknown): value is SyncErrorView {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.message === "string";
}

/** Anything a sync command rejects with, as a `SyncErrorView`. */
export function toSyncError(error: unknown): SyncErrorView {
  if (isSyncError(error)) return { code: error.code, message: error.message, action: error.action ?? "" };
  const message = error instanceof Error ? error.message : String(error);
  return { code: "internal", message, action: "" };
}

/** A server address the connect form accepts: http(s) with a host. Plain HTTP needs the explicit choice. */
export function checkServerUrl(value: string, allowInsecure: boolean): "required" | "invalid" | "insecure" | null {
  const text = value.trim();
  if (text === "") return "required";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "invalid";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "invalid";
  if (url.hostname === "") return "invalid";
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol === "http:" && !loopback && !allowInsecure) return "insecure";
  return null;
}
