// Allergy and interaction warnings, shown prominently while the doctor types.
import { Alert, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RxWarning } from "../bindings/RxWarning";
import { sortWarnings } from "./logic";

export function WarningList({ warnings }: { warnings: RxWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <Stack gap={4} role="alert" aria-live="polite">
      {sortWarnings(warnings).map((w, i) => (
        <Alert
          key={`${w.item}-${w.other}-${i}`}
          color={w.requires_override ? "red" : "orange"}
          variant={w.requires_override ? "filled" : "light"}
          p="xs"
          data-testid="rx-warning"
        >
          <Text size="sm" fw={w.requires_override ? 700 : 500}>
            {t(`prescriptions.severity.${w.severity}`)} ·{" "}
            {w.kind === "allergy"
              ? t("prescriptions.warningAllergy", { other: w.other, advice: w.advice })
              : t("prescriptions.warningInteraction", { drug: w.drug, other: w.other, advice: w.advice })}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}
