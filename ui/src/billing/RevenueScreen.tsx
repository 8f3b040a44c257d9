// Revenue of issued invoices over a period, by category, price item or clinician.
import { Button, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorBody } from "../bindings/ErrorBody";
import type { Revenue } from "../bindings/Revenue";
import type { RevenueGroup } from "../bindings/RevenueGroup";
import { ErrorAlert } from "../components/ErrorAlert";
import * as billing from "./api";
import { formatMoney, localDay } from "./logic";

export function RevenueScreen() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(localDay());
  const [to, setTo] = useState(localDay());
  const [group, setGroup] = useState<RevenueGroup>("category");
  const [data, setData] = useState<Revenue | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  const load = useCallback(() => {
    billing.revenue(from, to, group).then(
      (r) => (setData(r), setError(null)),
      (e: ErrorBody) => setError(e),
    );
  }, [from, to, group]);
  useEffect(load, [load]);

  const money = (m: number) => (data ? formatMoney(m, data.currency, i18n.language) : "");
  const label = (key: string, fallback: string) =>
    group === "category" ? t(`billing.category.${key}`, { defaultValue: key }) : fallback;
  return (
    <Stack data-testid="revenue">
      <Group align="flex-end">
        <TextInput type="date" label={t("billing.revenue.from")} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t("billing.revenue.to")} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Select label={t("billing.revenue.group")} value={group} allowDeselect={false}
          data={(["category", "item", "clinician"] as const).map((g) => ({ value: g, label: t(`billing.revenue.by.${g}`) }))}
          onChange={(v) => v && setGroup(v as RevenueGroup)} />
        <Button onClick={load}>{t("billing.cashUp.load")}</Button>
      </Group>
      <ErrorAlert error={error} />
      {data && data.rows.length === 0 && <Text c="dimmed">{t("billing.revenue.empty")}</Text>}
      {data && data.rows.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`billing.revenue.by.${group}`)}</Table.Th>
              <Table.Th ta="right">{t("billing.revenue.net")}</Table.Th>
              <Table.Th ta="right">{t("billing.invoice.tax")}</Table.Th>
              <Table.Th ta="right">{t("billing.invoice.total")}</Table.Th>
              <Table.Th ta="right">{t("billing.revenue.lines")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r) => (
              <Table.Tr key={r.key} data-testid="revenue-row">
                <Table.Td>{label(r.key, r.label)}</Table.Td>
                <Table.Td ta="right">{money(r.net)}</Table.Td>
                <Table.Td ta="right">{money(r.tax)}</Table.Td>
                <Table.Td ta="right">{money(r.total)}</Table.Td>
                <Table.Td ta="right">{r.lines}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{t("billing.cashUp.totals")}</Table.Td>
              <Table.Td ta="right">{money(data.net)}</Table.Td>
              <Table.Td ta="right">{money(data.tax)}</Table.Td>
              <Table.Td ta="right">{money(data.total)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
