// The logged-in user's own two-factor sign-in: turn it on (scan the QR code or type the secret into an
// authenticator app, then type one code back) or off (with a current code).
import { Alert, Button, Code, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import QRCode from "qrcode";
import { useEffect, useState, type ComponentPropsWithoutRef } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { TwoFactorSetup } from "../bindings/TwoFactorSetup";
import type { UserSummary } from "../bindings/UserSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { translatedFieldErrors } from "../i18n/messages";
import { disableOwnTwoFactor, enableTwoFactor, groupSecret, newTwoFactorSecret } from "./api";

type Props = { user: UserSummary; onClose: () => void; onChanged: (user: UserSummary) => void };

export function TwoFactorDialog({ user, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | undefined>();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (user.two_factor) return;
    newTwoFactorSecret()
      .then(setSetup)
      .catch((e: unknown) => setError(api.toErrorBody(e)));
  }, [user.two_factor]);

  useEffect(() => {
    if (!setup) return;
    QRCode.toDataURL(setup.uri, { margin: 1, width: 192 })
      .then(setQr)
      .catch(() => setQr(null));
  }, [setup]);

  const submit = () => {
    setBusy(true);
    setCodeError(undefined);
    setError(null);
    const done = user.two_factor ? disableOwnTwoFactor(code) : enableTwoFactor(setup?.secret ?? "", code);
    done
      .then((u) => {
        onChanged(u);
        onClose();
      })
      .catch((e: unknown) => {
        const body = api.toErrorBody(e);
        const fields = translatedFieldErrors(t, body);
        if (fields.totp_code) setCodeError(fields.totp_code);
        else setError(body);
      })
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened onClose={onClose} title={t("security.title")} data-testid="two-factor-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          {user.two_factor ? (
            <Text>{t("security.onExplain")}</Text>
          ) : (
            <>
              <Text>{t("security.scan")}</Text>
              {qr && <img src={qr} alt={t("security.qrAlt")} width={192} height={192} data-testid="two-factor-qr" />}
              {setup && (
                <Alert variant="light">
                  <Text size="sm">{t("security.typeInstead")}</Text>
                  <Code data-testid="two-factor-secret">{groupSecret(setup.secret)}</Code>
                </Alert>
              )}
            </>
          )}
          <TextInput
            label={t("security.code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            autoFocus
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={codeError}
            data-testid="two-factor-code"
            errorProps={{ "data-testid": "error-totp-code" } as ComponentPropsWithoutRef<"div">}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("security.cancel")}
            </Button>
            <Button
              type="submit"
              loading={busy}
              color={user.two_factor ? "red" : undefined}
              disabled={!user.two_factor && !setup}
              data-testid="two-factor-submit"
            >
              {user.two_factor ? t("security.turnOff") : t("security.turnOn")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
