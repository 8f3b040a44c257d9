// The app status from the core, kept up to date when a call says the session is locked or gone.
import { useCallback, useEffect, useState } from "react";
import * as api from "../api";
import type { AppStatus } from "../bindings/AppStatus";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { SessionInfo } from "../bindings/SessionInfo";
import { applyLocale, localeFromTag } from "../i18n";

export function useAppStatus() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [loadError, setLoadError] = useState<ErrorBody | null>(null);

  const refresh = useCallback(async () => {
    try {
      const s = await api.appStatus();
      applyLocale(localeFromTag(s.locale));
      setStatus(s);
      setLoadError(null);
    } catch (e) {
      setLoadError(api.toErrorBody(e));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Any call may find the session locked (idle time in the core) or gone: follow it.
  useEffect(
    () =>
      api.onCommandError((e) => {
        if (e.code === "locked") {
          setStatus((s) => (s?.session ? { ...s, session: { ...s.session, locked: true } } : s));
        } else if (e.code === "unauthenticated") {
          setStatus((s) => (s ? { ...s, session: null } : s));
        }
      }),
    [],
  );

  const setSession = useCallback((session: SessionInfo | null) => {
    setStatus((s) => (s ? { ...s, session } : s));
  }, []);

  return { status, loadError, refresh, setSession };
}
