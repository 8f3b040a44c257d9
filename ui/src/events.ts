// Events the core sends to the window ("sync-changed", "sync-progress").
import { listen, type EventCallback } from "@tauri-apps/api/event";

/**
 * Listens to `event` until the returned function is called. Safe to call that function before the
 * listener is registered (an effect cleaned up at once): it is then removed as soon as it exists.
 */
export function listenUntilCleanup<T>(event: string, handler: EventCallback<T>): () => void {
  let unlisten: (() => void) | undefined;
  let cancelled = false;
  listen<T>(event, handler)
    .then((u) => {
      if (cancelled) u();
      else unlisten = u;
    })
    .catch(() => undefined);
  return () => {
    cancelled = true;
    unlisten?.();
  };
}
