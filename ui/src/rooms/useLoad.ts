// Loads a list from the core and keeps the last error (session errors are handled app-wide).
import { useCallback, useEffect, useState } from "react";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";

export function useLoad<T>(fetch: () => Promise<T>, initial: T) {
  const [data, setData] = useState<T>(initial);
  const [error, setError] = useState<ErrorBody | null>(null);
  const load = useCallback(() => {
    fetch()
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        const body = api.toErrorBody(e);
        if (!api.isSessionError(body)) setError(body);
      });
  }, [fetch]);
  useEffect(load, [load]);
  return { data, error, setError, load };
}

/** Runs a write; returns true when it worked, else records the error. */
export async function attempt(run: () => Promise<unknown>, setError: (e: ErrorBody | null) => void): Promise<boolean> {
  setError(null);
  try {
    await run();
    return true;
  } catch (raw) {
    const body = api.toErrorBody(raw);
    if (!api.isSessionError(body)) setError(body);
    return false;
  }
}
