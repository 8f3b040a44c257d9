// A failed call that concerns no single field, translated.
import { Alert, Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ErrorBody } from "../bindings/ErrorBody";
import { errorText } from "../i18n/messages";

type Props = { error: ErrorBody | null; testId?: string; onRetry?: () => void };

export function ErrorAlert({ error, testId, onRetry }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" data-testid={testId} role="alert">
      {errorText(t, error)}
      {onRetry && (
        <Button size="xs" variant="light" color="red" ml="md" onClick={onRetry}>
          {t("app.retry")}
        </Button>
      )}
    </Alert>
  );
}
