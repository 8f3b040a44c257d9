// A sync error in plain language, with what to do about it.
import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SyncErrorView } from "../bindings/SyncErrorView";

export function SyncErrorAlert({ error, testId }: { error: SyncErrorView | null; testId: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = t([`syncErrors.${error.code}.message`, `errors.${error.code}`], { defaultValue: error.message });
  const action = t(`syncErrors.${error.code}.action`, { defaultValue: error.action });
  return (
    <Alert color="red" data-testid={testId} data-code={error.code}>
      <Text size="sm">{message}</Text>
      {action !== "" && (
        <Text size="sm" fw={600} mt={4}>
          {action}
        </Text>
      )}
    </Alert>
  );
}
