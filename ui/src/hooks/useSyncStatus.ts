// The sync status from the core: fetched at start, whenever the core says it changed
// ("sync-changed", sent by the background sync), and every 15 s so ages stay honest.
import { useCallback, useEffect, useState } from "react";
import * as api from "../api";
import { listenUntilCleanup } from "../events";
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
    const stopListening = listenUntilCleanup("sync-changed", () => void refresh());
    return () => {
      window.clearInterval(timer);
      stopListening();
    };
  }, [active, refresh]);

  return { status, error, refresh, setStatus };
}
