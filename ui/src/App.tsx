// Chooses the screen from the app status: setup on first run, login, then the main screens.
import { Button, Center, Loader, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PublicShell } from "./components/PublicShell";
import { useAppStatus } from "./hooks/useAppStatus";
import { errorText } from "./i18n/messages";
import { LoginScreen } from "./screens/LoginScreen";
import { MainShell } from "./screens/MainShell";
import { SetupWizard } from "./screens/SetupWizard";

export default function App() {
  const { t } = useTranslation();
  const { status, loadError, refresh, setSession } = useAppStatus();

  if (!status) {
    return (
      <Center h="100vh">
        {loadError ? (
          <Stack align="center">
            <Text fw={600}>{t("app.startupError")}</Text>
            <Text c="red">{errorText(t, loadError)}</Text>
            <Button onClick={() => void refresh()}>{t("app.retry")}</Button>
          </Stack>
        ) : (
          <Loader aria-label={t("app.loading")} />
        )}
      </Center>
    );
  }
  if (!status.initialized || status.needs_first_admin) {
    return (
      <PublicShell clinic={status.needs_first_admin ? status.clinic : undefined}>
        <SetupWizard onDone={() => void refresh()} joinedClinic={status.needs_first_admin ? status.clinic : null} />
      </PublicShell>
    );
  }
  if (!status.session) {
    return (
      <PublicShell clinic={status.clinic}>
        <LoginScreen onLoggedIn={setSession} />
      </PublicShell>
    );
  }
  return (
    <MainShell
      clinic={status.clinic}
      session={status.session}
      idleLockMinutes={status.idle_lock_minutes}
      onSession={setSession}
    />
  );
}
