// The sync status from the core: fetched at start, whenever the core says it changed
// ("sync-changed", sent by the background sync), and every 15 s so ages stay honest.
import { listen } from "@tauri-apps/api/event";
import { useCallback, useEffect, useState } from "react";
import * as api from "../api";
import type { SyncErrorView } from "../bindings/SyncErrorView";
import type { SyncStatus } from "../bindings/SyncStatus";

const REFRESH_MS = 15_000;

export function useSyncStatus(active: boolean) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<SyncErrorView | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api.syncStatus());
      setError(null);
    } catch (e) {
      setError(e as SyncErrorView);
    }
  }, []);

  useEffect(() => {
    if (!active) return;
    void refresh();
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    listen("sync-changed", () => void refresh())
      .then((u) => {
        if (cancelled) u();
        else unlisten = u;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
      unlisten?.();
    };
  }, [active, refresh]);

  return { status, error, refresh, setStatus };
}
