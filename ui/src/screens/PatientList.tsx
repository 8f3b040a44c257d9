// The patient list: live search, "show deleted", keyboard navigation.
import { Badge, Button, Group, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatBirthDate, formatNumber } from "../format";
import { useListKeys } from "../hooks/useListKeys";
import { usePatientSearch } from "../hooks/usePatientSearch";
import { enumLabel } from "../i18n/messages";

export type ListQuery = { query: string; includeDeleted: boolean };

type Props = {
  value: ListQuery;
  onChange: (value: ListQuery) => void;
  onOpen: (id: string) => void;
  onNew: () => void;
  active: boolean;
};

export function PatientList({ value, onChange, onOpen, onNew, active }: Props) {
  const { t, i18n } = useTranslation();
  const search = useRef<HTMLInputElement>(null);
  const { results, error } = usePatientSearch(value.query, value.includeDeleted, active);
  const [selected, setSelected] = useState(0);

  useEffect(() => setSelected(0), [results]);
  useEffect(() => {
    document.querySelector('[data-testid="patient-row"][aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  const openSelected = useCallback(() => {
    const row = results[selected];
    if (row) onOpen(row.id);
  }, [results, selected, onOpen]);

  useListKeys({ enabled: active, search, count: results.length, setSelected, onEnter: openSelected, onNew });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t("list.title")}</Title>
        <Button data-testid="new-patient" onClick={onNew}>
          {t("list.newPatient")}
        </Button>
      </Group>
      <Group align="end">
        <TextInput
          ref={search}
          flex={1}
          autoFocus
          label={t("list.search")}
          placeholder={t("list.searchPlaceholder")}
          value={value.query}
          onChange={(e) => onChange({ ...value, query: e.currentTarget.value })}
          data-testid="patient-search"
        />
        <Switch
          mb={8}
          label={t("list.showDeleted")}
          checked={value.includeDeleted}
          onChange={(e) => onChange({ ...value, includeDeleted: e.currentTarget.checked })}
          data-testid="show-deleted"
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t("list.shortcuts")}
      </Text>
      <ErrorAlert error={error} />
      <Table highlightOnHover striped={false} data-testid="patient-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("list.columns.number")}</Table.Th>
            <Table.Th>{t("list.columns.name")}</Table.Th>
            <Table.Th>{t("list.columns.sex")}</Table.Th>
            <Table.Th>{t("list.columns.birthDate")}</Table.Th>
            <Table.Th>{t("list.columns.phone")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.map((p, i) => (
            <Table.Tr
              key={p.id}
              data-testid="patient-row"
              data-number={p.number}
              aria-selected={i === selected}
              bg={i === selected ? "blue.0" : undefined}
              style={{ cursor: "pointer" }}
              onClick={() => onOpen(p.id)}
              onMouseEnter={() => setSelected(i)}
            >
              <Table.Td ff="monospace">{p.number}</Table.Td>
              <Table.Td>
                {p.given_name} {p.family_name}{" "}
                {p.deleted && (
                  <Badge color="gray" size="sm">
                    {t("list.deleted")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{enumLabel(t, "sex", p.sex)}</Table.Td>
              <Table.Td title={p.birth_date_estimated ? t("list.estimated") : undefined}>
                {formatBirthDate(p.birth_date, p.birth_date_estimated, i18n.language)}
              </Table.Td>
              <Table.Td>{p.phone}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" data-testid="patient-count">
        {results.length === 0 ? t("list.empty") : t("list.count", { n: formatNumber(results.length, i18n.language) })}
      </Text>
    </Stack>
  );
}
