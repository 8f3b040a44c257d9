// Login with username and password.
import { Button, PasswordInput, Stack, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorAlert } from "../components/ErrorAlert";

export function LoginScreen({ onLoggedIn }: { onLoggedIn: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await api.login(username, password));
    } catch (err) {
      setError(api.toErrorBody(err));
      setPassword("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack>
        <Title order={2}>{t("login.title")}</Title>
        <TextInput
          label={t("login.username")}
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          data-testid="login-username"
        />
        <PasswordInput
          label={t("login.password")}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          data-testid="login-password"
        />
        <ErrorAlert error={error} testId="login-error" />
        <Button type="submit" loading={busy} data-testid="login-submit">
          {t("login.submit")}
        </Button>
      </Stack>
    </form>
  );
}
