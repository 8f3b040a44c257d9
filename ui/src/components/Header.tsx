// The main header: clinic, navigation, the user and role, lock, logout and language.
import { Box, Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ClinicInfo } from "../bindings/ClinicInfo";
import type { UserSummary } from "../bindings/UserSummary";
import { enumLabel } from "../i18n/messages";
import { LocaleSelect } from "./LocaleSelect";
import { SyncIndicator } from "./SyncIndicator";
import { SyncIssuesButton } from "./SyncIssuesButton";
import { canViewBilling } from "../billing/logic";
import { canSeeAppointments } from "../appointments/logic";
import { canDispense } from "../prescriptions/useRole";
import { canSeeStock } from "../stock/logic";
import { canSeeLab } from "../lab/flags";
import { canSeeRooms } from "../rooms/logic";
import type { ReminderItem } from "../bindings/ReminderItem";
import { RemindersButton } from "../reminders/RemindersButton";

type Props = {
  clinic: ClinicInfo | null;
  /** False while the session is locked: no status calls then. */
  active: boolean;
  user: UserSummary;
  onPatients: () => void;
  /** The day's queue, bookings and calendars: roles with appointment_view. */
  onQueue: () => void;
  onSyncIssues: () => void;
  /** Invoices, price list and cash-up: roles with billing_view. */
  onBilling?: () => void;
  /** The pharmacy work list: pharmacists. */
  onPharmacy?: () => void;
  /** Pharmacy stock levels: roles with prescription_view. */
  onStock?: () => void;
  /** The laboratory work list: roles with lab_view. */
  onLab?: () => void;
  /** Rooms, beds and today's room assignments: roles with appointment_view. */
  onRooms?: () => void;
  /** Shown to administrators only (the core refuses everyone else anyway). */
  onUsers: () => void;
  onLock: () => void;
  onLogout: () => void;
  /** Opens the user's own two-factor sign-in settings. */
  onTwoFactor: () => void;
  /** The front-desk dashboard: roles with appointment_view. */
  onDashboard?: () => void;
  /** Opens the keyboard shortcuts help. */
  onShortcuts?: () => void;
  /** Opens the screen of a chosen reminder (the reminders panel is shown when set). */
  onReminder?: (item: ReminderItem) => void;
};

export function Header({ clinic, active, user, onPatients, onQueue, onSyncIssues, onBilling, onPharmacy, onStock, onLab, onRooms, onUsers, onLock, onLogout, onTwoFactor, onDashboard, onShortcuts, onReminder }: Props) {
  const { t } = useTranslation();
  return (
    <Box component="header" px="md" py="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="lg" wrap="nowrap">
          <Box>
            <Text fw={700} data-testid="header-clinic">
              {clinic ? t("header.clinic", { name: clinic.name, code: clinic.code }) : t("app.name")}
            </Text>
            {clinic && (
              <Text size="xs" c="dimmed">
                {t("header.device", { code: clinic.device_code })}
              </Text>
            )}
          </Box>
          <Button variant="subtle" data-testid="nav-patients" onClick={onPatients}>
            {t("header.patients")}
          </Button>
          {onDashboard && canSeeAppointments(user.role) && (
            <Button variant="subtle" data-testid="nav-dashboard" onClick={onDashboard}>
              {t("dashboard.nav")}
            </Button>
          )}
          {canSeeAppointments(user.role) && (
            <Button variant="subtle" data-testid="nav-queue" onClick={onQueue}>
              {t("appointments.nav")}
            </Button>
          )}
          {onPharmacy && canDispense(user.role) && (
            <Button variant="subtle" data-testid="nav-pharmacy" onClick={onPharmacy}>
              {t("prescriptions.pharmacy.nav")}
            </Button>
          )}
          {onLab && canSeeLab(user.role) && (
            <Button variant="subtle" data-testid="nav-lab" onClick={onLab}>
              {t("lab.nav")}
            </Button>
          )}
          {onStock && canSeeStock(user.role) && (
            <Button variant="subtle" data-testid="nav-stock" onClick={onStock}>
              {t("stock.nav")}
            </Button>
          )}
          {onRooms && canSeeRooms(user.role) && (
            <Button variant="subtle" data-testid="nav-rooms" onClick={onRooms}>
              {t("rooms.nav")}
            </Button>
          )}
          {onBilling && canViewBilling(user.role) && (
            <Button variant="subtle" data-testid="nav-billing" onClick={onBilling}>
              {t("billing.nav")}
            </Button>
          )}
          <SyncIssuesButton active={active} onOpen={onSyncIssues} />
          {onReminder && <RemindersButton active={active} onOpen={onReminder} />}
          {user.role === "administrator" && (
            <Button variant="subtle" data-testid="nav-users" onClick={onUsers}>
              {t("header.users")}
            </Button>
          )}
        </Group>
        <Group gap="sm" wrap="nowrap">
          <SyncIndicator isAdmin={user.role === "administrator"} active={active} />
          <Text size="sm" data-testid="header-user">
            {t("header.user", { name: user.display_name, role: enumLabel(t, "role", user.role) })}
          </Text>
          <Button variant="subtle" size="xs" data-testid="header-two-factor" onClick={onTwoFactor}>
            {user.two_factor ? t("security.badge") : t("security.headerOff")}
          </Button>
          {onShortcuts && (
            <Button variant="subtle" size="xs" data-testid="header-shortcuts" aria-label={t("shortcuts.open")} title={t("shortcuts.open")} onClick={onShortcuts}>
              ?
            </Button>
          )}
          <LocaleSelect />
          <Button variant="default" size="xs" data-testid="lock" onClick={onLock}>
            {t("header.lock")}
          </Button>
          <Button variant="light" color="red" size="xs" data-testid="logout" onClick={onLogout}>
            {t("header.logout")}
          </Button>
        </Group>
      </Group>
    </Box>
  );
}
