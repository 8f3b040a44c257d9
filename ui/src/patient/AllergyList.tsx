// A patient's allergies, most severe first, coloured by severity.
import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Allergy } from "../bindings/Allergy";
import type { AllergySeverity } from "../bindings/AllergySeverity";
import { enumLabel } from "../i18n/messages";
import { SEVERITIES } from "./AllergyRows";

const COLOR: Record<AllergySeverity, string> = {
  mild: "yellow",
  moderate: "orange",
  severe: "red",
  life_threatening: "grape",
};

export function AllergyList({ allergies }: { allergies: Allergy[] }) {
  const { t } = useTranslation();
  if (allergies.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="patient-allergies">
        {t("patient.noAllergies")}
      </Text>
    );
  }
  const sorted = [...allergies].sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity));
  return (
    <Stack gap="xs" data-testid="patient-allergies">
      {sorted.map((a) => (
        <Paper
          key={a.id}
          withBorder
          p="xs"
          bg={`${COLOR[a.severity]}.0`}
          style={{ borderLeft: `4px solid var(--mantine-color-${COLOR[a.severity]}-6)` }}
          data-testid="allergy"
          data-severity={a.severity}
        >
          <Group gap="sm">
            <Text fw={700}>{a.substance}</Text>
            <Badge color={COLOR[a.severity]}>{enumLabel(t, "severity", a.severity)}</Badge>
            {a.reaction && <Text size="sm">{a.reaction}</Text>}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
