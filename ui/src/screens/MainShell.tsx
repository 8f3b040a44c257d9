// The logged-in app: header, the current screen, idle lock. While locked, the screens stay mounted
// (hidden) under the lock screen so that nothing typed is lost.
import { Box } from "@mantine/core";
import { useCallback, useState } from "react";
import * as api from "../api";
import type { ClinicInfo } from "../bindings/ClinicInfo";
import type { PatientView } from "../bindings/PatientView";
import type { SessionInfo } from "../bindings/SessionInfo";
import { Header } from "../components/Header";
import { QueueScreen } from "../appointments/QueueScreen";
import { useIdleLock } from "../hooks/useIdleLock";
import { DashboardScreen } from "../dashboard/DashboardScreen";
import { TwoFactorDialog } from "../security/TwoFactorDialog";
import { LockScreen } from "./LockScreen";
import { PatientFormScreen } from "./PatientFormScreen";
import { PatientList, type ListQuery } from "./PatientList";
import { PatientPage } from "./PatientPage";
import { SyncIssuesScreen } from "./SyncIssuesScreen";
import { UsersScreen } from "./UsersScreen";
import { PharmacyScreen } from "../prescriptions/PharmacyScreen";
import { StockScreen } from "../stock/StockScreen";
import { RoomsScreen } from "../rooms/RoomsScreen";
import { BillingScreen } from "../billing/BillingScreen";
import { ChartScreen } from "../chart/ChartScreen";
import { LabScreen } from "../lab/LabScreen";
import { focusTestId, useGlobalShortcuts } from "../shortcuts/useGlobalShortcuts";
import { routeFor } from "../shortcuts/routeFor";
import { ShortcutHelp } from "../shortcuts/ShortcutHelp";
import type { QueueTab } from "../appointments/QueueScreen";
import { routeOfReminder } from "../reminders/route";

export type Route =
  | { name: "list" }
  | { name: "new" }
  | { name: "patient"; id: string; view?: PatientView }
  | { name: "chart"; id: string }
  | { name: "edit"; id: string }
  | { name: "issues" }
  | { name: "users" }
  | { name: "billing"; newInvoice?: boolean; seq?: number }
  | { name: "pharmacy" }
  | { name: "stock" }
  | { name: "rooms" }
  | { name: "lab" }
  | { name: "queue"; tab?: QueueTab; seq?: number }
  | { name: "dashboard" };

type Props = {
  clinic: ClinicInfo | null;
  session: SessionInfo;
  idleLockMinutes: number;
  onSession: (session: SessionInfo | null) => void;
};

export function MainShell({ clinic, session, idleLockMinutes, onSession }: Props) {
  const [route, setRoute] = useState<Route>({ name: "list" });
  const [twoFactorOpen, setTwoFactorOpen] = useState(false);
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

  // App-wide keyboard shortcuts (shortcuts/table.ts) and their help dialog.
  const [helpOpen, setHelpOpen] = useState(false);
  const [shortcutSeq, setShortcutSeq] = useState(0);
  useGlobalShortcuts(!session.locked, session.user.role, (action) => {
    if (action === "help") return setHelpOpen(true);
    setShortcutSeq((n) => n + 1);
    setRoute(routeFor(action, shortcutSeq + 1));
    if (action === "search") focusTestId("patient-search");
  });

  return (
    <>
      {session.locked && <LockScreen user={session.user} onUnlocked={onSession} onLogout={logout} />}
      <Box style={session.locked ? { display: "none" } : undefined} aria-hidden={session.locked}>
        <Header
          clinic={clinic}
          active={!session.locked}
          user={session.user}
          onPatients={() => setRoute({ name: "list" })}
          onQueue={() => setRoute({ name: "queue" })}
          onDashboard={() => setRoute({ name: "dashboard" })}
          onSyncIssues={() => setRoute({ name: "issues" })}
          onBilling={() => setRoute({ name: "billing" })}
          onPharmacy={() => setRoute({ name: "pharmacy" })}
          onStock={() => setRoute({ name: "stock" })}
          onRooms={() => setRoute({ name: "rooms" })}
          onLab={() => setRoute({ name: "lab" })}
          onUsers={() => setRoute({ name: "users" })}
          onTwoFactor={() => setTwoFactorOpen(true)}
          onShortcuts={() => setHelpOpen(true)}
          onReminder={(item) => setRoute(routeOfReminder(item))}
          onLock={lock}
          onLogout={logout}
        />
        <ShortcutHelp opened={helpOpen} role={session.user.role} onClose={() => setHelpOpen(false)} />
        {twoFactorOpen && (
          <TwoFactorDialog
            user={session.user}
            onClose={() => setTwoFactorOpen(false)}
            onChanged={(user) => onSession({ ...session, user })}
          />
        )}
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
          {route.name === "billing" && (
            <BillingScreen key={`billing-${route.seq ?? 0}`} role={session.user.role} newInvoice={route.newInvoice} />
          )}
          {route.name === "pharmacy" && <PharmacyScreen onOpenPatient={(id) => setRoute({ name: "patient", id })} />}
          {route.name === "stock" && <StockScreen role={session.user.role} />}
          {route.name === "rooms" && <RoomsScreen role={session.user.role} />}
          {route.name === "lab" && <LabScreen user={session.user} />}
          {route.name === "queue" && (
            <QueueScreen key={`queue-${route.seq ?? 0}`} role={session.user.role} initialTab={route.tab} />
          )}
          {route.name === "dashboard" && <DashboardScreen />}
          {route.name === "chart" && (
            <ChartScreen key={route.id} patientId={route.id} onBack={() => setRoute({ name: "patient", id: route.id })} />
          )}
          {route.name === "patient" && (
            <PatientPage key={route.id} id={route.id} initial={route.view} navigate={setRoute} />
          )}
        </Box>
      </Box>
    </>
  );
}
