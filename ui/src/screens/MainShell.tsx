// The logged-in app: header, the current screen, idle lock. While locked, the screens stay mounted
// (hidden) under the lock screen so that nothing typed is lost.
import { Box } from "@mantine/core";
import { useCallback, useState } from "react";
import * as api from "../api";
import type { ClinicInfo } from "../bindings/ClinicInfo";
import type { PatientView } from "../bindings/PatientView";
import type { SessionInfo } from "../bindings/SessionInfo";
import { Header } from "../components/Header";
import { useIdleLock } from "../hooks/useIdleLock";
import { LockScreen } from "./LockScreen";
import { PatientFormScreen } from "./PatientFormScreen";
import { PatientList, type ListQuery } from "./PatientList";
import { PatientPage } from "./PatientPage";
import { SyncIssuesScreen } from "./SyncIssuesScreen";
import { UsersScreen } from "./UsersScreen";

export type Route =
  | { name: "list" }
  | { name: "new" }
  | { name: "patient"; id: string; view?: PatientView }
  | { name: "edit"; id: string }
  | { name: "issues" }
  | { name: "users" };

type Props = {
  clinic: ClinicInfo | null;
  session: SessionInfo;
  idleLockMinutes: number;
  onSession: (session: SessionInfo | null) => void;
};

export function MainShell({ clinic, session, idleLockMinutes, onSession }: Props) {
  const [route, setRoute] = useState<Route>({ name: "list" });
  const [listQuery, setListQuery] = useState<ListQuery>({ query: "", includeDeleted: false });

  const lock = useCallback(() => {
    api
      .lock()
      .then(() => onSession({ ...session, locked: true }))
      .catch((e: unknown) => {
        // `locked` and `unauthenticated` are followed by the app status already.
        if (api.toErrorBody(e).code !== "unauthenticated") onSession({ ...session, locked: true });
      });
  }, [session, onSession]);

  const logout = useCallback(() => {
    api
      .logout()
      .catch(() => undefined)
      .finally(() => onSession(null));
  }, [onSession]);

  const stillHere = useCallback(() => {
    // A `locked` answer is handled by the app-wide error listener (it shows the lock screen).
    api.touch().catch(() => undefined);
  }, []);

  useIdleLock(idleLockMinutes, !session.locked, lock, stillHere);

  return (
    <>
      {session.locked && <LockScreen user={session.user} onUnlocked={onSession} onLogout={logout} />}
      <Box style={session.locked ? { display: "none" } : undefined} aria-hidden={session.locked}>
        <Header
          clinic={clinic}
          active={!session.locked}
          user={session.user}
          onPatients={() => setRoute({ name: "list" })}
          onSyncIssues={() => setRoute({ name: "issues" })}
          onUsers={() => setRoute({ name: "users" })}
          onLock={lock}
          onLogout={logout}
        />
        <Box component="main" p="md" maw={1200} mx="auto">
          {route.name === "list" && (
            <PatientList
              value={listQuery}
              onChange={setListQuery}
              onOpen={(id) => setRoute({ name: "patient", id })}
              onNew={() => setRoute({ name: "new" })}
              active={!session.locked}
            />
          )}
          {route.name === "new" && <PatientFormScreen key="new" navigate={setRoute} />}
          {route.name === "edit" && <PatientFormScreen key={`edit-${route.id}`} id={route.id} navigate={setRoute} />}
          {route.name === "issues" && <SyncIssuesScreen navigate={setRoute} />}
          {route.name === "users" && <UsersScreen />}
          {route.name === "patient" && (
            <PatientPage key={route.id} id={route.id} initial={route.view} navigate={setRoute} />
          )}
        </Box>
      </Box>
    </>
  );
}
