// Shown over the kept screens when the session is locked: the password unlocks it.
import { Button, Center, Group, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { SessionInfo } from "../bindings/SessionInfo";
import type { UserSummary } from "../bindings/UserSummary";
import { ErrorAlert } from "../components/ErrorAlert";

type Props = { user: UserSummary; onUnlocked: (session: SessionInfo) => void; onLogout: () => void };

export function LockScreen({ user, onUnlocked, onLogout }: Props) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await api.unlock(password));
    } catch (err) {
      setError(api.toErrorBody(err));
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="80vh" px="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={440}>
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Title order={2}>{t("lock.title")}</Title>
            <Text>{t("lock.message", { name: user.display_name })}</Text>
            <PasswordInput
              label={t("lock.password")}
              autoComplete="current-password"
              autoFocus
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-testid="unlock-password"
            />
            <ErrorAlert error={error} testId="unlock-error" />
            <Group justify="space-between">
              <Button variant="subtle" color="gray" onClick={onLogout} data-testid="lock-logout">
                {t("lock.switchUser")}
              </Button>
              <Button type="submit" loading={busy} data-testid="unlock-submit">
                {t("lock.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
