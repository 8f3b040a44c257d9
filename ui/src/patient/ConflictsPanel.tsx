// Fields on which two PCs made concurrent edits: the value that won and the ones kept aside.
import { Alert, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FieldConflict } from "../bindings/FieldConflict";
import { fieldLabel } from "../i18n/messages";

export function ConflictsPanel({ conflicts }: { conflicts: FieldConflict[] }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" title={t("patient.conflicts")} data-testid="patient-conflicts">
      <Text size="sm" mb="xs">
        {t("patient.conflictsText")}
      </Text>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th>{t("patient.conflictValue")}</Table.Th>
            <Table.Th>{t("patient.conflictOthers")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conflicts.map((c) => (
            <Table.Tr key={c.field} data-testid="conflict" data-field={c.field}>
              <Table.Td fw={600}>{fieldLabel(t, c.field)}</Table.Td>
              <Table.Td>{c.value}</Table.Td>
              <Table.Td>{c.other_values.join(" · ")}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}
