// "Connect to central server": the server address, the one-time enrollment code from the central
// admin, and a name for this PC. Used by an administrator from the sync panel, and by a new PC
// joining an existing clinic from the setup screen.
import { Button, Checkbox, Progress, Stack, Text } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import * as api from "../api";
import type { SyncErrorView } from "../bindings/SyncErrorView";
import type { SyncStatus } from "../bindings/SyncStatus";
import { listenUntilCleanup } from "../events";
import { checkServerUrl } from "../sync";
import { FormText } from "./FormText";
import { SyncErrorAlert } from "./SyncErrorAlert";

type Props = { onConnected: (status: SyncStatus) => void };

export function ConnectForm({ onConnected }: Props) {
  const { t } = useTranslation();
  const [server, setServer] = useState("");
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [insecure, setInsecure] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<SyncErrorView | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<[number, number] | null>(null);

  // A new PC receives the clinic's records in pages: the core reports `[done, total]`.
  useEffect(() => {
    if (!busy) {
      setProgress(null);
      return;
    }
    return listenUntilCleanup<[number, number]>("sync-progress", (e) => setProgress(e.payload));
  }, [busy]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const next: Record<string, string> = {};
    const urlProblem = checkServerUrl(server, insecure);
    if (urlProblem) next.server = t(`connect.url.${urlProblem}`);
    if (code.trim() === "") next.code = t("errors.required");
    if (name.trim() === "") next.name = t("errors.required");
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      onConnected(await api.connectServer(server.trim(), code.trim(), name.trim(), insecure));
    } catch (err) {
      setFailure(err as SyncErrorView);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("connect.intro")}
        </Text>
        <FormText
          label={t("connect.server")}
          description={t("connect.serverHint")}
          value={server}
          onChange={setServer}
          error={errors.server}
          testId="connect-server"
          errorTestId="error-connect-server"
          required
        />
        <FormText
          label={t("connect.code")}
          value={code}
          onChange={setCode}
          error={errors.code}
          testId="connect-code"
          errorTestId="error-connect-code"
          required
        />
        <FormText
          label={t("connect.deviceName")}
          description={t("connect.deviceNameHint")}
          value={name}
          onChange={setName}
          error={errors.name}
          testId="connect-device-name"
          errorTestId="error-connect-device-name"
          required
        />
        <Checkbox
          label={t("connect.allowInsecure")}
          checked={insecure}
          onChange={(e) => setInsecure(e.currentTarget.checked)}
          data-testid="connect-allow-insecure"
        />
        {progress && progress[1] > 0 && (
          <Stack gap={4} data-testid="connect-progress">
            <Text size="sm">{t("connect.progress", { done: progress[0], total: progress[1] })}</Text>
            <Progress value={(100 * progress[0]) / progress[1]} />
          </Stack>
        )}
        <SyncErrorAlert error={failure} testId="connect-error" />
        <Button type="submit" loading={busy} data-testid="connect-submit">
          {t("connect.submit")}
        </Button>
      </Stack>
    </form>
  );
}
