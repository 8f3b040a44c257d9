// Login with username and password, then the authenticator code for a user with two-factor sign-in.
import { Button, PasswordInput, Stack, TextInput, Title } from "@mantine/core";
import { useState, type ComponentPropsWithoutRef, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { SessionInfo } from "../bindings/SessionInfo";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";

export function LoginScreen({ onLoggedIn }: { onLoggedIn: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  /** Null until the core says this user needs an authenticator code. */
  const [code, setCode] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | undefined>();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setCodeError(undefined);
    try {
      onLoggedIn(await api.login(username, password, code));
    } catch (err) {
      const body = api.toErrorBody(err);
      if (body.code === "second_factor_required") {
        // The password was right: keep it, ask for the code.
        setCode("");
        return;
      }
      const codeField = body.fields.some((f) => f.field === "totp_code")
        ? translatedFieldErrors(t, body).totp_code
        : undefined;
      if (codeField) {
        // A wrong or reused code: the password stays, the code is typed again.
        setCodeError(codeField);
        setCode("");
        return;
      }
      setError(body);
      setPassword("");
      setCode(null);
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
        {code !== null && (
          <TextInput
            label={t("security.code")}
            description={t("security.loginHint")}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={codeError}
            data-testid="login-totp"
            errorProps={{ "data-testid": "error-login-totp" } as ComponentPropsWithoutRef<"div">}
          />
        )}
        <ErrorAlert error={error} testId="login-error" />
        <Button type="submit" loading={busy} data-testid="login-submit">
          {t("login.submit")}
        </Button>
      </Stack>
    </form>
  );
}
