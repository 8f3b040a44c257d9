// Calls `onIdle` once after `minutes` without keyboard, mouse or touch activity (0 turns it off).
// While the person is active, `onActive` is called at most once a minute, so the core (which locks
// on its own after the same idle time without a call) knows someone is typing a long form.
import { useEffect, useRef } from "react";

const ACTIVE_EVERY_MS = 60_000;

const ACTIVITY = ["keydown", "mousemove", "mousedown", "wheel", "touchstart"] as const;

export function useIdleLock(
  minutes: number,
  enabled: boolean,
  onIdle: () => void,
  onActive: () => void = () => undefined,
): void {
  const lastActivity = useRef(Date.now());
  const lastReported = useRef(Date.now());
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  const onActiveRef = useRef(onActive);
  onActiveRef.current = onActive;

  useEffect(() => {
    if (!enabled || minutes <= 0) return;
    lastActivity.current = Date.now();
    const touch = () => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastReported.current >= ACTIVE_EVERY_MS) {
        lastReported.current = now;
        onActiveRef.current();
      }
    };
    ACTIVITY.forEach((name) => window.addEventListener(name, touch, { passive: true }));
    const limit = minutes * 60_000;
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= limit) {
        window.clearInterval(timer);
        onIdleRef.current();
      }
    }, Math.min(5_000, limit));
    return () => {
      window.clearInterval(timer);
      ACTIVITY.forEach((name) => window.removeEventListener(name, touch));
    };
  }, [minutes, enabled]);
}
