// One typed function per command of docs/IPC.md. Argument names are exactly those of the contract.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "./bindings/AppStatus";
import type { AttachmentContent } from "./bindings/AttachmentContent";
import type { DuplicateCandidate } from "./bindings/DuplicateCandidate";
import type { ErrorBody } from "./bindings/ErrorBody";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { FieldError } from "./bindings/FieldError";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { NewUserInput } from "./bindings/NewUserInput";
import type { PatientInput } from "./bindings/PatientInput";
import type { PatientSummary } from "./bindings/PatientSummary";
import type { PatientView } from "./bindings/PatientView";
import type { Role } from "./bindings/Role";
import type { SessionInfo } from "./bindings/SessionInfo";
import type { SetupInput } from "./bindings/SetupInput";
import type { SyncIssueStatus } from "./bindings/SyncIssueStatus";
import type { SyncIssueView } from "./bindings/SyncIssueView";
import type { SyncStatus } from "./bindings/SyncStatus";
import type { UserSummary } from "./bindings/UserSummary";
import { toSyncError } from "./sync";

export const LOCALES = ["en", "fr"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** True for the `{code, message, fields}` objects every command rejects with. */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.message === "string" && Array.isArray(v.fields);
}

/** Turns anything a call can reject with into an `ErrorBody` (a bare string means the shell itself failed). */
export function toErrorBody(error: unknown): ErrorBody {
  if (isErrorBody(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code: ErrorCode = "internal";
  return { code, message, fields: [] };
}

/**
 * Maps the field errors of a rejection to `{[dotted field path]: message}` for forms. The first error
 * of a field wins (the core lists them in order of importance). `describe` turns one error into the
 * text to show, typically a translation of its code; by default the server's English message.
 */
export function fieldErrorMap(
  error: ErrorBody,
  describe: (e: FieldError) => string = (e) => e.message,
): Record<string, string> {
  const out: Record<string, string> = {};
  const fields =
    error.fields.length > 0 || error.field == null
      ? error.fields
      : [{ field: error.field, code: error.code, message: error.message }];
  for (const e of fields) {
    if (!(e.field in out)) out[e.field] = describe(e);
  }
  return out;
}

/** `locked` and `unauthenticated` are handled by the app (lock screen, login), not by the screen that called. */
export function isSessionError(error: ErrorBody): boolean {
  return error.code === "locked" || error.code === "unauthenticated";
}

type ErrorListener = (error: ErrorBody) => void;
const listeners = new Set<ErrorListener>();

/** Every rejection of every command is reported here (the app uses it for `locked`/`unauthenticated`). */
export function onCommandError(listener: ErrorListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const error = toErrorBody(raw);
    listeners.forEach((l) => l(error));
    throw error;
  }
}

export const appStatus = () => call<AppStatus>("app_status");
export const setup = (input: SetupInput) => call<SessionInfo>("setup", { input });
/** `totpCode`: the authenticator code, for a user with two-factor sign-in (`second_factor_required` without it). */
export const login = (username: string, password: string, totpCode: string | null = null) =>
  call<SessionInfo>("login", { username, password, totpCode });
export const logout = () => call<null>("logout");
export const lock = () => call<null>("lock");
/** Tells the core the person is still at the keyboard, so a long form does not lock mid-typing. */
export const touch = () => call<null>("touch");
export const unlock = (password: string) => call<SessionInfo>("unlock", { password });
export const setLocale = (locale: Locale) => call<null>("set_locale", { locale });
export const searchPatients = (query: string, includeDeleted: boolean, limit: number) =>
  call<PatientSummary[]>("search_patients", { query, includeDeleted, limit });
export const findDuplicates = (input: PatientInput, excludeId: string | null) =>
  call<DuplicateCandidate[]>("find_duplicates", { input, excludeId });
export const registerPatient = (input: PatientInput) => call<PatientView>("register_patient", { input });
export const updatePatient = (id: string, input: PatientInput) => call<PatientView>("update_patient", { id, input });
export const getPatient = (id: string) => call<PatientView>("get_patient", { id });
export const deletePatient = (id: string) => call<PatientView>("delete_patient", { id });
export const restorePatient = (id: string) => call<PatientView>("restore_patient", { id });
export const patientHistory = (id: string) => call<HistoryEntry[]>("patient_history", { id });
/** The patient's FHIR R4 Bundle, as JSON text. */
export const exportFhirBundle = (id: string) => call<string>("export_fhir_bundle", { id });
/** `bytes`: the file as standard base64. */
export const attachFile = (patientId: string, fileName: string, bytes: string) =>
  call<PatientView>("attach_file", { patientId, fileName, bytes });
export const removeAttachment = (patientId: string, sha256: string) =>
  call<PatientView>("remove_attachment", { patientId, sha256 });
/** Fetched from the central server first when this PC does not hold it yet. */
export const openAttachment = (patientId: string, sha256: string) =>
  call<AttachmentContent>("open_attachment", { patientId, sha256 });

// Sync commands reject with `SyncErrorView` (`{code, message, action}`): errors that say what to do.
async function callSync<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toSyncError(raw);
  }
}

export const syncStatus = () => callSync<SyncStatus>("sync_status");
export const syncNow = () => callSync<null>("sync_now");
export const connectServer = (serverUrl: string, code: string, deviceName: string, allowInsecureHttp: boolean) =>
  callSync<SyncStatus>("connect_server", { serverUrl, code, deviceName, allowInsecureHttp });

// The "Sync issues" inbox (concurrent edits and likely duplicates found by sync).
/** `status`: `"open"`, `"resolved"`, `"dismissed"`, or null for every issue. */
export const syncIssues = (status: SyncIssueStatus | null) => call<SyncIssueView[]>("sync_issues", { status });
export const openSyncIssueCount = () => call<number>("open_sync_issue_count");
/** Writes the value at `choice` (an index into the issue's `options`) into the record. */
export const resolveConflict = (issueId: string, choice: number) =>
  call<null>("resolve_conflict", { issueId, choice });
export const mergePatients = (issueId: string, keepId: string, mergeId: string) =>
  call<null>("merge_patients", { issueId, keepId, mergeId });
export const unmergePatient = (id: string) => call<null>("unmerge_patient", { id });
export const dismissIssue = (issueId: string) => call<null>("dismiss_issue", { issueId });
/** Fired on `window` after a resolution, so the header's count refreshes at once. */
export const SYNC_ISSUES_CHANGED = "sync-issues-changed";

export const listUsers = () => call<UserSummary[]>("list_users");
export const createUser = (input: NewUserInput) => call<UserSummary>("create_user", { input });
export const changeUserRole = (id: string, role: Role) => call<UserSummary>("change_user_role", { id, role });
export const resetUserPassword = (id: string, password: string) =>
  call<UserSummary>("reset_user_password", { id, password });
export const deactivateUser = (id: string) => call<UserSummary>("deactivate_user", { id });
export const reactivateUser = (id: string) => call<UserSummary>("reactivate_user", { id });
