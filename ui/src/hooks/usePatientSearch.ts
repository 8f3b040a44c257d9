// Live patient search: asks the core ~150 ms after the last keystroke, ignoring late answers.
import { useEffect, useRef, useState } from "react";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { PatientSummary } from "../bindings/PatientSummary";
import { useDebounced } from "./useDebounced";

export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_LIMIT = 100;

export function usePatientSearch(query: string, includeDeleted: boolean, enabled: boolean) {
  const settled = useDebounced(query, SEARCH_DEBOUNCE_MS);
  const [results, setResults] = useState<PatientSummary[]>([]);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const ticket = ++latest.current;
    setLoading(true);
    api
      .searchPatients(settled.trim(), includeDeleted, SEARCH_LIMIT)
      .then((rows) => {
        if (ticket !== latest.current) return;
        setResults(rows);
        setError(null);
      })
      .catch((e: unknown) => {
        if (ticket === latest.current) setError(api.toErrorBody(e));
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
  }, [settled, includeDeleted, enabled]);

  return { results, error, loading };
}
