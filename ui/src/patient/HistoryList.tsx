// A record's changes, oldest first as the core lists them: when, who, on which device, what, which fields.
import { Badge, Group, List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import { formatDateTime } from "../format";
import { enumLabel, fieldLabel } from "../i18n/messages";

export function HistoryList({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="patient-history">
        {t("patient.historyEmpty")}
      </Text>
    );
  }
  return (
    <List listStyleType="none" spacing="sm" data-testid="patient-history">
      {entries.map((e, i) => (
        <List.Item key={`${e.at}-${i}`} data-testid="history-entry" data-action={e.action}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {formatDateTime(e.at, i18n.language)}
            </Text>
            <Badge variant="light">{enumLabel(t, "historyAction", e.action)}</Badge>
            {e.source !== "ui" && (
              <Badge variant="outline" color="gray">
                {enumLabel(t, "changeSource", e.source)}
              </Badge>
            )}
            <Text size="sm">{t("patient.historyLine", { user: e.username, device: e.device_id })}</Text>
          </Group>
          {e.fields.length > 0 && (
            <Text size="xs" c="dimmed">
              {t("patient.historyFields", { fields: e.fields.map((f) => fieldLabel(t, f)).join(", ") })}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}
